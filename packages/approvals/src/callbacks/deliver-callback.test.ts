import {
  createServer as createHttpServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { createServer as createTcpServer, type Server as TcpServer } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import { checkCallbackUrl } from "./check-callback-url";
import { CALLBACK_USER_AGENT, deliverCallback } from "./deliver-callback";
import type { ResolveHost } from "./guarded-lookup";
import { generateWebhookSecret } from "./sign-webhook";

type Recorded = { method: string; url: string; headers: IncomingHttpHeaders; body: string };
type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** An HTTP receiver on loopback that records what reached it. */
async function startReceiver(handler: Handler) {
  const requests: Recorded[] = [];
  let connections = 0;
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      requests.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      handler(req, res);
    });
  });
  server.on("connection", () => {
    connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("receiver did not bind");
  return {
    port: address.port,
    url: `http://127.0.0.1:${address.port}`,
    requests,
    connections: () => connections,
  };
}

/** A TCP listener that only counts connection attempts: proof that a refused dial never happened. */
async function startSentinel(host: "127.0.0.1" | "::1") {
  let connections = 0;
  const server: TcpServer = createTcpServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("sentinel did not bind");
  return { port: address.port, connections: () => connections };
}

async function unusedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

function recordingResolver(answers: Record<string, string[]>) {
  const calls: string[] = [];
  const resolveHost: ResolveHost = async (hostname) => {
    calls.push(hostname);
    return (answers[hostname] ?? []).map((address) => ({ address }));
  };
  return { resolveHost, calls };
}

const secret = generateWebhookSecret();
const body = JSON.stringify({
  type: "request.approved",
  timestamp: "2025-01-01T00:00:00.000Z",
  data: { request_id: "req_01", status: "approved" },
});

function attempt(url: string, overrides: Partial<Parameters<typeof deliverCallback>[0]> = {}) {
  return deliverCallback({
    url,
    body,
    webhookId: "evt_01",
    timestamp: Math.floor(Date.now() / 1000),
    secret,
    allowPrivate: true,
    ...overrides,
  });
}

describe("deliverCallback against loopback receivers (private addresses allowed)", () => {
  it("delivers on 2xx with signed Standard Webhooks headers", async () => {
    const receiver = await startReceiver((_req, res) => res.writeHead(204).end());
    const timestamp = Math.floor(Date.now() / 1000);
    const result = await attempt(`${receiver.url}/hooks/countersign?team=ops`, { timestamp });
    expect(result).toEqual({ outcome: "delivered", status: 204 });

    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("/hooks/countersign?team=ops");
    expect(request?.body).toBe(body);
    expect(request?.headers).toMatchObject({
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(body)),
      "user-agent": CALLBACK_USER_AGENT,
      "webhook-id": "evt_01",
      "webhook-timestamp": String(timestamp),
    });
    const headers = request?.headers as Record<string, string>;
    expect(new Webhook(secret).verify(request?.body ?? "", headers)).toEqual(JSON.parse(body));
  });

  it.each([
    [500, { outcome: "retry", status: 500, error: "receiver answered HTTP 500" }],
    [503, { outcome: "retry", status: 503, error: "receiver answered HTTP 503" }],
    [404, { outcome: "retry", status: 404, error: "receiver answered HTTP 404" }],
    [410, { outcome: "gone", status: 410 }],
    [200, { outcome: "delivered", status: 200 }],
  ])("maps HTTP %i to %j", async (status, expected) => {
    const receiver = await startReceiver((_req, res) => res.writeHead(status).end("nope"));
    expect(await attempt(receiver.url)).toEqual(expected);
    expect(receiver.requests).toHaveLength(1);
  });

  it("does not follow a redirect, so the target never sees the callback", async () => {
    const target = await startReceiver((_req, res) => res.writeHead(200).end());
    const redirector = await startReceiver((_req, res) =>
      res.writeHead(302, { location: `${target.url}/stolen` }).end(),
    );
    expect(await attempt(redirector.url)).toEqual({
      outcome: "retry",
      status: 302,
      error: "redirect not followed (HTTP 302)",
    });
    expect(redirector.requests).toHaveLength(1);
    expect(target.connections()).toBe(0);
    expect(target.requests).toHaveLength(0);
  });

  it("gives up on a receiver that never answers once the timeout passes", async () => {
    const receiver = await startReceiver(() => {});
    const started = performance.now();
    const result = await attempt(receiver.url, { timeoutMs: 300 });
    const elapsed = performance.now() - started;
    expect(result).toEqual({ outcome: "retry", error: "no response within 300 ms" });
    expect(receiver.requests).toHaveLength(1);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(5_000);
  });

  it("counts DNS resolution against the same timeout", async () => {
    const resolveHost: ResolveHost = () => new Promise(() => {});
    const result = await attempt("http://slow-dns.test/hook", { timeoutMs: 200, resolveHost });
    expect(result).toEqual({ outcome: "retry", error: "no response within 200 ms" });
  });

  it("treats a refused connection as retryable", async () => {
    const port = await unusedPort();
    const result = await attempt(`http://127.0.0.1:${port}/hook`);
    expect(result).toEqual({ outcome: "retry", error: expect.stringContaining("ECONNREFUSED") });
  });

  it("reads only a bounded prefix of an endless 2xx body", async () => {
    const receiver = await startReceiver((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      const flood = () => {
        while (res.write(Buffer.alloc(64 * 1024, "x"))) {}
      };
      res.on("drain", flood);
      flood();
    });
    const started = performance.now();
    expect(await attempt(receiver.url, { timeoutMs: 10_000 })).toEqual({ outcome: "delivered", status: 200 });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("judges a receiver whose body stalls by the status it sent in time", async () => {
    const receiver = await startReceiver((_req, res) => {
      res.writeHead(202);
      res.write("a");
    });
    expect(await attempt(receiver.url, { timeoutMs: 300 })).toEqual({ outcome: "delivered", status: 202 });
  });

  it("resolves names with the system resolver by default", async () => {
    const receiver = await startReceiver((_req, res) => res.writeHead(200).end());
    expect(await attempt(`http://localhost:${receiver.port}/hook`)).toEqual({ outcome: "delivered", status: 200 });
    expect(receiver.requests[0]?.headers.host).toBe(`localhost:${receiver.port}`);
  });

  it("connects to the address the injected resolver returned", async () => {
    const receiver = await startReceiver((_req, res) => res.writeHead(200).end());
    const { resolveHost, calls } = recordingResolver({ "rebind.test": ["127.0.0.1"] });
    const result = await attempt(`http://rebind.test:${receiver.port}/hook`, { resolveHost });
    expect(result).toEqual({ outcome: "delivered", status: 200 });
    expect(calls).toEqual(["rebind.test"]);
    expect(receiver.requests[0]?.headers.host).toBe(`rebind.test:${receiver.port}`);
  });

  it("refuses, without sending, a malformed secret or webhook id", async () => {
    const receiver = await startReceiver((_req, res) => res.writeHead(200).end());
    expect(await attempt(receiver.url, { secret: "whsec_short" })).toEqual({
      outcome: "refused",
      error: expect.stringContaining("webhook secret must be"),
    });
    expect(await attempt(receiver.url, { webhookId: "evt_01\r\nx-injected: 1" })).toEqual({
      outcome: "refused",
      error: expect.stringContaining("webhook-id"),
    });
    expect(receiver.connections()).toBe(0);
  });
});

describe("deliverCallback SSRF guard (private addresses not allowed)", () => {
  it("dials the sentinel when private addresses are allowed, so its silence below means something", async () => {
    const sentinel = await startSentinel("127.0.0.1");
    const { resolveHost } = recordingResolver({ "rebind.test": ["127.0.0.1"] });
    const result = await attempt(`https://rebind.test:${sentinel.port}/hook`, { resolveHost, timeoutMs: 2_000 });
    expect(result.outcome).toBe("retry");
    expect(sentinel.connections()).toBe(1);
  });

  it("refuses loopback URLs in every notation before any connection is attempted", async () => {
    const v4 = await startSentinel("127.0.0.1");
    const v6 = await startSentinel("::1");
    const { resolveHost, calls } = recordingResolver({});
    const urls = [
      `https://127.0.0.1:${v4.port}/hook`,
      `https://2130706433:${v4.port}/hook`,
      `https://0x7f000001:${v4.port}/hook`,
      `https://0177.0.0.1:${v4.port}/hook`,
      `https://0x7f.1:${v4.port}/hook`,
      `https://127.1:${v4.port}/hook`,
      `https://127.0.0.1.:${v4.port}/hook`,
      `https://%31%32%37.0.0.1:${v4.port}/hook`,
      `https://[::ffff:127.0.0.1]:${v4.port}/hook`,
      `https://[::1]:${v6.port}/hook`,
      `https://localhost:${v4.port}/hook`,
      `https://LOCALHOST.:${v4.port}/hook`,
      `https://foo.localhost:${v4.port}/hook`,
      `http://127.0.0.1:${v4.port}/hook`,
      `https://user:pass@127.0.0.1:${v4.port}/hook`,
      `https://example.com@127.0.0.1:${v4.port}/hook`,
    ];
    for (const url of urls) {
      const result = await attempt(url, { allowPrivate: false, resolveHost });
      expect(result, url).toEqual({ outcome: "refused", error: expect.any(String) });
    }
    expect(v4.connections()).toBe(0);
    expect(v6.connections()).toBe(0);
    expect(calls).toEqual([]);
  });

  it.each([
    "https://0.0.0.0/hook",
    "https://[::]/hook",
    "https://169.254.169.254/latest/meta-data/",
    "https://0xa9fea9fe/latest/meta-data/",
    "https://[::ffff:169.254.169.254]/latest/meta-data/",
    "https://metadata.google.internal/computeMetadata/v1/",
    "https://10.0.0.1/hook",
    "https://172.16.0.1/hook",
    "https://172.31.255.254/hook",
    "https://192.168.0.1/hook",
    "https://100.64.0.1/hook",
    "https://[fc00::1]/hook",
    "https://[fe80::1]/hook",
    "https://[64:ff9b::a00:1]/hook",
    "https://[2002:c0a8:1::1]/hook",
  ])("refuses %s", async (url) => {
    // The pure check runs first, so a regression fails here instead of dialling off this machine.
    expect(checkCallbackUrl(url, { allowPrivate: false }).ok).toBe(false);
    const { resolveHost, calls } = recordingResolver({});
    expect(await attempt(url, { allowPrivate: false, resolveHost })).toEqual({
      outcome: "refused",
      error: expect.stringMatching(/address|local or metadata name/),
    });
    expect(calls).toEqual([]);
  });

  it.each([
    [["127.0.0.1"], "loopback"],
    [["::1"], "loopback"],
    [["::ffff:127.0.0.1"], "IPv4-mapped loopback"],
    [["127.0.0.2", "127.0.0.1"], "loopback"],
  ])("catches a name that passed the submit-time check and resolves to %j at dial time", async (answers, range) => {
    const v4 = await startSentinel("127.0.0.1");
    const v6 = await startSentinel("::1");
    const port = answers[0]?.includes(":") && !answers[0].startsWith("::ffff") ? v6.port : v4.port;
    const url = `https://rebind.test:${port}/hook`;
    expect(checkCallbackUrl(url, { allowPrivate: false })).toEqual({ ok: true });

    const { resolveHost, calls } = recordingResolver({ "rebind.test": answers });
    const result = await attempt(url, { allowPrivate: false, resolveHost });
    expect(result).toEqual({
      outcome: "refused",
      error: `callback host rebind.test resolves to ${answers[0]}, a ${range} address`,
    });
    expect(calls).toEqual(["rebind.test"]);
    expect(v4.connections()).toBe(0);
    expect(v6.connections()).toBe(0);
  });

  it("retries, rather than refuses, a name that does not resolve", async () => {
    const { resolveHost } = recordingResolver({});
    const result = await attempt("https://nowhere.test/hook", { allowPrivate: false, resolveHost });
    expect(result).toEqual({ outcome: "retry", error: expect.stringContaining("nowhere.test") });
  });
});
