// Scripts that answer a password prompt: Expect's `expect "*assword*" { send "pw\r" }` (or `send --
// "pw\n"` on the next line), and Python's pexpect, `child.expect('Password:')` then
// `child.sendline('pw')`. What is sent after an expected prompt for a password is the password.
import { pushPassword } from "./command-tokens";
import { foldedWordStarts } from "./text-starts";
import type { Match } from "./types";

// `send` or `exp_send` with up to three flags (`--`, `-raw`, `-s`), or a `send(`/`sendline(` call; then
// the string sent, in quotes or Tcl's braces
const SEND =
  /send(?:line)?(?:[ \t]{1,8}(?:-[a-z-]{0,5}[ \t]{1,8}){0,3}|\([ \t]{0,4})(?:"([^"\n]{1,256})"|'([^'\n]{1,256})'|\{([^}\n]{1,256})\})/y;
// what an expected prompt for a secret says
const SECRET_PROMPT = /pass(?:word|phrase|wd|code)?|assword|\bpin\b|token|secret/i;
// the answer's line ending: `\r`, `\n` or both, as the script writes them
const LINE_END = /(?:\\[rn]){1,2}$/;
/** How far back from `send` the expected prompt may be (the same line or the lines just before it). */
const LOOK_BACK = 240;

/** The text between the last `expect` before `at` and `at`, when no other `send` comes between them. */
function expectedBefore(text: string, at: number): string | null {
  const near = text.slice(Math.max(0, at - LOOK_BACK), at);
  const expect = near.lastIndexOf("expect");
  if (expect < 0) return null;
  const between = near.slice(expect + 6);
  return between.includes("send") ? null : between;
}

export function scanExpectScripts(text: string, out: Match[]): void {
  for (const at of foldedWordStarts(text, "send")) {
    const before = text.charCodeAt(at - 1);
    // a word of its own (`send`, `exp_send`, `child.sendline`), not the end of one (`resend`)
    if (at > 0 && (before | 32) >= 97 && (before | 32) <= 122) continue;
    SEND.lastIndex = at;
    const m = SEND.exec(text);
    if (!m) continue;
    const prompt = expectedBefore(text, at);
    if (prompt === null || !SECRET_PROMPT.test(prompt)) continue;
    const sent = m[1] ?? m[2] ?? m[3]!;
    const start = SEND.lastIndex - 1 - sent.length;
    const end = start + sent.length - (LINE_END.exec(sent)?.[0].length ?? 0);
    if (end > start) pushPassword(out, text, { start, end });
  }
}
