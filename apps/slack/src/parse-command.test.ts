import { describe, expect, it } from "vitest";
import { parseCommand } from "./parse-command";

describe("parseCommand", () => {
  it("reads every part of a request, the reason verbatim even when it holds keywords", () => {
    expect(
      parseCommand("request db.export on postgres://prod/x in production for 2h because audit on   Monday for finance"),
    ).toEqual({
      kind: "request",
      fields: {
        action: "db.export",
        resource: "postgres://prod/x",
        environment: "production",
        duration: "2h",
        reason: "audit on   Monday for finance",
      },
    });
  });

  it("leaves out what is not given", () => {
    expect(parseCommand("request db.export")).toEqual({ kind: "request", fields: { action: "db.export" } });
    expect(parseCommand("request because I need it")).toEqual({ kind: "request", fields: { reason: "I need it" } });
    expect(parseCommand("REQUEST deploy for 30 minutes")).toEqual({
      kind: "request",
      fields: { action: "deploy", duration: "30 minutes" },
    });
  });

  it("reads words that are names on Object.prototype as words, not as keywords", () => {
    // `KEYWORDS[word]` on a plain object answered `constructor` and `__proto__` from Object.prototype:
    // the word and what followed it were dropped, so the request named a different resource.
    expect(parseCommand("request db.export on customers constructor __proto__ table in staging")).toEqual({
      kind: "request",
      fields: { action: "db.export", resource: "customers constructor __proto__ table", environment: "staging" },
    });
    expect(parseCommand("request constructor on toString")).toEqual({
      kind: "request",
      fields: { action: "constructor", resource: "toString" },
    });
  });

  it("knows list and help, and names what it does not know", () => {
    expect(parseCommand("list")).toEqual({ kind: "list" });
    expect(parseCommand("")).toEqual({ kind: "help" });
    expect(parseCommand(" help ")).toEqual({ kind: "help" });
    expect(parseCommand("approve req_1")).toEqual({ kind: "unknown", word: "approve" });
  });
});
