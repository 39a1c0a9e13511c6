import type { outbox } from "../store/schema";

export type OutboxRow = typeof outbox.$inferSelect;

/** What a processed job asks of its outbox row: finished, given up, or tried again later. */
export type JobOutcome = { status: "done" | "dead" | "retry"; error?: string };
