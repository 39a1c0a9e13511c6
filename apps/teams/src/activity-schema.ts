import { z } from "zod";

// Only the fields we read from an inbound Bot Framework activity; everything else passes untouched.
const Account = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  aadObjectId: z.string().optional(),
});

export const InboundActivity = z.looseObject({
  type: z.string().min(1),
  name: z.string().optional(),
  id: z.string().optional(),
  text: z.string().optional(),
  value: z.unknown().optional(),
  replyToId: z.string().optional(),
  from: Account,
  recipient: Account,
  conversation: z.looseObject({ id: z.string().min(1), conversationType: z.string().optional() }),
  membersAdded: z.array(Account).optional(),
  action: z.string().optional(),
});
export type InboundActivity = z.infer<typeof InboundActivity>;

const RequestId = z.string().regex(/^req_[A-Za-z0-9_-]+$/);
const Reason = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

/** The value of an `adaptiveCard/action` invoke (Action.Execute); the card's inputs are merged into data. */
export const CardActionInvoke = z.looseObject({
  action: z.looseObject({
    type: z.literal("Action.Execute"),
    verb: z.enum(["approve", "deny", "refresh"]),
    data: z.looseObject({ request_id: RequestId, reason: Reason }),
  }),
});

/** The value of a message from the Action.Submit fallback (clients without Universal Actions). */
export const CardSubmit = z.looseObject({
  countersign: z.enum(["approve", "deny"]),
  request_id: RequestId,
  reason: Reason,
});
