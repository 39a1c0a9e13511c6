// What replaces a detected value. Secrets are only ever redacted, fingerprinted or dropped: a
// partial secret is still a secret, so `partial`/`last4` fall back to `redact` for them.
import { createHmac } from "node:crypto";
import type { Category } from "./detectors/types";
import { redactedToken } from "./labels";
import type { Strategy } from "./types";

export const DROP: unique symbol = Symbol("drop");
export type Replacement = string | typeof DROP;

const BULLET = "•";
const DEV_FINGERPRINT_KEY = "countersign-development-fingerprint-key";

export function fingerprintKeyBytes(key: string | Uint8Array | undefined): Uint8Array {
  if (key === undefined) return new TextEncoder().encode(DEV_FINGERPRINT_KEY);
  return typeof key === "string" ? new TextEncoder().encode(key) : key;
}

/** Own entries only: a custom detector's type may be any word, `constructor` included. */
function ownStrategy(strategies: Record<string, Strategy>, name: string): Strategy | undefined {
  return Object.hasOwn(strategies, name) ? strategies[name] : undefined;
}

/** Strategy for a finding: its type, then its category, then `default`; never a partial secret. */
export function resolveStrategy(
  strategies: Record<string, Strategy>,
  type: string,
  category: Category | "field",
): Strategy {
  const chosen =
    ownStrategy(strategies, type) ??
    ownStrategy(strategies, category) ??
    ownStrategy(strategies, "default") ??
    "redact";
  if (category === "secret" && (chosen === "partial" || chosen === "last4")) return "redact";
  return chosen;
}

function normalise(type: string, value: string): string {
  if (type === "email") return value.trim().toLowerCase();
  if (type === "credit_card" || type === "phone" || type === "iban" || type.startsWith("us_") || type === "es_nif") {
    return value.replace(/[^0-9A-Za-z+]/g, "").toUpperCase();
  }
  return value;
}

export function fingerprint(key: Uint8Array, type: string, value: string): string {
  const mac = createHmac("sha256", key)
    .update(`${type}\u0000${normalise(type, value)}`)
    .digest("hex");
  return `[${type}:fp_${mac.slice(0, 12)}]`;
}

/** Keeps the last `keep` alphanumerics and the punctuation, so the shape stays recognisable. */
function keepLast(value: string, keep: number, keepFirst = 0): string {
  let total = 0;
  for (const ch of value) if (/[A-Za-z0-9]/.test(ch)) total++;
  let seen = 0;
  let out = "";
  for (const ch of value) {
    if (/[A-Za-z0-9]/.test(ch)) {
      seen++;
      out += seen <= keepFirst || seen > total - keep ? ch : BULLET;
    } else out += ch;
  }
  return out;
}

function partial(type: string, value: string): string {
  switch (type) {
    case "email": {
      const at = value.lastIndexOf("@");
      return at > 0 ? `${value[0]}${BULLET.repeat(3)}${value.slice(at)}` : `${BULLET.repeat(3)}`;
    }
    case "credit_card":
      return last4(value);
    case "phone":
      return keepLast(value, 2);
    case "iban":
      return keepLast(value, 4, 2);
    case "ip_address": {
      if (value.includes(".") && !value.includes(":")) {
        const octets = value.split(".");
        return `${octets[0]}.${octets[1]}.${BULLET}.${BULLET}`;
      }
      const groups = value.split(":");
      return `${groups.slice(0, 2).join(":")}:${BULLET}`;
    }
    default:
      return value.length >= 8 ? keepLast(value, 2) : BULLET.repeat(3);
  }
}

function last4(value: string): string {
  const alnum = value.replace(/[^A-Za-z0-9]/g, "");
  return alnum.length > 4 ? `${BULLET.repeat(4)} ${alnum.slice(-4)}` : BULLET.repeat(4);
}

export function applyStrategy(strategy: Strategy, type: string, value: string, key: Uint8Array): Replacement {
  switch (strategy) {
    case "drop":
      return DROP;
    case "fingerprint":
      return fingerprint(key, type, value);
    case "partial":
      return partial(type, value);
    case "last4":
      return last4(value);
    default:
      return redactedToken(type);
  }
}

const MASK_TOKEN = /^\[(?:REDACTED:[a-z0-9_]+|[a-z0-9_]+:fp_[0-9a-f]{12})\]$/;

/** True when a string is exactly one mask token, e.g. the whole decoded value was a secret. */
export function isMaskToken(s: string): boolean {
  return MASK_TOKEN.test(s);
}

// A mask token anywhere, as written or percent-encoded once or more (`%5BREDACTED%3Aemail%5D`, as the
// percent pass writes it back before the detectors read the text).
const MASK_TOKEN_ANYWHERE =
  /(?:\[|%(?:25)*5B)(?:REDACTED(?::|%(?:25)*3A)[a-z0-9_]+|[a-z0-9_]+(?::|%(?:25)*3A)fp_[0-9a-f]{12})(?:\]|%(?:25)*5D)/gi;

/**
 * `s` without the mask tokens in it. A value is judged on what is left: a token says "redacted", and
 * must not make `password=hunter2 jo%40example.com` a placeholder once the email in it is masked.
 */
export function withoutMaskTokens(s: string): string {
  return s.includes("REDACTED") || s.includes("fp_") || s.includes("%") ? s.replace(MASK_TOKEN_ANYWHERE, "") : s;
}
