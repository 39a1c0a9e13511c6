import { fileURLToPath } from "node:url";
import type { ChannelNotifier, NotifyInput } from "@countersign/approvals";
import { startTestServer, type TestServer } from "../support/start-test-server";

export const REMINDERS_POLICY = fileURLToPath(new URL("../fixtures/reminders-policy.yaml", import.meta.url));

export type Published = NotifyInput & { kind: string; at: number };

/** The real server on the reminders policy, with recording notifiers at the engine's chat boundary. */
export async function startRecordingServer(): Promise<{ t: TestServer; published: Published[] }> {
  const published: Published[] = [];
  const recorder = (kind: "slack" | "teams"): ChannelNotifier => ({
    kind,
    async publish(_ctx, input) {
      published.push({ ...input, kind, at: Date.now() });
    },
  });
  const t = await startTestServer({
    env: { COUNTERSIGN_POLICY: REMINDERS_POLICY },
    notifiers: [recorder("slack"), recorder("teams")],
  });
  return { t, published };
}

export async function until<T>(probe: () => T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function untilAsync<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
