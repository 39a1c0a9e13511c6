// A PostgreSQL password file's entry on a line of its own, wherever it is shown (a file's content
// an agent writes, a note): `db.example.com:5432:app:bob:pw`, `*:*:*:replicator:pw`. The password
// is the fifth field, the rest of the line. Written by `echo … >> ~/.pgpass` it is command-stdin.ts's.
import { isDigitCode } from "../text-stats";
import { pushPassword, type Span } from "./command-tokens";
import { eachPosition, recordedCount } from "./punctuation";
import type { Match } from "./types";

// host:port:database:user:password, each of the first four `*` or a name; `\:` is a colon in a field
const ENTRY =
  /^[ \t"'`]{0,8}(\*|[A-Za-z0-9][\w.-]{0,252}):(\*|\d{1,5}):(?:\*|[A-Za-z_][\w$.-]{0,62}):(?:\*|[A-Za-z_][\w$.@-]{0,62}):((?:[^:\\\s]|\\.)(?:[^:\\\n\r]|\\.){0,255}?)([ \t"'`,]*)$/;
// Postgres's ports (and PgBouncer's, Redshift's, CockroachDB's): with a host of one word, the port
// tells an entry from a key such as `cache:42:user:profile:v2`
const POSTGRES_PORTS = new Set(["*", "5432", "5433", "5434", "5435", "5439", "6432", "26257"]);

/** The line around `at`: to a line break, or to a written `\n` in escaped text. */
function lineAround(text: string, at: number): Span {
  let start = at;
  while (start > 0 && at - start < 512) {
    const c = text.charCodeAt(start - 1);
    if (c === 10 || c === 13 || (c === 110 && text.charCodeAt(start - 2) === 92)) break;
    start--;
  }
  let end = at;
  while (end < text.length && end - at < 512) {
    const c = text.charCodeAt(end);
    if (c === 10 || c === 13 || (c === 92 && text.charCodeAt(end + 1) === 110)) break;
    end++;
  }
  return { start, end };
}

function entryOn(text: string, line: Span, out: Match[]): void {
  const m = ENTRY.exec(text.slice(line.start, line.end));
  if (!m) return;
  const [, host, port, password, trailing] = m as unknown as [string, string, string, string, string];
  if (!POSTGRES_PORTS.has(port) && host !== "*" && host !== "localhost" && !host.includes(".")) return;
  const end = line.end - trailing.length;
  pushPassword(out, text, { start: end - password.length, end });
}

// what follows the port: `:database:user:`, the test that rules out times and most keys cheaply
const AFTER_PORT = /:(?:\*|[A-Za-z_][\w$.-]{0,62}):(?:\*|[A-Za-z_][\w$.@-]{0,62}):/y;

/** Reads the entry whose port follows the colon at `colon`, unless its line is `lastLine`; returns the line read or `lastLine`. */
function entryAfter(text: string, colon: number, lastLine: number, out: Match[]): number {
  let portEnd = colon + 1;
  if (text.charCodeAt(portEnd) === 42) portEnd++;
  else while (portEnd - colon <= 5 && isDigitCode(text.charCodeAt(portEnd))) portEnd++;
  if (portEnd === colon + 1) return lastLine;
  AFTER_PORT.lastIndex = portEnd;
  if (!AFTER_PORT.test(text)) return lastLine;
  const line = lineAround(text, colon);
  if (line.start !== lastLine) entryOn(text, line, out);
  return line.start;
}

export function scanPgpassEntries(text: string, out: Match[]): void {
  // an entry has four colons; the profile pass counted them
  const colons = recordedCount(text, ":");
  if (colons >= 0 && colons < 4) return;
  let lastLine = -1;
  eachPosition(text, ":", (colon) => {
    lastLine = entryAfter(text, colon, lastLine, out);
    return colon + 1;
  });
}
