import { describe, expect, it } from "vitest";
import { createClient } from "./create-client";
import { CountersignError, CountersignUnreachableError } from "./errors";
import type { FetchLike } from "./http-call";

type Sent = { url: string; init: RequestInit };

/** A fake of the wire: answers each call with the next response, recording what was sent. */
function wire(...answers: (Response | Error)[]) {
  const sent: Sent[] = [];
  const fetch: FetchLike = async (url, init) => {
    sent.push({ url, init });
    init.signal?.throwIfAborted();
    // Like a network, an answer takes a moment (a long poll would take up to `wait` seconds).
    await new Promise((resolve) => setTimeout(resolve, 5));
    const next = answers.shift();
    if (!next) throw new Error(`unexpected call ${init.method} ${url}`);
    if (next instanceof Error) throw next;
    return next;
  };
  return { sent, client: createClient({ baseUrl: "http://cs.test/", apiKey: "csk_test", fetch }) };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const view = (status: string, extra: Record<string, unknown> = {}) => ({ id: "req_1", status, ...extra });

describe("createClient", () => {
  it("sends the request body in the API's shape, with the key and the Idempotency-Key", async () => {
    const { sent, client } = wire(json(201, view("pending")), json(200, view("pending")));
    const outcome = await client.requestApproval({
      action: "db.export",
      requester: { type: "agent", id: "etl", onBehalfOf: "dana@example.com" },
      params: { table: "t" },
      ttlSeconds: 60,
      idempotencyKey: "run-1",
      wait: false,
    });
    expect(outcome.status).toBe("pending");
    expect(sent[0]?.url).toBe("http://cs.test/v1/requests");
    const headers = sent[0]?.init.headers as Record<string, string>;
    expect(headers.authorization).toBe("Bearer csk_test");
    expect(headers["idempotency-key"]).toBe("run-1");
    expect(JSON.parse(String(sent[0]?.init.body))).toEqual({
      action: "db.export",
      requester: { type: "agent", id: "etl", on_behalf_of: "dana@example.com" },
      params: { table: "t" },
      ttl_seconds: 60,
    });
    expect(sent[1]?.url).toBe("http://cs.test/v1/requests/req_1");
  });

  it("turns problem+json into a CountersignError with its code, detail and field errors", async () => {
    const problem = {
      type: "https://countersign.dev/problems/validation-failed",
      title: "The request is not valid",
      status: 422,
      detail: "the request is not valid",
      code: "validation_failed",
      errors: [{ path: "action", message: "must match" }],
    };
    const { client } = wire(json(422, problem));
    const error = await client.redeem("cst_x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CountersignError);
    expect(error).toMatchObject({ status: 422, code: "validation_failed", errors: problem.errors, problem });
  });

  it("names a non-problem answer unexpected_response and an unreachable server as such", async () => {
    const { client } = wire(new Response("<html>bad gateway</html>", { status: 502, statusText: "Bad Gateway" }));
    await expect(client.audit()).rejects.toMatchObject({ code: "unexpected_response", status: 502 });
    const down = wire(new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:9") }));
    const error = await down.client.getRequest("req_1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CountersignUnreachableError);
    expect((error as Error).message).toBe(
      "cannot reach countersign at http://cs.test: connect ECONNREFUSED 127.0.0.1:9",
    );
  });

  it("waits through a restart (503, refused) and returns the final view with the token", async () => {
    const { sent, client } = wire(
      json(201, view("pending")),
      new Response("", { status: 503 }),
      new TypeError("fetch failed"),
      json(200, view("pending")),
      json(200, view("approved", { token: "cst_t", token_expires_at: "2030-01-01T00:00:00.000Z" })),
    );
    const outcome = await client.requestApproval({ action: "deploy", requester: { type: "pipeline", id: "ci" } });
    expect(outcome).toMatchObject({ status: "approved", token: "cst_t", tokenExpiresAt: "2030-01-01T00:00:00.000Z" });
    expect(sent.slice(1).map((s) => s.url)).toEqual(Array(4).fill("http://cs.test/v1/requests/req_1?wait=60"));
  });

  it("gives up on errors that are not transient", async () => {
    const { client } = wire(json(404, { status: 404, code: "not_found", detail: "no request req_1" }));
    await expect(client.waitForDecision("req_1")).rejects.toMatchObject({ code: "not_found" });
  });

  it("reports timeout when the wait runs out, and denial as an outcome, not an error", async () => {
    const pending = wire(json(201, view("pending")), json(200, view("pending")));
    const timedOut = await pending.client.requestApproval({
      action: "deploy",
      requester: { type: "pipeline", id: "ci" },
      wait: { timeoutMs: 1 },
    });
    expect(timedOut.status).toBe("timeout");
    expect(pending.sent[1]?.url).toMatch(/\?wait=1$/);
    const denied = wire(json(201, view("denied")), json(200, view("denied")));
    const outcome = await denied.client.requestApproval({ action: "x", requester: { type: "agent", id: "a" } });
    expect(outcome).toEqual({ status: "denied", request: view("denied") });
  });

  it("stops waiting when the signal aborts, with the signal's reason", async () => {
    const { client } = wire(json(200, view("pending")));
    const controller = new AbortController();
    controller.abort(new Error("agent shutting down"));
    await expect(client.waitForDecision("req_1", { signal: controller.signal })).rejects.toThrow("agent shutting down");
  });

  it("refuses to start without an API key", () => {
    expect(() => createClient({ baseUrl: "http://cs.test", apiKey: "" })).toThrow(/apiKey is required/);
  });
});
