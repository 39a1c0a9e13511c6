import { createHash } from "node:crypto";

/**
 * `sha256:` + hex SHA-256 of the RFC 8785 canonical JSON of `params`: the digest countersign
 * binds the token to. Computed on the JSON the request body carries (so `toJSON`, dates and
 * `undefined` fields come out exactly as the server will see them).
 */
export function paramsDigest(params: object): string {
  const sent: unknown = JSON.parse(JSON.stringify(params));
  return `sha256:${createHash("sha256").update(canonicalJson(sent), "utf8").digest("hex")}`;
}

/**
 * RFC 8785 (JCS) for values that came out of JSON.parse: ECMAScript number and string
 * serialization is exactly what JCS specifies, and the default sort compares UTF-16 code
 * units, which is the key order JCS asks for.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(",")}}`;
}
