import { describe, expect, it } from "vitest";
import { isOwnId, newId } from "./ids";

describe("newId", () => {
  it("gives prefixed 128-bit ids that never repeat, across refills of its random pool", () => {
    const ids = Array.from({ length: 2000 }, () => newId("req"));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^req_[A-Za-z0-9_-]{22}$/);
      expect(isOwnId(id)).toBe(true);
    }
    // No two ids share a 16-byte window: every id's bytes are fresh, none is a shifted copy of another.
    const bytes = new Set(ids.map((id) => Buffer.from(id.slice(4), "base64url").toString("hex")));
    expect(bytes.size).toBe(ids.length);
  });
});
