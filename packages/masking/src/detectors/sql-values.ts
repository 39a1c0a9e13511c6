// `INSERT INTO users (name, password) VALUES ('bob', 'S3cret'), ('amy', 'Other')`: the column list
// names the credential and the value stands at the same position in each row, far from its name.
// A small reader, one pass over the statement: the column list, then each row's values, quoted
// strings (with '' and \' escapes) and bracketed expressions kept whole.
import { classifyKey, type KeyClass } from "../key-names";
import { isPlaceholder, isReferenceOnly, looksRandom } from "../text-stats";
import { foldedWordStarts } from "./text-starts";
import type { Detector, Match } from "./types";

const INSERT_HEAD =
  /insert[ \t\r\n]{1,8}(?:(?:ignore|or[ \t]{1,4}\w{1,10})[ \t\r\n]{1,8})?into[ \t\r\n]{1,8}[\w."`[\]]{1,128}[ \t\r\n]{0,8}\(/iy;
const VALUES_HEAD = /[ \t\r\n]{0,8}values[ \t\r\n]{0,8}\(/iy;
const MAX_COLUMNS = 256;
const MAX_STATEMENT = 1 << 20;

interface Span {
  start: number;
  end: number;
  quoted: boolean;
}

// what a column list is made of: names, quotes around them, commas and white space (no bracket, so a
// list that is not one stops at the next `(`, and the statements found inside it are read only once)
const COLUMN_LIST = /[\w.$`"[\], \t\r\n-]{0,8192}\)/y;

/** The column names up to the closing bracket, or null when the list is not plain names. */
function readColumns(text: string, from: number): { columns: string[]; end: number } | null {
  COLUMN_LIST.lastIndex = from;
  const list = COLUMN_LIST.exec(text);
  if (list === null) return null;
  const columns = list[0]
    .slice(0, -1)
    .split(",")
    .map((c) => c.trim().replace(/^["`[]|["`\]]$/g, ""));
  if (columns.length > MAX_COLUMNS || columns.some((c) => !/^[\w.$-]{1,128}$/.test(c))) return null;
  return { columns, end: from + list[0].length };
}

interface Row {
  /** Null when the row does not close before `limit` (then `end` is where reading stopped). */
  values: Span[] | null;
  end: number;
  /** A quoted value that never closes: its position in the row and where it starts. */
  unterminated?: { index: number; start: number };
}

/** One row's values from just after its `(`, and where the row ends. */
function readRow(text: string, from: number, limit: number): Row {
  const values: Span[] = [];
  let i = from;
  let start = from;
  let quoted: Span | null = null;
  let depth = 0;
  while (i < limit) {
    const c = text[i]!;
    if (c === "\0") return { values: null, end: i }; // the batch separator: another string
    if (c === "'" || c === '"') {
      const open = i;
      i++;
      while (i < limit && text[i] !== "\0") {
        if (text[i] === "\\") i += 2;
        else if (text[i] === c && text[i + 1] === c) i += 2;
        else if (text[i] === c) break;
        else i++;
      }
      if (i >= limit || text[i] !== c) {
        const alone = depth === 0 && text.slice(start, open).trim() === "";
        return { values: null, end: i, unterminated: alone ? { index: values.length, start: open + 1 } : undefined };
      }
      if (depth === 0 && text.slice(start, open).trim() === "") quoted = { start: open + 1, end: i, quoted: true };
      i++;
      continue;
    }
    if (c === "(") depth++;
    else if (c === ")" && depth > 0) depth--;
    else if ((c === "," || c === ")") && depth === 0) {
      const rest = text.slice(quoted ? quoted.end + 1 : start, i).trim();
      values.push(quoted && rest === "" ? quoted : { start, end: i, quoted: false });
      quoted = null;
      start = i + 1;
      if (c === ")") return { values, end: i + 1 };
    }
    i++;
  }
  return { values: null, end: i };
}

function credential(v: string, quoted: boolean, cls: KeyClass): boolean {
  if (v.length === 0 || isPlaceholder(v) || isReferenceOnly(v)) return false;
  if (!quoted) {
    // an expression around a literal (`crypt('S3cret', gen_salt('bf'))`) holds it; otherwise NULL,
    // DEFAULT, a bound parameter or a function of none; a number only for a numeric credential (a PIN)
    if (/['"]/.test(v)) return cls.strength === "strong" || looksRandom(v);
    return cls.numeric && /^\d{4,}$/.test(v);
  }
  return cls.strength === "strong" ? !/^\d{1,3}$/.test(v) : looksRandom(v);
}

function pushValue(text: string, v: Span, cls: KeyClass, out: Match[]): void {
  const raw = text.slice(v.start, v.end);
  const value = raw.trim();
  if (!credential(value, v.quoted, cls)) return;
  const start = v.start + raw.indexOf(value);
  out.push({ start, end: start + value.length, type: cls.type, detector: "sql_values", category: "secret" });
}

function scanStatement(text: string, at: number, out: Match[]): number {
  INSERT_HEAD.lastIndex = at;
  const head = INSERT_HEAD.exec(text);
  if (!head) return at + 6;
  const cols = readColumns(text, INSERT_HEAD.lastIndex);
  if (!cols) return INSERT_HEAD.lastIndex;
  const classes = cols.columns.map((c) => classifyKey(c));
  if (!classes.some((c) => c !== null)) return cols.end;
  VALUES_HEAD.lastIndex = cols.end;
  if (!VALUES_HEAD.exec(text)) return cols.end;
  const limit = Math.min(text.length, at + MAX_STATEMENT);
  let i = VALUES_HEAD.lastIndex;
  for (;;) {
    const row = readRow(text, i, limit);
    if (row.values === null) {
      // a credential's quote that never closes: everything to the end of its line goes
      const open = row.unterminated;
      const cls = open ? classes[open.index] : null;
      if (open && cls) {
        const eol = text.indexOf("\n", open.start);
        pushValue(text, { start: open.start, end: eol < 0 ? text.length : eol, quoted: true }, cls, out);
      }
      return row.end;
    }
    for (let k = 0; k < row.values.length && k < classes.length; k++) {
      const cls = classes[k];
      if (cls) pushValue(text, row.values[k]!, cls, out);
    }
    // `), (` starts another row
    let j = row.end;
    while (j < limit && /[ \t\r\n]/.test(text[j]!)) j++;
    if (text[j] !== ",") return row.end;
    j++;
    while (j < limit && /[ \t\r\n]/.test(text[j]!)) j++;
    if (text[j] !== "(") return row.end;
    i = j + 1;
  }
}

export const sqlValuesDetector: Detector = {
  name: "sql_values",
  category: "secret",
  applies: (p) => p.length >= 24,
  scan(text, out) {
    let next = 0;
    for (const at of foldedWordStarts(text, "insert")) if (at >= next) next = scanStatement(text, at, out);
  },
};
