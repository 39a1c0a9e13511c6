import { describe, expect, it } from "vitest";
import { createMasker } from "../mask";
import { MaskingPolicy } from "../policy-schema";
import { body, fake } from "../testing/fake-secrets";

const stripeTest = ["sk", "_test_", body(24, 40)].join("");
const stripeLive = fake.stripeKey();
const demoKey = fake.githubToken();

const masker = createMasker({
  policy: { allow: [demoKey, "4242424242424242", { regex: "sk_test_[A-Za-z0-9]{24}" }] },
});

describe("masking.allow", () => {
  it("leaves a listed value shown wherever a detector finds it", () => {
    const input = { note: `use ${demoKey} for the demo`, card: "4242424242424242", n: 4242424242424242 };
    const { masked, findings } = masker.mask(input);
    expect(masked).toEqual(input);
    expect(findings).toEqual([]);
    expect(masker.maskText(`token=${demoKey}`)).toBe(`token=${demoKey}`);
  });

  it("a regex entry allows every value it matches whole, and nothing else", () => {
    expect(masker.mask({ note: stripeTest }).masked).toEqual({ note: stripeTest });
    expect(masker.mask({ note: stripeLive }).masked).toEqual({ note: "[REDACTED:stripe_key]" });
    // the same test key with more glued on is no longer the allowed value
    expect(masker.maskText(`${stripeTest}Zz9`)).not.toContain(stripeTest);
  });

  it("other values of the same kind are still masked", () => {
    const other = fake.githubToken().replace(/.$/, "Q");
    expect(masker.maskText(`use ${other}`)).toBe("use [REDACTED:github_token]");
    expect(masker.mask({ card: "4111 1111 1111 1111" }).masked).toEqual({ card: "[REDACTED:credit_card]" });
  });

  it("is shown under a credential's name too, but a field rule still masks it", () => {
    const m = createMasker({ policy: { fields: ["$.demo"], allow: [demoKey] } });
    expect(m.mask({ demo: demoKey, password: demoKey, api_key: demoKey }).masked).toEqual({
      demo: "[REDACTED:field]",
      password: demoKey,
      api_key: demoKey,
    });
    expect(m.mask({ password: "hunter2" }).masked).toEqual({ password: "[REDACTED:password]" });
  });
});

describe("masking.allow in the policy schema", () => {
  const problems = (allow: unknown) => {
    const r = MaskingPolicy.safeParse({ allow });
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };

  it("refuses unsafe, invalid and match-anything regexes and empty values, with their path", () => {
    expect(problems([{ regex: "(a+)+" }])[0]).toMatch(/^allow\.0\.regex: regex /);
    expect(problems(["ok", { regex: "([a-z" }])[0]).toMatch(/^allow\.1\.regex: regex does not compile/);
    expect(problems([{ regex: ".{0,100}" }])).toEqual(["allow.0.regex: regex must not match an empty value"]);
    expect(problems([""])).toHaveLength(1);
    expect(problems([{ regex: "x", words: ["y"] }])).toHaveLength(1);
  });

  it("accepts exact values and safe regexes", () => {
    expect(problems(["AKIAIOSFODNN7EXAMPLE", { regex: "4242 ?4242 ?4242 ?4242" }])).toEqual([]);
  });
});
