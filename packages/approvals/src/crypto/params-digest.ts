import canonicalize from "canonicalize";
import { sha256Hex } from "./tokens";

/** `sha256:` + hex SHA-256 of the RFC 8785 canonical JSON of the params. */
export function paramsDigest(params: unknown): string {
  return `sha256:${sha256Hex(canonicalJson(params))}`;
}

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error("value has no JSON form");
  return text;
}
