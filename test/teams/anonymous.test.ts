import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseRequest } from "../support/start-test-server";
import { SECURITY, startTeamsHarness, type TeamsHarness, until } from "./teams-harness";

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeamsHarness({ anonymous: true });
});
afterAll(() => h?.close());

describe("TEAMS_ANONYMOUS=true (local Agents Playground)", () => {
  it("takes activities without a JWT and calls the connector without a token", async () => {
    const installed = await h.post(
      h.activity(
        h.users.alice,
        { id: SECURITY, conversationType: "channel" },
        {
          type: "conversationUpdate",
          membersAdded: [{ id: `28:${h.appId}` }],
        },
      ),
      null,
    );
    expect(installed.status).toBe(200);
    const key = await h.t.createKey(["requests:write"]);
    const created = await h.t.api(key.key)("POST", "/v1/requests", baseRequest());
    const post = await until(() => h.connector.cards().find((c) => c.raw.includes(created.body.id)));
    expect(post.status).toBe(201);
    expect(post.headers.authorization).toBeUndefined();
    expect(h.connector.tokenRequests).toBe(0);
  });
});
