import { randomBytes } from "node:crypto";

export type IdPrefix = "req" | "dec" | "evt" | "tok" | "key" | "obx" | "crd";

/** A prefixed random id (`req_…`): 128 random bits, URL-safe. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBytes(16).toString("base64url")}`;
}
