import { describe, expect, it } from "vitest";
import { canonicalJson, paramsDigest } from "./params-digest";
import { seal, unseal } from "./seal";
import { deriveSecretKeys } from "./secret-keys";

describe("paramsDigest", () => {
  it("is independent of key order and matches RFC 8785 canonical form", () => {
    expect(canonicalJson({ b: 1, a: [1, "x", { d: 2.5, c: null }] })).toBe('{"a":[1,"x",{"c":null,"d":2.5}],"b":1}');
    expect(paramsDigest({ a: 1, b: 2 })).toBe(paramsDigest({ b: 2, a: 1 }));
    expect(paramsDigest({ a: 1 })).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(paramsDigest({ a: 1 })).not.toBe(paramsDigest({ a: 2 }));
  });
});

describe("seal", () => {
  const keys = deriveSecretKeys(Buffer.alloc(32, 7));
  it("round-trips and refuses a tampered or foreign value", () => {
    const sealed = seal(keys.seal, "cst_secret");
    expect(sealed).not.toContain("cst_secret");
    expect(unseal(keys.seal, sealed)).toBe("cst_secret");
    const [v, iv, body, tag] = sealed.split(".");
    const flipped = `${v}.${iv}.${body?.startsWith("A") ? `B${body.slice(1)}` : `A${body?.slice(1)}`}.${tag}`;
    expect(() => unseal(keys.seal, flipped)).toThrow();
    expect(() => unseal(keys.tokenHash, sealed)).toThrow();
  });
});
