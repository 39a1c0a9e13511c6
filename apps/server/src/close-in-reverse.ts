import type { Logger } from "pino";

export type Closer = [name: string, close: () => Promise<unknown>];

/**
 * Closes what was opened, last first. A closer still busy after `slowAfterMs` is named in a warning
 * (and again every period), so a shutdown that hangs says what it waits for.
 */
export async function closeInReverse(closers: Closer[], log: Logger, slowAfterMs = 5_000): Promise<void> {
  for (const [name, close] of [...closers].reverse()) {
    const began = Date.now();
    const slow = setInterval(
      () => log.warn({ closing: name, waited_ms: Date.now() - began }, "shutdown still waiting"),
      slowAfterMs,
    );
    try {
      await close();
    } catch (error) {
      log.warn({ err: error, closing: name }, "close failed");
    } finally {
      clearInterval(slow);
    }
  }
}
