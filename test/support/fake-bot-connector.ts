import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** Teams refuses messages over about 28 KB. */
export const MAX_ACTIVITY_BYTES = 28 * 1024;

export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string | null;
  activityId: string | null;
  body: any;
  raw: string;
  headers: IncomingHttpHeaders;
  status: number;
  /** The id the connector answered with (the posted activity's id). */
  responseId: string | null;
  at: number;
}

export interface FakeMember {
  id: string;
  aadObjectId: string;
  name?: string;
  email?: string;
  userPrincipalName?: string;
}

/**
 * Plays the Bot Connector REST API on loopback (send, reply, update, get member) plus the OAuth
 * client-credentials endpoint the bot gets its own token from. Records every call and can be told
 * to answer the next sends with 429 and Retry-After, like Teams under load.
 */
export async function startFakeBotConnector(credentials: { appId: string; password: string } | "anonymous") {
  const calls: ConnectorCall[] = [];
  const members = new Map<string, FakeMember>();
  const issued = new Set<string>();
  const failures: { status: number; headers: Record<string, string> }[] = [];
  let tokenRequests = 0;
  let sequence = 0;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const path = new URL(req.url ?? "/", "http://x").pathname;
      let responseId: string | null = null;
      const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
        if (body && typeof body === "object" && "id" in body) responseId = String(body.id);
        res
          .writeHead(status, { "content-type": "application/json", ...headers })
          .end(body === undefined ? "" : JSON.stringify(body));
        return status;
      };

      if (req.method === "POST" && path === "/login/oauth2/v2.0/token") {
        tokenRequests++;
        const form = new URLSearchParams(raw);
        if (
          credentials === "anonymous" ||
          form.get("client_id") !== credentials.appId ||
          form.get("client_secret") !== credentials.password
        ) {
          return send(401, { error: "invalid_client" });
        }
        const token = `fake-bot-token-${randomUUID()}`;
        issued.add(token);
        return send(200, { token_type: "Bearer", access_token: token, expires_in: 3600 });
      }

      const match = /^\/v3\/conversations\/([^/]+)(?:\/(activities|members)(?:\/([^/]+))?)?$/.exec(path);
      const conversationId = match?.[1] ? decodeURIComponent(match[1]) : null;
      const activityId = match?.[3] ? decodeURIComponent(match[3]) : null;
      let body: any = null;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        body = null;
      }
      const record = (status: number) =>
        calls.push({
          method: req.method ?? "",
          path,
          conversationId,
          activityId,
          body,
          raw,
          headers: req.headers,
          status,
          responseId,
          at: Date.now(),
        });

      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      const authorized = credentials === "anonymous" ? !bearer : !!bearer && issued.has(bearer);
      if (!match || !authorized) return record(send(match ? 401 : 404, { error: { code: "Unauthorized" } }));

      if (match[2] === "members" && req.method === "GET" && activityId) {
        const member = members.get(activityId);
        return record(member ? send(200, member) : send(404, { error: { code: "MemberNotFound" } }));
      }
      if (match[2] === "activities" && (req.method === "POST" || req.method === "PUT")) {
        const failure = failures.shift();
        if (failure) return record(send(failure.status, { error: { code: "Throttled" } }, failure.headers));
        if (Buffer.byteLength(raw) > MAX_ACTIVITY_BYTES)
          return record(send(413, { error: { code: "MessageSizeTooBig" } }));
        const id = req.method === "PUT" && activityId ? activityId : `1:${++sequence}`;
        return record(send(req.method === "POST" ? 201 : 200, { id }));
      }
      return record(send(404, { error: { code: "NotFound" } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  return {
    /** The service URL activities carry; also the base of the Bot Connector API. */
    url,
    /** TEAMS_CHANNEL_SERVICE: the login authority whose /oauth2/v2.0/token issues the bot's token. */
    loginUrl: `${url}login`,
    calls,
    get tokenRequests() {
      return tokenRequests;
    },
    addMember(member: FakeMember) {
      members.set(member.id, member);
    },
    /** The next `count` sends or updates answer `status` (e.g. 429 with Retry-After). */
    failNext(count: number, status: number, headers: Record<string, string> = {}) {
      for (let i = 0; i < count; i++) failures.push({ status, headers });
    },
    /** Successful card posts and updates, with the card they carried. */
    cards() {
      return calls
        .filter((c) => (c.method === "POST" || c.method === "PUT") && c.status < 300 && c.body?.attachments?.length)
        .map((c) => ({ ...c, card: c.body.attachments[0].content as Record<string, any> }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeBotConnector = Awaited<ReturnType<typeof startFakeBotConnector>>;
