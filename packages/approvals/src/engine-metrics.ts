/** What the engine reports for /metrics; the app implements it (prom-client), tests may omit it. */
export interface EngineMetrics {
  /** A request was stored, by how the policy decided it. */
  requestCreated(decisionMode: string): void;
  /** A request reached a final state, with the seconds from creation to that state. */
  requestFinished(status: string, secondsToDecision: number): void;
  /** One callback delivery attempt and how it ended: delivered, retry, gone, refused, gave_up. */
  callbackAttempt(outcome: string): void;
  /** A chat platform call failed while posting or updating a card (429s included). */
  chatError(platform: string, kind: "rate_limited" | "error"): void;
}

export function reportFinished(
  metrics: EngineMetrics | undefined,
  row: { status: string; createdAt: Date; decidedAt: Date | null },
): void {
  if (!metrics || !row.decidedAt) return;
  metrics.requestFinished(row.status, Math.max(0, (row.decidedAt.getTime() - row.createdAt.getTime()) / 1000));
}
