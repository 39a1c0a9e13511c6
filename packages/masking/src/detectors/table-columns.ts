// A credential named in a table's header and written in its rows: CSV or TSV (`name,password` then
// `bob,S3cret`) and Markdown tables (`| user | password |`, `|---|---|`, `| bob | S3cret |`). The
// keyword detector finds the name in the header line; this reads the table below it once and
// returns the cell under every credential-named column. A Markdown table of settings names the
// credential in a row instead (`| Password | S3cret |`): the cell beside the name.
import { classifyKey, type KeyClass } from "../key-names";

export interface TableValue {
  start: number;
  end: number;
  quoted: boolean;
  key: string;
  cls: KeyClass;
}

export interface Table {
  /** The end of the header line: the keyword detector goes on from there. */
  headerEnd: number;
  /** Where the rows end: a line inside them is a row, never another header. */
  end: number;
  /** Characters read, for the keyword detector's budget. */
  chars: number;
  values: TableValue[];
}

const MAX_LINE = 4096;
const MAX_ROWS = 10_000;
// a column's name: up to three words (`password`, `DB Password`, `API key id`), not a sentence
const HEADER_CELL = /^[A-Za-z_][\w.-]{0,31}(?: [\w.-]{1,31}){0,2}$/;
// the line under a header: Markdown's (`|---|:---:|`), psql's (`-----+-----`) or MySQL's (`+-----+-----+`)
const ALIGNMENT_ROW = /^[ \t]*[|+]?[ \t]*:?-{3,}:?[ \t]*(?:[|+][ \t]*:?-{3,}:?[ \t]*)*[|+]?[ \t]*$/;

interface Cell {
  start: number;
  end: number;
  quoted: boolean;
}

/** The line around [s, e), when it is short: [start, end) without the line break. */
function lineAround(text: string, s: number, e: number): [number, number] | null {
  let a = s;
  while (a > 0 && text[a - 1] !== "\n") if (s - --a > MAX_LINE) return null;
  let b = e;
  while (b < text.length && text[b] !== "\n") if (++b - a > MAX_LINE) return null;
  return [a, b];
}

/** The line starting at `a`, when it is short and is not the batch separator's. */
function lineFrom(text: string, a: number): number | null {
  let b = a;
  while (b < text.length && text[b] !== "\n") {
    if (text[b] === "\0" || b - a > MAX_LINE) return null;
    b++;
  }
  return b;
}

/** Cells of the line [a, b) split at `delimiter`; a CSV field in double quotes may hold the delimiter. */
function cells(text: string, a: number, b: number, delimiter: string): Cell[] {
  if (b > a && text[b - 1] === "\r") b--;
  const out: Cell[] = [];
  let i = a;
  for (;;) {
    let j = i;
    while (j < b && (text[j] === " " || text[j] === "\t") && text[j] !== delimiter) j++;
    if (delimiter !== "|" && text[j] === '"') {
      let k = j + 1;
      while (k < b && !(text[k] === '"' && text[k + 1] !== '"')) k += text[k] === '"' ? 2 : 1;
      let next = k + 1;
      while (next < b && text[next] !== delimiter) next++;
      out.push({ start: j + 1, end: Math.min(k, b), quoted: true });
      if (next >= b) return out;
      i = next + 1;
      continue;
    }
    let end = j;
    while (end < b && text[end] !== delimiter) end++;
    let trimmed = end;
    while (trimmed > j && (text[trimmed - 1] === " " || text[trimmed - 1] === "\t")) trimmed--;
    out.push({ start: j, end: trimmed, quoted: false });
    if (end >= b) return out;
    i = end + 1;
  }
}

/** Markdown rows start and end with a pipe: the empty cells outside them are not columns. */
function inner(row: Cell[], delimiter: string): Cell[] {
  if (delimiter !== "|") return row;
  let from = 0;
  let to = row.length;
  if (row[0] && row[0].end === row[0].start) from++;
  if (to > from && row[to - 1]!.end === row[to - 1]!.start) to--;
  return row.slice(from, to);
}

/** Whether the line above `a` has as many cells: then the line at `a` is a row, not a header. */
function rowAbove(text: string, a: number, delimiter: string, count: number): boolean {
  if (a === 0) return false;
  const above = lineAround(text, a - 1, a - 1);
  if (above === null) return true; // a long line above: not a table's first line
  const [pa, pb] = above;
  if (pb <= pa || text.slice(pa, pb).includes("\0")) return false;
  return inner(cells(text, pa, pb, delimiter), delimiter).length === count;
}

// A row of another width (a delimiter inside an unquoted password, a missing field) is still a row;
// a few of them in a table, not a run of lines after it.
const MAX_RAGGED = 3;
const ragged = (count: number, width: number) => count >= 2 && Math.abs(count - width) <= 2;

/**
 * The cell under column `index` of a table `width` columns wide. In a row with extra cells, the
 * column's value may have been split by the delimiter: every cell it could span is taken together.
 */
function cellUnder(row: Cell[], index: number, width: number): Cell | undefined {
  const extra = row.length - width;
  if (extra <= 0) return row[index];
  return { start: row[index]!.start, end: row[index + extra]!.end, quoted: false };
}

const isDelimiter = (c: string | undefined) => c === "," || c === "\t" || c === ";" || c === "|";
const isLineEdge = (c: string | undefined) => c === undefined || c === "\n" || c === "\r";

/** Cheap test first: the name fills a cell, a delimiter or the line's edge on both sides of it. */
function fillsCell(text: string, s: number, e: number): boolean {
  let b = e;
  // MySQL pads its cells to the column's width
  while (b < text.length && b - e < 64 && (text[b] === " " || text[b] === '"' || text[b] === "'")) b++;
  if (!isDelimiter(text[b]) && !isLineEdge(text[b])) return false;
  let a = s;
  while (a > 0 && s - a < 32 && /[\w .'"-]/.test(text[a - 1]!)) a--;
  return a === 0 || isDelimiter(text[a - 1]) || isLineEdge(text[a - 1]);
}

/** The table whose header line holds [s, e), or null when that line is not a table's header. */
export function tableBelow(text: string, s: number, e: number): Table | null {
  if (!fillsCell(text, s, e)) return null;
  const line = lineAround(text, s, e);
  if (line === null) return null;
  const [a, b] = line;
  const header = text.slice(a, b);
  const delimiter = ["|", "\t", ",", ";"].find((d) => header.includes(d));
  if (delimiter === undefined) return null;
  const names = inner(cells(text, a, b, delimiter), delimiter).map((c) =>
    text.slice(c.start, c.end).replace(/^["'`]|["'`]$/g, ""),
  );
  if (names.length < 2 || !names.every((n) => HEADER_CELL.test(n))) return null;
  if (rowAbove(text, a, delimiter, names.length)) return null;
  const columns = names.flatMap((key, index) => {
    const cls = classifyKey(key);
    return cls ? [{ index, key, cls }] : [];
  });
  if (columns.length === 0) return null;
  const values: TableValue[] = [];
  let at = b + 1;
  if (delimiter === "|") {
    const end = lineFrom(text, at);
    if (end !== null && ALIGNMENT_ROW.test(text.slice(at, end))) at = end + 1;
    // with no line under it, two cells naming the credential first are a setting and its value
    // (`| password | S3cret |`, read by `cellBeside`), not a header
    else if (names.length === 2 && columns.length === 1 && columns[0]!.index === 0) return null;
  }
  let raggedRows = 0;
  for (let rows = 0; rows < MAX_ROWS && at < text.length; rows++) {
    const end = lineFrom(text, at);
    if (end === null || end === at || (end === at + 1 && text[at] === "\r")) break;
    const row = inner(cells(text, at, end, delimiter), delimiter);
    if (row.length !== names.length && (!ragged(row.length, names.length) || ++raggedRows > MAX_RAGGED)) break;
    for (const { index, key, cls } of columns) {
      const cell = cellUnder(row, index, names.length);
      if (cell) values.push({ ...cell, key, cls });
    }
    at = end + 1;
  }
  const end = Math.min(at, text.length);
  return values.length > 0 ? { headerEnd: b, end, chars: end - a, values } : null;
}

// what may decorate a name or a value in a Markdown cell: code spans and bold or italic marks
const DECORATION = /^[`*_]{0,3}|[`*_]{0,3}$/g;

/**
 * The second cell of the Markdown row whose first cell is the name at [s, e) (`| **Password** |
 * \`S3cret\` |`): without its decoration, when the row has two cells and the cell holds one word.
 */
export function cellBeside(text: string, s: number, e: number): Cell | null {
  const line = lineAround(text, s, e);
  if (line === null) return null;
  const [a, b] = line;
  if (text.slice(a, s).trim().replace(/^\|/, "").replace(DECORATION, "").trim() !== "") return null;
  const row = inner(cells(text, a, b, "|"), "|");
  if (row.length !== 2 || row[0]!.end > e + 3) return null;
  const cell = row[1]!;
  const raw = text.slice(cell.start, cell.end);
  const value = raw.replace(DECORATION, "");
  if (value.length === 0 || /\s/.test(value)) return null;
  const start = cell.start + raw.indexOf(value);
  return { start, end: start + value.length, quoted: false };
}

// PowerShell's list of names and values (`Get-ChildItem env:`, a hashtable written out):
//   Name                           Value
//   ----                           -----
//   DB_PASSWORD                    S3cret
const NAME_VALUE_HEADER = /(?:^|\n)[ \t]*Name[ \t]{2,}Value[ \t]*\r?\n[ \t]*-{4}[ \t]{2,}-{5}[ \t]*\r?\n/g;
const BLANK_LINE = /\n[ \t]*\r?\n/;

// where each `Name  Value` header of the last text asked about ends: found once per text, however many rows ask
let headersText: string | null = null;
let headerEnds: number[] = [];

function nameValueHeaderEnds(text: string): number[] {
  if (text !== headersText) {
    headersText = text;
    headerEnds = [];
    NAME_VALUE_HEADER.lastIndex = 0;
    for (let m = NAME_VALUE_HEADER.exec(text); m !== null; m = NAME_VALUE_HEADER.exec(text)) {
      headerEnds.push(m.index + m[0].length);
    }
  }
  return headerEnds;
}

/**
 * The value beside the name at [s, e) when it starts a row of PowerShell's `Name  Value` list: the
 * rest of the row after two blanks or more, under a header above with no blank line between.
 */
export function listedValue(text: string, s: number, e: number): Cell | null {
  if (s > 0 && text[s - 1] !== "\n") return null;
  let start = e;
  while (start < text.length && start - e < 128 && text[start] === " ") start++;
  if (start - e < 2 || start >= text.length || /\s/.test(text[start]!)) return null;
  const ends = nameValueHeaderEnds(text);
  // the last header ending at or before the row (binary search: a hostile text may hold thousands)
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid]! <= s) lo = mid + 1;
    else hi = mid;
  }
  const header = lo > 0 ? ends[lo - 1]! : -1;
  if (header < 0 || s - header > 8192 || BLANK_LINE.test(text.slice(header, s))) return null;
  let end = start;
  while (end < text.length && end - start < MAX_LINE && text[end] !== "\n" && text[end] !== "\r") end++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end, quoted: false };
}
