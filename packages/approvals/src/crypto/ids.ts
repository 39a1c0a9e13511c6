import { randomBytes } from "node:crypto";

const ID_PREFIXES = ["req", "dec", "evt", "tok", "key", "obx", "crd"] as const;
export type IdPrefix = (typeof ID_PREFIXES)[number];
const OWN_ID = new RegExp(`^(?:${ID_PREFIXES.join("|")})_[A-Za-z0-9_-]{22}$`);

/** A prefixed random id (`req_…`): 128 random bits, URL-safe. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBytes(16).toString("base64url")}`;
}

/** Whether `text` is exactly one of our ids: it names a row and grants nothing. */
export function isOwnId(text: string): boolean {
  return OWN_ID.test(text);
}
