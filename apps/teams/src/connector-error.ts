/** A Bot Connector call that failed with an HTTP status; platform-neutral so callers never see botbuilder types. */
export class ConnectorError extends Error {
  constructor(
    readonly status: number,
    /** From the response's Retry-After, when it gave one. */
    readonly retryAfterMs: number | null,
    message = `Bot Connector answered ${status}`,
  ) {
    super(message);
    this.name = "ConnectorError";
  }
}

/** Statuses Teams documents as transient: throttled (429), conflicting update (412), gateway trouble (502, 503, 504). */
export const TRANSIENT_STATUSES = new Set([412, 429, 502, 503, 504]);

export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
