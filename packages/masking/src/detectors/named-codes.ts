// A code or an answer named in a note or a message by words that hold no keyword root, as the
// messages an agent forwards write them: `your verification code is 739184`, `SMS code: 482913`,
// `PIN code 4821`, `door code changed to 4821#`, `Recovery codes: 7a8b-9c0d 1e2f-3a4b`,
// `security answer: Fluffy1998`. The two words are classified as one name (`verification code`), as
// the structural walk classifies `verification_code`; `error code 500`, `zip code 94107` and
// `QR code` name nothing secret.
import { classifyKey } from "../key-names";
import { withoutTrailing } from "../text-stats";
import { isReference } from "./command-tokens";
import { foldedWordStarts } from "./text-starts";
import type { Match } from "./types";

// the word before the name's last word, and the one before it for `one-time code`
const WORDS_BEFORE = /(?:^|[^\w-])(?:([A-Za-z]{2,16})[ \t-])?([A-Za-z0-9]{2,16})[ \t]$/;
// what joins the name to its value: `:`, `=`, `-`, `is`, `was` (a code's value may also follow bare)
const CONNECTOR =
  /[ \t]{0,4}(?:[:=][ \t]{0,4}|-[ \t]{1,4}|[ \t](?:is|was)(?::|[ \t]{1,4}(?:now[ \t]{1,4})?)|[ \t](?:changed|set|reset)[ \t]{1,4}to[ \t]{1,4}|(?=[ \t]))/y;
// a keypad's code may be written with its `#` or `*` (`#1234`, `4821#`), which is not part of it
const TOKEN = /[ \t]{0,4}[#*]?(["'`]?)([^\s"'`,;]{1,64})\1/y;
const LIST_SEPARATOR = /[ \t]{0,4},?[ \t]{1,4}/y;
// a code: digits, or letters and digits in up to four groups (`7a8b-9c0d`), at least one digit in it
const CODE = /^(?=\D{0,16}\d)(?=.{4})[A-Za-z0-9]{1,12}(?:-[A-Za-z0-9]{2,8}){0,3}$/;
const DIGITS_ONLY = /^\d{4,10}$/;

// what ends the sentence after a code, and a keypad's `#` or `*`
const CODE_END = ".!?)#*";

/** The name made of the word or two before `at` and `word`, when it is a strong credential's. */
function strongName(text: string, at: number, word: string): boolean {
  const before = WORDS_BEFORE.exec(text.slice(Math.max(0, at - 36), at));
  if (before === null) return false;
  const prev = before[2]!.toLowerCase();
  // `one-time code`, `one time code`: the time alone names nothing (a video's timecode)
  if (prev === "time" && before[1]?.toLowerCase() === "one") return true;
  return classifyKey(`${prev} ${word}`)?.strength === "strong";
}

/** Reads the value at `from` (after the connector); a list of codes goes on while each item is one. */
function pushValues(text: string, from: number, word: string, bare: boolean, out: Match[]): void {
  const answer = word === "answer" || word === "answers";
  let at = from;
  for (let item = 0; item < 16; item++) {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (m === null) return;
    const value = withoutTrailing(m[2]!, CODE_END);
    const ok = answer
      ? value.length >= 3 && !isReference(value) && !/^(?:required|optional|none|n\/a|unknown)$/i.test(value)
      : bare
        ? DIGITS_ONLY.test(value)
        : CODE.test(value);
    if (!ok) return;
    const start = TOKEN.lastIndex - m[0].length + m[0].indexOf(m[2]!);
    out.push({ start, end: start + value.length, type: "password", detector: "keyword", category: "secret" });
    // only a plural name lists more than one
    if (!word.endsWith("s") || value.length < m[2]!.length) return;
    LIST_SEPARATOR.lastIndex = TOKEN.lastIndex;
    if (!LIST_SEPARATOR.test(text)) return;
    at = LIST_SEPARATOR.lastIndex;
  }
}

export function scanNamedCodes(text: string, out: Match[]): void {
  for (const root of ["code", "answer"] as const) {
    for (const at of foldedWordStarts(text, root)) {
      // the name's first word is before it, a blank between (`sms_code` is the keyword detector's)
      const before = text.charCodeAt(at - 1);
      if (before !== 32 && before !== 9) continue;
      let end = at + root.length;
      if ((text[end] ?? "").toLowerCase() === "s") end++;
      if (end < text.length && /[\w-]/.test(text[end]!)) continue;
      const word = text.slice(at, end).toLowerCase();
      if (!strongName(text, at, word)) continue;
      CONNECTOR.lastIndex = end;
      const connector = CONNECTOR.exec(text);
      if (connector === null) continue;
      // an answer is any word, so it needs its connector (`security answer required` is no answer)
      const bare = !/[:=\-a-z]/i.test(connector[0]);
      if (bare && (root === "answer" || word.endsWith("s"))) continue;
      pushValues(text, CONNECTOR.lastIndex, word, bare, out);
    }
  }
}
