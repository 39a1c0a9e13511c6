// Passwords written into a command's standard input: `echo pw | sudo -S …`, `echo pw | kinit bob`,
// `echo pw | docker login --password-stdin`, `echo pw | passwd --stdin bob`, the `user:pw` lines
// chpasswd reads (piped, `<<< 'bob:pw'`, or a here-document), and `.pgpass` lines written by echo
// or a here-document (`host:port:db:user:pw`).
import {
  argumentsEnd,
  argumentsFrom,
  commandWordAt,
  isFlag,
  lineBefore,
  pushPassword,
  type Span,
} from "./command-tokens";
import { foldedWordStarts } from "./text-starts";
import type { Match } from "./types";

/** Reads one line of a command's input. */
type LineReader = (text: string, line: Span, out: Match[]) => void;

const wholeLine: LineReader = (text, line, out) => pushPassword(out, text, line);

/** The rest of the line after its `n`th colon (`bob:pw` for chpasswd, `h:5432:db:bob:pw` for .pgpass). */
const afterColons =
  (n: number): LineReader =>
  (text, line, out) => {
    let seen = 0;
    for (let i = line.start; i < line.end; i++) {
      const c = text.charCodeAt(i);
      if (c === 92)
        i++; // `\:` is a colon inside a field
      else if (c === 58 && ++seen === n) return pushPassword(out, text, { start: i + 1, end: line.end });
    }
  };

/** Each line of an echoed input: the lines are joined by a written `\n` (`printf 'a:x\nb:y\n'`). */
function eachLine(text: string, input: Span, read: LineReader, out: Match[]): void {
  let line = input.start;
  for (let i = input.start; i <= input.end; i++) {
    if (i === input.end || (text.charCodeAt(i) === 92 && text.charCodeAt(i + 1) === 110)) {
      if (i > line) read(text, { start: line, end: i }, out);
      line = i + 2;
      i++;
    }
  }
}

/** Where the pipe feeding the command that `before` ends in is, or -1 (another command starts first). */
function pipeBefore(before: string): number {
  for (let i = before.length - 1; i >= 0; i--) {
    const c = before[i];
    if (c === ";" || c === "&" || c === "(" || c === "`") return -1;
    if (c === "|") return before[i - 1] === "|" ? -1 : i;
  }
  return -1;
}

/** The first argument of the last `echo` or `printf` in `segment` (which starts at `from`). */
function echoedInput(text: string, from: number, segment: string): Span | null {
  const echo = Math.max(segment.lastIndexOf("echo"), segment.lastIndexOf("printf"));
  if (echo < 0) return null;
  const length = segment.startsWith("echo", echo) ? 4 : 6;
  if (!commandWordAt(text, from + echo, length)) return null;
  const args = argumentsFrom(text, from + echo + length, 4).filter((a) => !isFlag(text, a));
  // `printf '%s\n' pw`: a format, then what it prints
  const format = length === 6 && args.length > 1 && text.slice(args[0]!.start, args[0]!.end).includes("%s");
  const input = args[format ? 1 : 0];
  return input && input.end <= from + segment.length ? input : null;
}

/** Reads the echoed input piped into the command at `at`; says whether there was a pipe. */
function pipedInto(text: string, at: number, read: LineReader, out: Match[]): boolean {
  const { from, before } = lineBefore(text, at);
  const pipe = pipeBefore(before);
  if (pipe < 0) return false;
  const input = echoedInput(text, from, before.slice(0, pipe));
  if (input) eachLine(text, input, read, out);
  return true;
}

const HERE_DOCUMENT = /<<-?[ \t]{0,8}(["']?)([A-Za-z_]{1,32})\1/y;

/** The lines of a here-document whose delimiter is `delimiter`, from `line` on; returns where it ends. */
function hereDocument(text: string, line: number, delimiter: string, read: LineReader, out: Match[]): number {
  for (let n = 0; n < 64 && line < text.length; n++) {
    let end = line;
    while (end < text.length && end - line <= 4096 && text.charCodeAt(end) !== 10) end++;
    if (text.slice(line, end).trim() === delimiter) return end;
    eachLine(text, { start: line, end: text[end - 1] === "\r" ? end - 1 : end }, read, out);
    line = end + 1;
  }
  return line;
}

/** The here-document opened on the line holding `at` (`cat > f <<EOF`, `cat <<'EOF' > f`); returns where it ends. */
function hereDocumentOnLine(text: string, at: number, read: LineReader, out: Match[]): number {
  let end = at;
  while (end < text.length && end - at <= 512 && text.charCodeAt(end) !== 10) end++;
  const { from } = lineBefore(text, at);
  const line = text.slice(from, end);
  for (let i = line.indexOf("<<"); i >= 0; i = line.indexOf("<<", i + 2)) {
    HERE_DOCUMENT.lastIndex = i;
    const here = HERE_DOCUMENT.exec(line);
    if (here && line[i + 2] !== "<") return hereDocument(text, end + 1, here[2]!, read, out);
  }
  return at;
}

const chpasswdLine = afterColons(1);

function scanChpasswd(text: string, out: Match[]): void {
  // a here-document's lines are not read again for the commands inside it
  let next = 0;
  for (const at of foldedWordStarts(text, "chpasswd")) {
    if (at < next || !commandWordAt(text, at, 8)) continue;
    const end = argumentsEnd(argumentsFrom(text, at + 8, 8), at + 8);
    if (!inputInto(text, at, end, out, chpasswdLine)) next = hereDocumentOnLine(text, at, chpasswdLine, out);
  }
}

// `sudo -S` (or `--stdin`) reads the password from its input, piped or a here-string after the command
// it runs (`sudo -S apt update <<< 'pw'`); its other flags may come with it (`-kS`)
function scanSudo(text: string, out: Match[]): void {
  for (const at of foldedWordStarts(text, "sudo")) {
    if (!commandWordAt(text, at, 4)) continue;
    const args = argumentsFrom(text, at + 4, 16);
    const stdin = args.slice(0, 6).some((f) => {
      if (!isFlag(text, f)) return false;
      const flag = text.slice(f.start, f.end);
      return flag === "--stdin" || (flag[1] !== "-" && flag.includes("S"));
    });
    if (stdin) inputInto(text, at, argumentsEnd(args, at + 4), out);
  }
}

// Kerberos' `echo pw | kinit bob@CORP.COM`: kinit reads the password from an input that is not a terminal
function scanKinit(text: string, out: Match[]): void {
  for (const at of foldedWordStarts(text, "kinit")) {
    if (commandWordAt(text, at, 5)) pipedInto(text, at, wholeLine, out);
  }
}

// `docker login --password-stdin` (and podman, helm, oras, …), `passwd --stdin bob` (RHEL),
// OpenConnect's `--passwd-on-stdin`
function scanPasswordStdin(text: string, out: Match[]): void {
  for (const at of foldedWordStarts(text, "stdin")) {
    const flag =
      at >= 11 && text.startsWith("--password-", at - 11)
        ? 11
        : at >= 12 && text.startsWith("--passwd-on-", at - 12)
          ? 12
          : 0;
    const passwd = at >= 2 && text.startsWith("--", at - 2) && /(?:^|[\s|/])passwd\s/.test(lineBefore(text, at).before);
    if ((flag > 0 || passwd) && commandWordAt(text, at - (flag || 2), flag > 0 ? flag + 5 : 7))
      pipedInto(text, at, wholeLine, out);
  }
}

// `echo 'db:5432:app:bob:pw' >> ~/.pgpass`, `cat > ~/.pgpass <<EOF`: the fifth field of each line
const PGPASS_REDIRECT = />>?[ \t]{0,4}[^\s|;&<>]{0,256}$/;
const pgpassLine = afterColons(4);

function scanPgpass(text: string, out: Match[]): void {
  let next = 0;
  for (const at of foldedWordStarts(text, "pgpass")) {
    if (at < next || text[at - 1] !== ".") continue;
    const { from, before } = lineBefore(text, at - 1);
    const redirect = PGPASS_REDIRECT.exec(before);
    const input = redirect ? echoedInput(text, from, before.slice(0, redirect.index)) : null;
    if (input) eachLine(text, input, pgpassLine, out);
    else next = hereDocumentOnLine(text, at, pgpassLine, out);
  }
}

/**
 * Reads the input written into the command named at `at` whose arguments end at `end` (each line,
 * with `read`; a whole line by default): echoed into it by a pipe, or given as a here-string among
 * its arguments (`… <<< 'value'`). Says whether it was given either way.
 */
export function inputInto(text: string, at: number, end: number, out: Match[], read: LineReader = wholeLine): boolean {
  if (pipedInto(text, at, read, out)) return true;
  const here = text.slice(at, end).indexOf("<<<");
  if (here < 0) return false;
  const input = argumentsFrom(text, at + here + 3, 1)[0];
  if (input) eachLine(text, input, read, out);
  return true;
}

export function scanStdinPasswords(text: string, out: Match[]): void {
  scanChpasswd(text, out);
  scanSudo(text, out);
  scanKinit(text, out);
  scanPasswordStdin(text, out);
  scanPgpass(text, out);
}
