import { z } from "zod";
import { BUILTIN_DETECTOR_NAMES, DETECTOR_GROUPS, SECRET_TYPES } from "./detectors/registry";
import { JsonPathError, parseJsonPath } from "./json-path";
import { regexProblem } from "./regex-safety";

const strategy = z.enum(["redact", "partial", "last4", "fingerprint", "drop"]);

const KNOWN_DETECTORS = new Set([...BUILTIN_DETECTOR_NAMES, ...Object.keys(DETECTOR_GROUPS)]);

const fieldPath = z.string().superRefine((path, ctx) => {
  try {
    parseJsonPath(path);
  } catch (e) {
    if (!(e instanceof JsonPathError)) throw e;
    ctx.addIssue({ code: "custom", message: `invalid JSONPath "${path}": ${e.message}` });
  }
});

const customDetector = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/, "must be lower_snake_case"),
    regex: z
      .string()
      .optional()
      .superRefine((source, ctx) => {
        if (source === undefined) return;
        const problem = regexProblem(source);
        if (problem) ctx.addIssue({ code: "custom", message: `regex ${problem}` });
      }),
    words: z.array(z.string().min(1).max(200)).min(1).max(5000).optional(),
    ignore_case: z.boolean().optional(),
    /** `secret` makes the detector's findings secrets: never shown partially. */
    category: z.enum(["secret", "pii", "identifier"]).optional(),
  })
  .strict()
  .refine((c) => (c.regex === undefined) !== (c.words === undefined), {
    message: "give exactly one of regex or words",
  });

// A value declared public: exactly this text, or any text the (safety-checked) regex matches whole.
const allowEntry = z.union([
  z.string().min(1).max(4096),
  z
    .object({
      regex: z.string().superRefine((source, ctx) => {
        const problem = regexProblem(source);
        if (problem) ctx.addIssue({ code: "custom", message: `regex ${problem}` });
        // `.{0,1000}` and the like (anything that matches the empty value) would turn masking off
        else if (new RegExp(`^(?:${source})$`, "u").test(""))
          ctx.addIssue({ code: "custom", message: "regex must not match an empty value" });
      }),
    })
    .strict(),
]);

/** The `masking` section of countersign.policy.yaml (CONTRACT.md section 5). */
export const MaskingPolicy = z
  .object({
    fields: z.array(fieldPath).default([]),
    detectors: z
      .union([z.literal("default"), z.literal("none"), z.array(z.string())])
      .default("default")
      .superRefine((value, ctx) => {
        if (!Array.isArray(value)) return;
        value.forEach((name, i) => {
          if (!KNOWN_DETECTORS.has(name)) {
            ctx.addIssue({ code: "custom", path: [i], message: `unknown detector "${name}"` });
          }
        });
      }),
    strategies: z.record(z.string(), strategy).default({}),
    custom: z.array(customDetector).default([]),
    /** Values that are public by design; a detector finding exactly one of them leaves it shown. */
    allow: z.array(allowEntry).max(10_000).default([]),
  })
  .strict()
  .superRefine((policy, ctx) => {
    const names = new Set<string>();
    policy.custom.forEach((c, i) => {
      if (names.has(c.name) || KNOWN_DETECTORS.has(c.name)) {
        ctx.addIssue({
          code: "custom",
          path: ["custom", i, "name"],
          message: `detector name "${c.name}" is already taken`,
        });
      }
      names.add(c.name);
    });
    for (const [type, s] of Object.entries(policy.strategies)) {
      const secret = SECRET_TYPES.has(type) || policy.custom.some((c) => c.name === type && c.category === "secret");
      if (secret && (s === "partial" || s === "last4")) {
        ctx.addIssue({
          code: "custom",
          path: ["strategies", type],
          message: "secrets are only ever redacted, fingerprinted or dropped",
        });
      }
    }
  });
export type MaskingPolicy = z.infer<typeof MaskingPolicy>;
export type MaskingPolicyInput = z.input<typeof MaskingPolicy>;
