// Passwords a command takes as a plain argument, not after a flag: `htpasswd -b file bob pw`,
// `net user bob pw /add`, and the `user:pw` lines `chpasswd` reads (`echo 'bob:pw' | chpasswd`,
// `chpasswd <<< 'bob:pw'`, or a here-document).

import { proseCredential } from "../text-stats";
import { argumentsFrom, isBlank, isQuote, pushPassword, type Span } from "./command-tokens";
import { foldedWordStarts } from "./text-starts";
import type { Match } from "./types";

/** The command word at `at` stands alone: at a token's start, or after a path (`/usr/bin/htpasswd`). */
function commandWordAt(text: string, at: number, length: number): boolean {
  const before = at === 0 ? 32 : text.charCodeAt(at - 1);
  const after = text.charCodeAt(at + length);
  const startsToken =
    isBlank(before) || before === 47 || isQuote(before) || before < 32 || "|;&(`".includes(text[at - 1]!);
  return startsToken && (at + length === text.length || isBlank(after) || after === 10 || after === 13);
}

function isFlag(text: string, arg: Span): boolean {
  return text.charCodeAt(arg.start) === 45 && arg.end - arg.start > 1;
}

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

/** Each `user:password` of a chpasswd input (`bob:pw`, or several joined by a written `\n`). */
function pushUserPasswords(text: string, input: Span, out: Match[]): void {
  let colon = -1;
  let line = input.start;
  for (let i = input.start; i <= input.end; i++) {
    const lineEnds = i === input.end || (text.charCodeAt(i) === 92 && text.charCodeAt(i + 1) === 110);
    if (lineEnds) {
      if (colon > line && colon + 1 < i) pushPassword(out, text, { start: colon + 1, end: i });
      colon = -1;
      line = i + 2;
      i++;
    } else if (colon < 0 && text.charCodeAt(i) === 58) colon = i;
  }
}

// `echo 'bob:pw' | chpasswd`, `printf 'bob:pw\n' | sudo chpasswd`: the input is written before the pipe
const PIPE_BEFORE = /\|[ \t]{0,8}(?:sudo(?:[ \t]{1,4}-[a-zA-Z]{1,3}){0,3}[ \t]{1,8})?$/;

function scanChpasswd(text: string, out: Match[]): void {
  // a here-document's lines are not read again for the commands inside it
  let next = 0;
  for (const at of foldedWordStarts(text, "chpasswd")) {
    if (at < next || !commandWordAt(text, at, 8)) continue;
    const near = text.slice(Math.max(0, at - 512), at);
    const lineFrom = at - near.length + near.lastIndexOf("\n") + 1;
    const before = text.slice(lineFrom, at);
    const pipe = PIPE_BEFORE.exec(before);
    if (pipe) echoedInput(text, lineFrom, before.slice(0, pipe.index), out);
    else next = redirectedInput(text, at + 8, out);
  }
}

/** The first argument of the last `echo` or `printf` in `segment` (which starts at `from`). */
function echoedInput(text: string, from: number, segment: string, out: Match[]): void {
  const echo = Math.max(segment.lastIndexOf("echo"), segment.lastIndexOf("printf"));
  if (echo < 0) return;
  const length = segment.startsWith("echo", echo) ? 4 : 6;
  if (!commandWordAt(text, from + echo, length)) return;
  const input = argumentsFrom(text, from + echo + length, 4).find((a) => !isFlag(text, a));
  if (input && input.end <= from + segment.length) pushUserPasswords(text, input, out);
}

// `chpasswd <<< 'bob:pw'`, or a here-document: `chpasswd <<EOF` then `bob:pw` lines up to `EOF`
const HERE_STRING = /[ \t]{0,8}<<<[ \t]{0,8}/y;
const HERE_DOCUMENT = /[ \t]{0,8}<<-?[ \t]{0,8}(["']?)([A-Za-z_]{1,32})\1[^\n]{0,256}\n/y;

/** Reads the input given after chpasswd; returns where it ends. */
function redirectedInput(text: string, after: number, out: Match[]): number {
  HERE_STRING.lastIndex = after;
  if (HERE_STRING.test(text)) {
    const input = argumentsFrom(text, HERE_STRING.lastIndex, 1)[0];
    if (input) pushUserPasswords(text, input, out);
    return after;
  }
  HERE_DOCUMENT.lastIndex = after;
  const here = HERE_DOCUMENT.exec(text);
  if (!here) return after;
  let line = HERE_DOCUMENT.lastIndex;
  for (let n = 0; n < 64 && line < text.length; n++) {
    let end = line;
    while (end < text.length && end - line <= 4096 && text.charCodeAt(end) !== 10) end++;
    if (text.slice(line, end).trim() === here[2]) return end;
    pushUserPasswords(text, { start: line, end: text[end - 1] === "\r" ? end - 1 : end }, out);
    line = end + 1;
  }
  return line;
}

/** htpasswd, net user and chpasswd, wherever they are named. */
export function scanPositionalPasswords(text: string, out: Match[]): void {
  scanHtpasswd(text, out);
  scanNetUser(text, out);
  scanChpasswd(text, out);
}
