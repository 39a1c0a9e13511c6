// The pieces of a shell command line the command-line detectors read: blanks, where a command ends,
// tokens (bare or quoted), and the values that refer to a password kept elsewhere.
import { isPlaceholder } from "../text-stats";
import type { Match } from "./types";

export interface Span {
  start: number;
  end: number;
}

export function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** Ends a command: a new line, a pipe, `;`, `&&`, a subshell or a backquote. */
export function endsCommand(c: number): boolean {
  return c === 10 || c === 13 || c === 124 || c === 59 || c === 38 || c === 40 || c === 41 || c === 96 || c === 0;
}

export function isQuote(c: number): boolean {
  return c === 34 || c === 39;
}

export function tokenEnd(text: string, from: number): number {
  let e = from;
  while (e < text.length) {
    const c = text.charCodeAt(e);
    if (isBlank(c) || endsCommand(c)) break;
    e++;
  }
  return e;
}

/** A value that refers to a password kept elsewhere: `$MYSQL_PWD`, `${PW}`, `%PW%`, `{{ pw }}`, `<pw>`. */
export function isReference(value: string): boolean {
  return /^(?:\$|%\w+%$|\{\{|<[^>]*>$)/.test(value) || isPlaceholder(value);
}

/** The value at `at`: quoted (to its closing quote on the line) or bare (to the end of the token). */
export function valueAt(text: string, at: number): Span | null {
  const q = text[at];
  if (q === '"' || q === "'") {
    // to the closing quote on the same line, within 256 characters
    for (let i = at + 1; i < text.length && i - at <= 257; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) return null;
      if (c === q.charCodeAt(0)) return i > at + 1 ? { start: at + 1, end: i } : null;
    }
    return null;
  }
  const end = tokenEnd(text, at);
  return end > at ? { start: at, end } : null;
}

/**
 * The arguments after `from` up to the end of the command, at most `limit`: each as its value
 * (without quotes) and where the next one may start. A quoted argument that does not close ends the list.
 */
export function argumentsFrom(text: string, from: number, limit: number): Span[] {
  const args: Span[] = [];
  let at = from;
  while (args.length < limit) {
    while (at < text.length && isBlank(text.charCodeAt(at))) at++;
    if (at >= text.length || endsCommand(text.charCodeAt(at))) break;
    const value = valueAt(text, at);
    if (value === null) break;
    args.push(value);
    at = value.end + (isQuote(text.charCodeAt(at)) ? 1 : 0);
  }
  return args;
}

/** Where the arguments end (after the last one's closing quote, if any), or `at` when there are none. */
export function argumentsEnd(args: Span[], at: number): number {
  return args.length > 0 ? args[args.length - 1]!.end + 1 : at;
}

/** The text on `at`'s line before it, at most 512 characters: [from, at). */
export function lineBefore(text: string, at: number): { from: number; before: string } {
  const near = text.slice(Math.max(0, at - 512), at);
  const from = at - near.length + near.lastIndexOf("\n") + 1;
  return { from, before: text.slice(from, at) };
}

/** Reports a credential given on a command line, unless it is a reference or a placeholder (`$PW`, `<pw>`). */
export function pushPassword(out: Match[], text: string, value: Span | null, type = "password"): void {
  if (value === null || isReference(text.slice(value.start, value.end))) return;
  out.push({ start: value.start, end: value.end, type, detector: "cli_password", category: "secret" });
}

/** The command word at `at` stands alone: at a token's start, or after a path (`/usr/bin/htpasswd`). */
export function commandWordAt(text: string, at: number, length: number): boolean {
  const before = at === 0 ? 32 : text.charCodeAt(at - 1);
  const after = text.charCodeAt(at + length);
  const startsToken =
    isBlank(before) || before === 47 || isQuote(before) || before < 32 || "|;&(`".includes(text[at - 1]!);
  return startsToken && (at + length === text.length || isBlank(after) || after === 10 || after === 13);
}

export function isFlag(text: string, arg: Span): boolean {
  return text.charCodeAt(arg.start) === 45 && arg.end - arg.start > 1;
}
