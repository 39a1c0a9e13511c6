import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseRequest } from "../support/start-test-server";
import { SECURITY, startTeamsHarness, type TeamsHarness, until } from "./teams-harness";

let h: TeamsHarness;
let requesterKey: string;
let id: string;
beforeAll(async () => {
  h = await startTeamsHarness();
  requesterKey = (await h.t.createKey(["requests:write", "requests:read"])).key;
  await h.install(SECURITY);
  id = (await h.t.api(requesterKey)("POST", "/v1/requests", baseRequest())).body.id;
  await until(() => h.connector.cards().find((c) => c.raw.includes(id)));
});
afterAll(() => h?.close());

const approveActivity = () =>
  h.activity(
    h.users.carol,
    { id: SECURITY, conversationType: "channel" },
    {
      type: "invoke",
      name: "adaptiveCard/action",
      value: { action: { type: "Action.Execute", verb: "approve", data: { request_id: id } } },
    },
  );

describe("inbound Bot Framework JWT authentication", () => {
  it.each([
    ["missing", null],
    ["expired", { expiresIn: -600 }],
    ["for another bot (wrong audience)", { audience: "someone-elses-app" }],
    ["for another service URL", { serviceUrl: "https://smba.trafficmanager.net/emea/" }],
    ["from another issuer", { issuer: "https://evil.example" }],
    ["signed with an unknown key", { foreignKey: true }],
  ])("a %s token gets 401 and changes nothing", async (_name, token) => {
    const calls = h.connector.calls.length;
    const response = await h.post(approveActivity(), token);
    expect(response.status).toBe(401);
    const request = await h.t.api(requesterKey)("GET", `/v1/requests/${id}`);
    expect(request.body.status).toBe("pending");
    expect(request.body.decisions).toEqual([]);
    expect(h.connector.calls.length).toBe(calls);
  });

  it("a valid token is accepted (the same activity, properly signed)", async () => {
    const response = await h.post(approveActivity());
    expect(response.status).toBe(200);
    expect(response.body.statusCode).toBe(200);
    const request = await h.t.api(requesterKey)("GET", `/v1/requests/${id}`);
    expect(request.body.decisions.map((d: any) => d.approver)).toEqual(["carol@example.com"]);
  });
});
