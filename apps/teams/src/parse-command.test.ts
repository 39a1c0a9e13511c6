import { describe, expect, it } from "vitest";
import { parseCommand, stripMentions } from "./parse-command";

describe("parseCommand", () => {
  it.each([
    ["request db.export", { type: "request", action: "db.export" }],
    [
      "request db.export on postgres://prod/customers",
      { type: "request", action: "db.export", resource: "postgres://prod/customers" },
    ],
    [
      "request access.grant on prod-db for 2h because on call for INC-1 for now",
      {
        type: "request",
        action: "access.grant",
        resource: "prod-db",
        duration: "2h",
        reason: "on call for INC-1 for now",
      },
    ],
    ["request deploy.run for 30m", { type: "request", action: "deploy.run", duration: "30m" }],
    [
      "request deploy.run on web for 2 hours because rollout",
      { type: "request", action: "deploy.run", resource: "web", duration: "2 hours", reason: "rollout" },
    ],
    ["REQUEST  deploy.run   because  hotfix", { type: "request", action: "deploy.run", reason: "hotfix" }],
    ["list", { type: "list" }],
    ["help", { type: "help" }],
    ["", { type: "help" }],
    ["dance", { type: "unknown", text: "dance" }],
  ])("%s", (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it("strips the bot's @mention in a channel", () => {
    expect(stripMentions("<at>countersign</at>&nbsp;list")).toBe("list");
    expect(parseCommand("<at>countersign</at> request db.export on x")).toEqual({
      type: "request",
      action: "db.export",
      resource: "x",
    });
  });
});
