// SQL Server's login procedures take passwords as arguments, by position or by parameter name:
// `EXEC sp_addlogin 'bob', 'pw'` (@loginame, @passwd, …) and `EXEC sp_password 'old', 'new', 'bob'`
// (@old, @new, @loginame). T-SQL passes a bare word as a string too (`sp_addlogin bob, pw`); NULL,
// DEFAULT, a variable (`@pw`) and a parameter marker (`?`) are not passwords.
import { pushPassword, type Span } from "./command-tokens";
import { foldedWordStarts, startsWithFolded } from "./text-starts";
import type { Match } from "./types";

interface Procedure {
  /** The word after `sp_`, one of HEADER_WORDS. */
  word: "addlogin" | "password";
  /** The 0-based positions of the password arguments. */
  positions: number[];
  /** Their parameter names, lower case. */
  names: string[];
}

const PROCEDURES: Procedure[] = [
  { word: "addlogin", positions: [1], names: ["@passwd"] },
  { word: "password", positions: [0, 1], names: ["@old", "@new"] },
];

// one argument and the comma after it: `@name = ` optionally, then a quoted string (N'…', '' escapes
// a quote) or a bare word
const ARGUMENT =
  /[ \t]{0,8}(?:(@\w{1,32})[ \t]{0,8}=[ \t]{0,8})?(?:N?'((?:[^'\n]|''){0,256})'|([^\s,;'"`()]{1,256}))[ \t]{0,8}(,?)/diy;
const NOT_A_VALUE = /^(?:null|default|@\w*|\?)$/i;
const MAX_ARGUMENTS = 8;
// the end of the text or line, a statement's `;`, or the quote closing a string that holds the call
const STATEMENT_END = /^(?:$|[\r\n;'"`])/;

function scanCalls(text: string, procedure: Procedure, out: Match[]): void {
  for (const at of foldedWordStarts(text, procedure.word)) {
    const end = at + procedure.word.length;
    if (at < 3 || !startsWithFolded(text, at - 3, "sp_") || !/^[ \t]/.test(text[end] ?? "")) continue;
    // `sp_` starts the procedure's name (after `EXEC `, `dbo.`, `master..` or `[`)
    if (at > 3 && /\w/.test(text[at - 4]!)) continue;
    ARGUMENT.lastIndex = end;
    // a bare word counts only in a list of arguments that ends the statement: `sp_password procedure
    // is …` and `run sp_addlogin bob, then grant …` are sentences
    const bare: Span[] = [];
    let count = 0;
    while (count < MAX_ARGUMENTS) {
      const m = ARGUMENT.exec(text);
      if (m === null) break;
      const name = m[1]?.toLowerCase();
      const isPassword = name === undefined ? procedure.positions.includes(count) : procedure.names.includes(name);
      count++;
      const quoted = m[2] !== undefined;
      const value = m[2] ?? m[3]!;
      if (isPassword && value.length > 0 && (quoted || !NOT_A_VALUE.test(value))) {
        const [start, end] = m.indices![quoted ? 2 : 3]!;
        const span = { start, end };
        if (quoted) pushPassword(out, text, span);
        else bare.push(span);
      }
      if (m[4] === "") break;
    }
    if (count > 1 && STATEMENT_END.test(text.slice(ARGUMENT.lastIndex, ARGUMENT.lastIndex + 1)))
      for (const span of bare) pushPassword(out, text, span);
  }
}

/** Passwords given to `sp_addlogin` and `sp_password`. */
export function scanLoginProcedures(text: string, out: Match[]): void {
  for (const procedure of PROCEDURES) scanCalls(text, procedure, out);
}
