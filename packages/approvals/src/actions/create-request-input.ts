import { z } from "zod";
import { WebhookSecret } from "../callbacks";

const MAX_DEPTH = 32;

function depthOf(value: unknown, limit: number): number {
  if (value === null || typeof value !== "object") return 0;
  if (limit <= 0) return 1;
  let max = 0;
  for (const child of Object.values(value)) max = Math.max(max, depthOf(child, limit - 1));
  return max + 1;
}

const jsonObject = z
  .record(z.string(), z.unknown())
  .refine((v) => depthOf(v, MAX_DEPTH + 1) <= MAX_DEPTH, `nested deeper than ${MAX_DEPTH} levels`);

/** The body of POST /v1/requests (CONTRACT.md section 2); also what chat transports build. */
export const CreateRequestInput = z
  .object({
    action: z.string().regex(/^[a-z0-9_.:-]{1,128}$/, "must match [a-z0-9_.:-]{1,128}"),
    resource: z.string().min(1).max(2048).optional(),
    environment: z.string().min(1).max(128).optional(),
    requester: z
      .object({
        type: z.enum(["agent", "pipeline", "human"]),
        id: z.string().min(1).max(256),
        display_name: z.string().min(1).max(256).optional(),
        on_behalf_of: z.string().min(1).max(256).optional(),
      })
      .strict(),
    reason: z.string().max(4000).optional(),
    params: jsonObject.default({}),
    context: jsonObject.optional(),
    callback: z
      .object({ url: z.string().min(1).max(2048), secret: WebhookSecret.optional() })
      .strict()
      .optional(),
    ttl_seconds: z
      .number()
      .int()
      .min(1)
      .max(30 * 24 * 3600)
      .optional(),
  })
  .strict();
export type CreateRequestInput = z.infer<typeof CreateRequestInput>;
