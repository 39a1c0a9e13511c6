import { describe, expect, it } from "vitest";
import { applyStrategy, DROP, fingerprint, fingerprintKeyBytes, resolveStrategy } from "./strategies";

const key = fingerprintKeyBytes("test-key");

describe("strategies", () => {
  it("redact names the type", () => {
    expect(applyStrategy("redact", "email", "jo@example.com", key)).toBe("[REDACTED:email]");
  });

  it("partial keeps just enough to recognise the value", () => {
    expect(applyStrategy("partial", "email", "jo@example.com", key)).toBe("j•••@example.com");
    expect(applyStrategy("partial", "phone", "+1 415 555 0132", key)).toBe("+• ••• ••• ••32");
    expect(applyStrategy("partial", "ip_address", "10.1.2.3", key)).toBe("10.1.•.•");
    expect(applyStrategy("partial", "iban", "DE89 3704 0044 0532 0130 00", key)).toBe("DE•• •••• •••• •••• ••30 00");
  });

  it("last4 shows the card's last four digits", () => {
    expect(applyStrategy("last4", "credit_card", "4111 1111 1111 1111", key)).toBe("•••• 1111");
  });

  it("fingerprint is keyed, type-prefixed, deterministic and ignores formatting", () => {
    const a = fingerprint(key, "email", "Jo@Example.com");
    expect(a).toMatch(/^\[email:fp_[0-9a-f]{12}\]$/);
    expect(fingerprint(key, "email", "jo@example.com")).toBe(a);
    expect(fingerprint(fingerprintKeyBytes("other-key"), "email", "jo@example.com")).not.toBe(a);
    expect(fingerprint(key, "credit_card", "4111-1111-1111-1111")).toBe(
      fingerprint(key, "credit_card", "4111111111111111"),
    );
  });

  it("drop removes the field", () => {
    expect(applyStrategy("drop", "email", "x", key)).toBe(DROP);
  });

  it("resolves type, then category, then default, and never shows part of a secret", () => {
    const s = { email: "partial", identifier: "fingerprint", default: "redact" } as const;
    expect(resolveStrategy(s, "email", "pii")).toBe("partial");
    expect(resolveStrategy(s, "iban", "identifier")).toBe("fingerprint");
    expect(resolveStrategy(s, "phone", "pii")).toBe("redact");
    expect(resolveStrategy({ default: "partial" }, "github_token", "secret")).toBe("redact");
    expect(resolveStrategy({ github_token: "last4" }, "github_token", "secret")).toBe("redact");
    expect(resolveStrategy({ secret: "fingerprint" }, "github_token", "secret")).toBe("fingerprint");
  });
});
