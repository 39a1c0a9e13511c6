import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson, paramsDigest } from "./params-digest";

const sha256 = (text: string) => `sha256:${createHash("sha256").update(text).digest("hex")}`;

describe("canonicalJson (RFC 8785)", () => {
  it("serializes numbers, strings and literals as in the RFC's example (3.2.2)", () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it("sorts keys by UTF-16 code units, not code points (3.2.3)", () => {
    const keys = ["\u20ac", "\r", "\ufb33", "1", "\ud83d\ude00", "\u0080", "\u00f6"];
    const value = Object.fromEntries(keys.map((k, i) => [k, i]));
    const sorted = ["\r", "1", "\u0080", "\u00f6", "\u20ac", "\ud83d\ude00", "\ufb33"];
    const expected = sorted.map((k) => `${JSON.stringify(k)}:${keys.indexOf(k)}`).join(",");
    expect(canonicalJson(value)).toBe(`{${expected}}`);
  });
});

describe("paramsDigest", () => {
  it("is sha256: and the hex digest of the canonical form", () => {
    expect(paramsDigest({})).toBe(sha256("{}"));
    expect(paramsDigest({ b: [1, { d: 2, c: "x" }], a: true })).toBe(sha256('{"a":true,"b":[1,{"c":"x","d":2}]}'));
  });

  it("does not depend on key order, and digests what JSON would send", () => {
    expect(paramsDigest({ table: "t", columns: ["id"] })).toBe(paramsDigest({ columns: ["id"], table: "t" }));
    const at = new Date("2030-01-02T03:04:05.000Z");
    expect(paramsDigest({ at, skipped: undefined })).toBe(sha256('{"at":"2030-01-02T03:04:05.000Z"}'));
    expect(paramsDigest({ a: 1 })).not.toBe(paramsDigest({ a: "1" }));
  });
});
