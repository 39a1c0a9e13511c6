// Passwords a command takes as a plain argument, not after a flag: `htpasswd -b file bob pw`,
// `net user bob pw /add`, `sqlplus scott/pw@orcl`, `xfreerdp /p:pw`.
import { proseCredential } from "../text-stats";
import { argumentsFrom, commandWordAt, isFlag, pushPassword, type Span } from "./command-tokens";
import { foldedWordStarts, startsWithFolded } from "./text-starts";
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

// Oracle's tools take a logon `user/password[@database]` as their first argument (`sqlplus
// scott/tiger@orcl`, `expdp system/pw schemas=hr`, or `userid=system/pw`); `/ as sysdba` has no password.
const ORACLE_TOOLS = ["sqlplus", "sqlldr", "expdp", "impdp"] as const;
const LOGON = /^(?:userid=)?[A-Za-z_][\w$#.]{0,127}\/([^@\s]{1,256})/iy;

/** Where each Oracle tool is named in `text`: expdp and impdp are found by their `pdp`. */
function oracleToolStarts(text: string, tool: (typeof ORACLE_TOOLS)[number]): number[] {
  if (tool === "sqlplus" || tool === "sqlldr") return foldedWordStarts(text, tool);
  return foldedWordStarts(text, "pdp")
    .map((p) => p - 2)
    .filter((p) => p >= 0 && startsWithFolded(text, p, tool));
}

function scanOracleLogon(text: string, out: Match[]): void {
  for (const tool of ORACLE_TOOLS) {
    for (const at of oracleToolStarts(text, tool)) {
      if (!commandWordAt(text, at, tool.length)) continue;
      const logon = argumentsFrom(text, at + tool.length, 4).find((a) => !isFlag(text, a));
      if (!logon) continue;
      LOGON.lastIndex = 0;
      const m = LOGON.exec(text.slice(logon.start, logon.end));
      if (m)
        pushPassword(out, text, { start: logon.start + m[0].length - m[1]!.length, end: logon.start + m[0].length });
    }
  }
}

// FreeRDP's options start with `/`: `xfreerdp /u:bob /p:pw /v:host`
function scanFreeRdp(text: string, out: Match[]): void {
  for (const at of foldedWordStarts(text, "xfreerdp")) {
    if (!commandWordAt(text, at, 8)) continue;
    for (const arg of argumentsFrom(text, at + 8, 32)) {
      if (text.startsWith("/p:", arg.start)) pushPassword(out, text, { start: arg.start + 3, end: arg.end });
    }
  }
}

const PLAIN_PASSWORD_COMMANDS = new Set(["htpasswd", "net", ...ORACLE_TOOLS, "xfreerdp"]);

/** Whether an argument array's first item names a command that takes a password as a plain argument. */
export function takesPlainPassword(command: unknown): boolean {
  return typeof command === "string" && PLAIN_PASSWORD_COMMANDS.has(command.slice(command.lastIndexOf("/") + 1));
}

/** htpasswd, net user, Oracle's logons and FreeRDP, wherever they are named. */
export function scanPositionalPasswords(text: string, out: Match[]): void {
  scanHtpasswd(text, out);
  scanNetUser(text, out);
  scanOracleLogon(text, out);
  scanFreeRdp(text, out);
}
