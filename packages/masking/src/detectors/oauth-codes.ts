// OAuth's authorization code, PKCE's code verifier and the device flow's device code: each is
// exchanged for an access token, so each is a credential until it is used, and each is generated.
// Names that hold no keyword root (`code_verifier`, `device_code`) are found here by their `code`
// and classified like any key; a parameter named just `code` is one only in an OAuth exchange: a
// callback's query string with `state` beside it, or a token request (`grant_type`, `redirect_uri`,
// `code_verifier`) as a form body or a JSON object, where `state` alone is too common a word
// (`"code": …, "state": "expired"`). As in the structural walk, the value must look generated
// unless its name is a strong one (`recovery_code`).
import { classifyKey } from "../key-names";
import { looksRandom } from "../text-stats";
import { isReference } from "./command-tokens";
import { foldedWordStarts } from "./text-starts";
import type { Match } from "./types";

const TOKEN_REQUEST = /\b(?:redirect_uri|grant_type|code_verifier)\b/;
const CALLBACK_OR_TOKEN_REQUEST = /\b(?:state|session_state|redirect_uri|grant_type|code_verifier)=/;
const QUERY_VALUE = /=([A-Za-z0-9\-._~%/+]{8,1024})/dy;
const JSON_VALUE = /"[ \t]{0,8}:[ \t]{0,8}"([^"\\\s]{8,1024})"/dy;
// how far a JSON object's other members are looked for, either side of the name
const JSON_WINDOW = 512;

const isNameChar = (c: number) => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c === 95 || c === 45;

/** The parameter's query string or form body: the token around `at`, to blanks, quotes or brackets. */
function queryAround(text: string, at: number): string {
  let from = at;
  while (from > 0 && !/[\s"'<>()]/.test(text[from - 1]!) && at - from < 2048) from--;
  let to = at;
  while (to < text.length && !/[\s"'<>()]/.test(text[to]!) && to - at < 2048) to++;
  return text.slice(from, to);
}

/** The text either side of `at` up to JSON_WINDOW, not past a batch's separator (a NUL). */
function objectAround(text: string, at: number): string {
  const near = text.slice(Math.max(0, at - JSON_WINDOW), at + JSON_WINDOW);
  const offset = at - Math.max(0, at - JSON_WINDOW);
  const before = near.lastIndexOf("\u0000", offset);
  const after = near.indexOf("\u0000", offset);
  return near.slice(before + 1, after < 0 ? near.length : after);
}

export function scanOAuthCodes(text: string, out: Match[]): void {
  for (const at of foldedWordStarts(text, "code")) {
    let s = at;
    while (s > 0 && isNameChar(text.charCodeAt(s - 1)) && at - s < 32) s--;
    let e = at + 4;
    while (e < text.length && isNameChar(text.charCodeAt(e)) && e - at < 32) e++;
    const name = text.slice(s, e);
    const cls = name === "code" ? null : classifyKey(name);
    const named = cls !== null;
    if (!named && name !== "code") continue;
    let value: RegExpExecArray | null = null;
    let context = "";
    if (text[e] === "=" && (s === 0 || /[?&#\s"';]/.test(text[s - 1]!))) {
      QUERY_VALUE.lastIndex = e;
      value = QUERY_VALUE.exec(text);
      if (value !== null && !named) context = queryAround(text, at);
    } else if (text[e] === '"' && text[s - 1] === '"') {
      JSON_VALUE.lastIndex = e;
      value = JSON_VALUE.exec(text);
      if (value !== null && !named) context = objectAround(text, at);
    }
    if (value === null || isReference(value[1]!)) continue;
    if (cls?.strength !== "strong" && !looksRandom(value[1]!)) continue;
    if (!named && !(text[e] === "=" ? CALLBACK_OR_TOKEN_REQUEST : TOKEN_REQUEST).test(context)) continue;
    const [start, end] = value.indices![1]!;
    out.push({
      start,
      end,
      type: cls?.type ?? "token",
      detector: "keyword",
      category: "secret",
    });
  }
}
