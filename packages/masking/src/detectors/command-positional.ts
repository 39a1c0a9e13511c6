// Passwords a command takes as a plain argument, not after a flag: `htpasswd -b file bob pw` and
// `net user bob pw /add`.
import { proseCredential } from "../text-stats";
import { argumentsFrom, commandWordAt, isFlag, pushPassword, type Span } from "./command-tokens";
import { foldedWordStarts } from "./text-starts";
import type { Match } from "./types";

// `htpasswd -b[c…] [-C cost] file user pw`, `htpasswd -nb user pw`: only batch mode (`b`) takes the
// password as an argument; without a file (`n`) it is the second argument, else the third.
function scanHtpasswd(text: string, out: Match[]): void {
  for (const at of foldedWordStarts(text, "htpasswd")) {
    if (!commandWordAt(text, at, 8)) continue;
    const positional: Span[] = [];
    let letters = "";
    const args = argumentsFrom(text, at + 8, 16);
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (!isFlag(text, arg)) positional.push(arg);
      else {
        const flag = text.slice(arg.start + 1, arg.end);
        letters += flag;
        if (flag === "C" || flag === "r") i++; // the cost or rounds after it
      }
    }
    if (letters.includes("b")) pushPassword(out, text, positional[letters.includes("n") ? 1 : 2] ?? null);
  }
}

// Windows `net user bob pw /add` (`*` prompts). Options start with `/`; the name comes first.
const NET_USER = /net[ \t]{1,8}user[ \t]/iy;

function scanNetUser(text: string, out: Match[]): void {
  for (const at of foldedWordStarts(text, "net")) {
    NET_USER.lastIndex = at;
    if (!NET_USER.test(text) || !commandWordAt(text, at, 3)) continue;
    const args = argumentsFrom(text, NET_USER.lastIndex, 8);
    const positional = args.filter((a) => text.charCodeAt(a.start) !== 47);
    const password = positional[1];
    if (!password) continue;
    const value = text.slice(password.start, password.end);
    // a sentence about net users is not a command: no options, mid-line, and plain words
    const command = positional.length < args.length || lineStart(text, at) || proseCredential(value);
    if (command && value !== "*") pushPassword(out, text, password);
  }
}

// what may stand before a command at the start of its line: blanks, a quote, a prompt (`$ `, `C:\> `)
const LINE_START = /(?:^|\n)[ \t"']{0,8}(?:(?:PS[ \t]{1,4})?[^\s]{0,40}[>$#][ \t]{1,4})?["']?$/;

function lineStart(text: string, at: number): boolean {
  return LINE_START.test(text.slice(Math.max(0, at - 56), at));
}

/** htpasswd and net user, wherever they are named. */
export function scanPositionalPasswords(text: string, out: Match[]): void {
  scanHtpasswd(text, out);
  scanNetUser(text, out);
}
