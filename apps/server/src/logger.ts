import { isOwnId } from "@countersign/approvals";
import { type Masker, setOwn } from "@countersign/masking";
import pino, { type Logger, type LoggerOptions } from "pino";

// Keys whose values never reach a log line, whatever the masker would have found in them.
const REDACT_PATHS = [
  "token",
  "*.token",
  "key",
  "*.key",
  "secret",
  "*.secret",
  "signing_secret",
  "password",
  "*.password",
  "authorization",
  "*.authorization",
  "req.headers.authorization",
  "req.headers.cookie",
  "params",
  "context",
  "callback.secret",
];

// Fastify's "Server listening at http://127.0.0.1:3000" names our own address, which operators
// need; masked, it read "http://[REDACTED:ip_address]:3000".
const OWN_LISTEN_LINE = /^Server listening at https?:\/\/[\w.:[\]-]+$/;

/** JSON lines on stdout (asynchronous writes); secrets are redacted by key and by the masking detectors. */
export function createLogger(level: string, masker?: Masker, destination?: pino.DestinationStream): Logger {
  const options: LoggerOptions = { level, redact: { paths: REDACT_PATHS, censor: "[REDACTED]" } };
  if (masker) {
    options.formatters = { log: (object) => maskStrings(object, masker) as Record<string, unknown> };
    options.hooks = {
      logMethod(args, method) {
        // The message string is masked too, in case a caller interpolated a value into it.
        const masked = args.map((arg) =>
          typeof arg === "string" && !OWN_LISTEN_LINE.test(arg) ? masker.maskText(arg) : arg,
        );
        return method.apply(this, masked as Parameters<typeof method>);
      },
    };
  }
  // Asynchronous stdout: a line is written at once when stdout is free, and lines that arrive while
  // a write is under way go out together in the next one, so under load the API makes one write
  // per batch of lines instead of one per line. pino flushes what is left when the process exits.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false }));
}

// Values the server itself produces (its own URL, ids, names from the policy file) are not
// request data; masking them (an IP in our own listen URL) would only hide what operators need.
const OPERATIONAL_KEYS = new Set([
  "url",
  "roles",
  "database",
  "policy",
  "policy_version",
  "request_id",
  "job",
  "job_id",
  "rule",
  "channel",
  "channels",
  "signal",
  "path",
]);

// pino runs this formatter before its serializers, so Fastify's request and reply objects
// arrive whole. Walking them (sockets, headers, the app) cost a fifth of the API's CPU under
// load and left `req: {}` in the log. They are summarised here instead, in the shape Fastify's
// own serializers read (method, url, host, ip; statusCode), with the URL masked.
type HttpRequestLike = { method: string; url: string; host?: string; ip?: string };
type HttpReplyLike = { statusCode: number };
const isHttpRequest = (v: object): v is HttpRequestLike =>
  typeof (v as HttpRequestLike).method === "string" && typeof (v as HttpRequestLike).url === "string";
const isHttpReply = (v: object): v is HttpReplyLike => typeof (v as HttpReplyLike).statusCode === "number";

// Our own ids (`req_…`) look like secrets to the entropy detector; in a path they are what an
// operator needs to follow a request, and they grant nothing.
function maskUrl(url: string, masker: Masker): string {
  const queryAt = url.indexOf("?");
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  const maskedPath = path
    .split("/")
    .map((segment) => (isOwnId(segment) ? segment : masker.maskText(segment)))
    .join("/");
  return queryAt === -1 ? maskedPath : `${maskedPath}?${masker.maskText(url.slice(queryAt + 1))}`;
}

function maskStrings(value: unknown, masker: Masker, depth = 0, key = ""): unknown {
  if (OPERATIONAL_KEYS.has(key) && depth === 1) return value;
  if (typeof value === "string") return masker.maskText(value);
  if (depth > 8 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) return { type: value.name, message: masker.maskText(value.message) };
  if (depth === 1 && key === "req" && isHttpRequest(value)) {
    return { method: value.method, url: maskUrl(value.url, masker), host: value.host, ip: value.ip };
  }
  if (depth === 1 && key === "res" && isHttpReply(value)) return { statusCode: value.statusCode };
  if (Array.isArray(value)) return value.map((v) => maskStrings(v, masker, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) setOwn(out, k, maskStrings(v, masker, depth + 1, k));
  return out;
}
