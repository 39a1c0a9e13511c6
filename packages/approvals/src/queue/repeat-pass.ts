/** A pass run on a timer, at most one at a time: a pass still running when the next is due lets it go. */
export interface RepeatingPass {
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>;
}

export function repeatPass(
  everyMs: number,
  pass: () => Promise<unknown>,
  onError: (error: unknown) => void,
): RepeatingPass {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    if (stopped || running) return;
    running = pass()
      .catch(onError)
      .finally(() => {
        running = null;
      });
  }, everyMs);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
