import { queryRows } from "@countersign/approvals";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseRequest, startTestServer, type TestServer } from "./support/start-test-server";

let t: TestServer;
let key: string;
beforeAll(async () => {
  t = await startTestServer({
    env: { COUNTERSIGN_RATE_LIMIT_PER_MINUTE: "100000", COUNTERSIGN_MAX_PENDING_PER_REQUESTER: "100000" },
  });
  key = (
    await t.createKey(["requests:write", "requests:read", "tokens:redeem", "decisions:write"], "alice@example.com")
  ).key;
});
afterAll(() => t?.close());

// Rows a refused request could have left behind. Rows about requests that already exist are
// left out: the worker keeps expiring earlier requests (ttl_seconds can be 1) and delivering
// their callbacks while the fuzzer runs, and those writes are not the refusal's doing.
async function rowCounts() {
  const [row] = await queryRows<{ requests: number; outbox: number; audit: number }>(
    t.engine.db,
    sql`select (select count(*)::int from requests) as requests,
               (select count(*)::int from outbox
                 where request_id is null or request_id not in (select id from requests)) as outbox,
               (select count(*)::int from audit_events
                 where request_id is null or request_id not in (select id from requests))
               + (select count(*)::int from audit_pending
                 where request_id is null or request_id not in (select id from requests)) as audit`,
  );
  return row!;
}

// Mostly valid requests with some fields swapped for anything JSON can say, so both the
// validator and the deeper paths (policy, masking, merging, storage) are exercised.
const jsonValue = fc.jsonValue({ maxDepth: 4 });
const sometimes = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 5, arbitrary: valid }, { weight: 1, arbitrary: jsonValue as fc.Arbitrary<unknown> });
const mutatedRequest = fc.record(
  {
    action: sometimes(
      fc.oneof(
        fc.stringMatching(/^[a-z0-9_.:-]{1,24}$/),
        fc.constantFrom("db.export", "db.query.x", "iam.delete_root"),
      ),
    ),
    resource: sometimes(fc.string({ minLength: 1, maxLength: 64 })),
    environment: sometimes(fc.constantFrom("production", "staging", "dev")),
    requester: sometimes(
      fc.record(
        {
          type: fc.constantFrom("agent", "pipeline", "human"),
          id: fc.string({ minLength: 1, maxLength: 40 }),
          on_behalf_of: fc.emailAddress(),
          display_name: fc.string({ minLength: 1, maxLength: 40 }),
        },
        { requiredKeys: ["type", "id"] },
      ),
    ),
    reason: sometimes(fc.string({ maxLength: 200 })),
    params: sometimes(fc.dictionary(fc.string({ maxLength: 12 }), jsonValue, { maxKeys: 6 })),
    context: sometimes(fc.dictionary(fc.string({ maxLength: 12 }), jsonValue, { maxKeys: 4 })),
    ttl_seconds: sometimes(fc.integer({ min: 1, max: 3600 })),
  },
  { requiredKeys: ["action", "requester"] },
);

describe("fuzzing the HTTP API (bounded)", () => {
  it("POST /v1/requests: never a 500; every refusal is problem+json and stores nothing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutatedRequest, jsonValue), async (body) => {
        const before = await rowCounts();
        const res = await t.api(key)("POST", "/v1/requests", JSON.stringify(body));
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.headers.get("content-type")).toContain("application/problem+json");
          expect(typeof res.body.code).toBe("string");
          expect(await rowCounts()).toEqual(before);
        }
      }),
      { numRuns: 400, interruptAfterTimeLimit: 60_000 },
    );
  }, 90_000);

  it("raw bytes, decisions, redeems and reads: never a 500", async () => {
    const created = await t.api(key)("POST", "/v1/requests", baseRequest({ environment: "staging" }));
    const id = created.body.id as string;
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 300 }),
        fc.constantFrom(
          "/v1/requests",
          `/v1/requests/${id}/decisions`,
          `/v1/requests/${id}/cancel`,
          "/v1/tokens/redeem",
        ),
        fc.string({ maxLength: 60 }),
        async (raw, path, query) => {
          const post = await t.api(key)("POST", path, raw);
          expect(post.status).toBeLessThan(500);
          const get = await t.api(key)(
            "GET",
            `/v1/requests?${encodeURIComponent(query)}=${encodeURIComponent(raw.slice(0, 40))}`,
          );
          expect(get.status).toBeLessThan(500);
        },
      ),
      { numRuns: 300, interruptAfterTimeLimit: 60_000 },
    );
  }, 90_000);
});
