import { isIP } from "node:net";
import { findBlockedRange } from "./ip-ranges";

export type CallbackUrlCheck = { ok: true } | { ok: false; reason: string };
export type CallbackUrlOptions = { allowPrivate: boolean };

// Names that only ever mean this machine or the local network. `.internal` is reserved by ICANN
// for private use and covers metadata.google.internal and AWS's instance-data.ec2.internal.
const BLOCKED_HOST_SUFFIXES = ["localhost", "internal", "local", "home.arpa", "localdomain"] as const;
const BLOCKED_HOSTS = new Set(["metadata.goog", "metadata", "instance-data"]);

function blockedHostName(host: string): boolean {
  if (BLOCKED_HOSTS.has(host)) return true;
  return BLOCKED_HOST_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
}

/**
 * The submit-time check of a callback URL. It only reads the URL; addresses a host name
 * resolves to are judged again at dial time by the guarded lookup, which is what stops
 * DNS rebinding.
 */
export function checkCallbackUrl(url: string, { allowPrivate }: CallbackUrlOptions): CallbackUrlCheck {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: "callback URL is not a valid absolute URL" };
  }
  if (parsed.protocol !== "https:" && !(allowPrivate && parsed.protocol === "http:")) {
    const allowed = allowPrivate ? "https or http" : "https";
    return { ok: false, reason: `callback URL scheme must be ${allowed}, got ${parsed.protocol.slice(0, -1)}` };
  }
  if (parsed.username !== "" || parsed.password !== "") {
    return { ok: false, reason: "callback URL must not contain a user name or password" };
  }
  if (allowPrivate) return { ok: true };

  // The WHATWG parser has already turned decimal, octal, hex and short IPv4 forms into dotted
  // quads and compressed IPv6, so judging the normalised hostname covers every notation.
  const host = parsed.hostname.replace(/^\[|\]$/g, "").replace(/\.+$/, "");
  if (isIP(host) !== 0) {
    const range = findBlockedRange(host);
    if (range) return { ok: false, reason: `callback URL points at a ${range.name} address (${range.cidr})` };
    return { ok: true };
  }
  if (host === "" || blockedHostName(host)) {
    return { ok: false, reason: `callback URL host "${host}" is a local or metadata name` };
  }
  return { ok: true };
}
