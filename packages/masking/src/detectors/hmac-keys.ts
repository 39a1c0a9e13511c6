// A literal key given to an HMAC: Python's `hmac.new(b"…", msg, sha256)`, Node's
// `crypto.createHmac("sha256", "…")`, Go's `hmac.New(sha256.New, []byte("…"))`. Whoever has the key
// forges the signatures it makes (webhooks, session cookies, API requests).
import { isPlaceholder } from "../text-stats";
import { isReference } from "./command-tokens";
import { foldedWordStarts } from "./text-starts";
import type { Match } from "./types";

// the call after `hmac` (Python's `hmac.new(`, Go's `hmac.New(`) or its `createHmac(` form, then the
// arguments up to the key: the key first (Python, an optional `key=` and `b` prefix), or after the
// algorithm (Node's `"sha256", `, Go's `sha256.New, []byte(`)
const PYTHON = /hmac\.new\([ \t]{0,4}(?:key[ \t]{0,2}=[ \t]{0,2})?b?(["'])([^"'\n\\]{8,256})\1/iy;
const NODE = /Hmac\([ \t]{0,4}(["'])[\w-]{2,16}\1[ \t]{0,4},[ \t]{0,4}(["'`])([^"'`\n\\]{8,256})\2/y;
const GO = /hmac\.New\([ \t]{0,4}[\w.]{2,32}[ \t]{0,4},[ \t]{0,4}\[\]byte\([ \t]{0,4}(["`])([^"`\n\\]{8,256})\1/y;

export function scanHmacKeys(text: string, out: Match[]): void {
  for (const at of foldedWordStarts(text, "hmac")) {
    for (const re of [PYTHON, NODE, GO]) {
      re.lastIndex = at;
      const m = re.exec(text);
      if (m === null) continue;
      const key = m[m.length - 1]!;
      if (isPlaceholder(key) || isReference(key)) break;
      const start = re.lastIndex - 1 - key.length;
      out.push({ start, end: start + key.length, type: "secret", detector: "keyword", category: "secret" });
      break;
    }
  }
}
