import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedCallback {
  headers: IncomingHttpHeaders;
  body: string;
  json: { type: string; timestamp: string; data: Record<string, unknown> };
}

/** The three Standard Webhooks headers of a received callback, as a verifier takes them. */
export function webhookHeaders(callback: ReceivedCallback): Record<string, string> {
  const pick = (name: string) => String(callback.headers[name]);
  return {
    "webhook-id": pick("webhook-id"),
    "webhook-timestamp": pick("webhook-timestamp"),
    "webhook-signature": pick("webhook-signature"),
  };
}

/** A loopback HTTP server standing in for a requester's webhook endpoint. */
export async function startCallbackReceiver(answer: (n: number) => number = () => 200) {
  const received: ReceivedCallback[] = [];
  let attempts = 0;
  const waiters: (() => void)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      attempts++;
      const status = answer(attempts);
      const body = Buffer.concat(chunks).toString("utf8");
      if (status >= 200 && status < 300) {
        received.push({ headers: req.headers, body, json: JSON.parse(body) });
        for (const w of waiters.splice(0)) w();
      }
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/countersign`,
    received,
    attempts: () => attempts,
    /** Resolves once `count` callbacks have been accepted. */
    async waitFor(count: number, timeoutMs = 15_000): Promise<ReceivedCallback[]> {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} callbacks, got ${received.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
