import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeSlackCall {
  method: string;
  args: Record<string, any>;
  /** The bearer token the call carried. */
  token: string | undefined;
  at: number;
  /** What the fake answered: `ok`, a Slack error code, or `429`. */
  answer: string;
}

export interface FakeSlackUser {
  email?: string;
  name?: string;
}

const MESSAGE_BLOCKS = 50;
const SURFACE_BLOCKS = 100;
const SECTION_TEXT = 3000;
const FIELD_TEXT = 2000;
const FIELDS = 10;
const HEADER_TEXT = 150;
// Fields the WebClient sends form-encoded as JSON strings.
const JSON_FIELDS = ["blocks", "view", "attachments", "metadata"];

export const FAKE_TEAM = "T0FAKE001";
export const FAKE_BOT_USER = "U0BOT0001";

/**
 * A loopback stand-in for the Slack Web API (`SLACK_API_URL`): records every call, enforces Block Kit's
 * limits like Slack does (`invalid_blocks`), and can answer 429 with Retry-After on demand.
 * Anything POSTed outside /api/ is a response_url delivery and is recorded as method `response_url`.
 */
export async function startFakeSlack(options: { users?: Record<string, FakeSlackUser> } = {}) {
  const users = new Map(Object.entries(options.users ?? {}));
  const calls: FakeSlackCall[] = [];
  const messages = new Map<string, { channel: string; ts: string; text: string; blocks: unknown[] }>();
  const throttles: { method: string | undefined; retryAfter: number }[] = [];
  let tsCounter = 0;
  let viewCounter = 0;

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
    };
    if (!url.pathname.startsWith("/api/")) {
      calls.push({ method: "response_url", args: parseJson(raw), token: undefined, at: Date.now(), answer: "ok" });
      return json(200, { ok: true });
    }
    const method = url.pathname.slice("/api/".length);
    const args = parseArgs(raw, req.headers["content-type"]);
    const token = req.headers.authorization?.replace(/^Bearer /, "") ?? (args.token as string | undefined);
    const record = (answer: string) => calls.push({ method, args, token, at: Date.now(), answer });

    const throttle = throttles.findIndex((t) => t.method === undefined || t.method === method);
    if (throttle >= 0) {
      const [t] = throttles.splice(throttle, 1);
      record("429");
      return json(429, { ok: false, error: "ratelimited" }, { "retry-after": String(t!.retryAfter) });
    }
    const fail = (error: string, extra: Record<string, unknown> = {}) => {
      record(error);
      json(200, { ok: false, error, ...extra });
    };
    const ok = (body: Record<string, unknown> = {}) => {
      record("ok");
      json(200, { ok: true, ...body });
    };
    if (token !== "xoxb-test-token") return fail("invalid_auth");

    switch (method) {
      case "auth.test":
        return ok({
          team_id: FAKE_TEAM,
          team: "Fake",
          user_id: FAKE_BOT_USER,
          bot_id: "B0BOT0001",
          user: "countersign",
        });
      case "users.info": {
        const user = users.get(String(args.user));
        if (!user) return fail("user_not_found");
        return ok({
          user: {
            id: args.user,
            name: user.name ?? String(args.user),
            real_name: user.name,
            profile: { ...(user.email ? { email: user.email } : {}), display_name: user.name ?? "" },
          },
        });
      }
      case "users.lookupByEmail": {
        const email = String(args.email).toLowerCase();
        const found = [...users.entries()].find(([, u]) => u.email?.toLowerCase() === email);
        if (!found) return fail("users_not_found");
        return ok({ user: { id: found[0], name: found[1].name ?? found[0], profile: { email: found[1].email } } });
      }
      case "conversations.open":
        return ok({ channel: { id: `D${String(args.users).slice(1)}` } });
      case "chat.postMessage":
      case "chat.postEphemeral":
      case "chat.update": {
        if (!args.channel) return fail("channel_not_found");
        if (!args.text && !args.blocks) return fail("no_text");
        const problem = blockProblem(args.blocks, MESSAGE_BLOCKS);
        if (problem) return fail("invalid_blocks", { response_metadata: { messages: [problem] } });
        if (method === "chat.postEphemeral") return ok({ message_ts: nextTs() });
        if (method === "chat.update") {
          const key = `${args.channel}/${args.ts}`;
          if (!messages.has(key)) return fail("message_not_found");
          messages.set(key, { channel: args.channel, ts: args.ts, text: args.text, blocks: args.blocks ?? [] });
          return ok({ channel: args.channel, ts: args.ts, text: args.text });
        }
        const ts = nextTs();
        messages.set(`${args.channel}/${ts}`, {
          channel: args.channel,
          ts,
          text: args.text,
          blocks: args.blocks ?? [],
        });
        return ok({ channel: args.channel, ts, message: { text: args.text } });
      }
      case "views.open":
      case "views.publish": {
        if (method === "views.open" && !args.trigger_id) return fail("invalid_trigger_id");
        if (method === "views.publish" && !args.user_id) return fail("invalid_arguments");
        const problem = blockProblem(args.view?.blocks, SURFACE_BLOCKS);
        if (problem) return fail("invalid_blocks", { response_metadata: { messages: [problem] } });
        return ok({ view: { id: `V${++viewCounter}`, ...args.view } });
      }
      default:
        return fail("unknown_method");
    }
  };

  const nextTs = () => `1700000000.${String(++tsCounter).padStart(6, "0")}`;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => handle(req, res, Buffer.concat(chunks).toString("utf8")));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    /** For SLACK_API_URL. */
    apiUrl: `${base}/api/`,
    /** A response_url that lands here. */
    responseUrl: (id = "cmd") => `${base}/respond/${id}`,
    calls,
    messages,
    users,
    callsTo: (method: string, answer = "ok") => calls.filter((c) => c.method === method && c.answer === answer),
    /** The next call (of `method`, or any) is answered 429 with this Retry-After. */
    rateLimitNext(retryAfterSeconds: number, method?: string) {
      throttles.push({ method, retryAfter: retryAfterSeconds });
    },
    async waitFor<T>(find: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = find();
        if (found) return found;
        if (Date.now() > deadline) throw new Error("timed out waiting for the fake Slack");
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>;

function parseArgs(raw: string, contentType: string | undefined): Record<string, any> {
  if (contentType?.startsWith("application/json")) return parseJson(raw);
  const args: Record<string, any> = Object.fromEntries(new URLSearchParams(raw));
  for (const field of JSON_FIELDS) {
    if (typeof args[field] === "string") args[field] = parseJson(args[field]);
  }
  return args;
}

function parseJson(raw: string): Record<string, any> {
  try {
    return JSON.parse(raw);
  } catch {
    return { unparsed: raw };
  }
}

/** Block Kit's size rules Slack enforces with `invalid_blocks`; null when the blocks are fine. */
export function blockProblem(blocks: unknown, maxBlocks: number): string | null {
  if (blocks === undefined) return null;
  if (!Array.isArray(blocks)) return "blocks must be an array";
  if (blocks.length > maxBlocks) return `more than ${maxBlocks} blocks`;
  for (const [i, block] of blocks.entries()) {
    if (block.type === "section") {
      if ((block.text?.text?.length ?? 0) > SECTION_TEXT) return `blocks[${i}].text longer than ${SECTION_TEXT}`;
      if ((block.fields?.length ?? 0) > FIELDS) return `blocks[${i}] has more than ${FIELDS} fields`;
      for (const f of block.fields ?? []) if (f.text.length > FIELD_TEXT) return `blocks[${i}] field too long`;
      if (!block.text && !block.fields) return `blocks[${i}] section without text`;
    }
    if (block.type === "header" && (block.text?.text?.length ?? 0) > HEADER_TEXT) return `blocks[${i}] header too long`;
    if (block.type === "actions") {
      for (const e of block.elements ?? []) {
        if ((e.value?.length ?? 0) > 2000) return `blocks[${i}] button value too long`;
        if ((e.text?.text?.length ?? 0) > 75) return `blocks[${i}] button text too long`;
      }
    }
  }
  return null;
}
