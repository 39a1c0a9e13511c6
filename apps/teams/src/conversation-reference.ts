import { z } from "zod";

/** What we keep to message a conversation later (a Bot Framework ConversationReference, as stored JSON). */
export const ConversationRef = z
  .object({
    channelId: z.string().min(1),
    serviceUrl: z.url(),
    conversation: z.looseObject({
      id: z.string().min(1),
      conversationType: z.string().optional(),
      tenantId: z.string().optional(),
    }),
    bot: z.looseObject({ id: z.string(), name: z.string().optional() }).optional(),
    user: z.looseObject({ id: z.string(), aadObjectId: z.string().optional(), name: z.string().optional() }).optional(),
    locale: z.string().optional(),
  })
  .loose();
export type ConversationRef = z.infer<typeof ConversationRef>;

/** A message we send: text, an Adaptive Card, or both. */
export interface OutgoingMessage {
  text?: string;
  card?: Record<string, unknown>;
}

export interface TeamsMember {
  id: string;
  aadObjectId?: string;
  email?: string;
  userPrincipalName?: string;
  name?: string;
}
