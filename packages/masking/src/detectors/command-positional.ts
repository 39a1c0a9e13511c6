// Passwords a command takes as a plain argument, not after a flag: `htpasswd -b file bob pw`,
// `net user bob pw /add`, `net use \\srv\share pw /user:bob`, `sqlplus scott/pw@orcl`,
// `rabbitmqctl add_user bob pw`, `vault login <token>`, Redis's `ACL SETUSER bob on >pw`; and after
// Windows' options: `xfreerdp /p:pw`, `schtasks /ru bob /rp pw`.
import { proseCredential } from "../text-stats";
import { ARGUMENT_COMMANDS, scanArgumentPasswords } from "./command-arguments";
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

// Windows `net user bob pw /add` and `net use [Z:] \\srv\share pw /user:bob` (`*` prompts). Options
// start with `/`; net user's name comes first, net use's password after the share.
const NET_USER = /net[ \t]{1,8}(user|use)[ \t]/iy;

function scanNetUser(text: string, out: Match[]): void {
  for (const at of foldedWordStarts(text, "net")) {
    NET_USER.lastIndex = at;
    const m = NET_USER.exec(text);
    if (!m || !commandWordAt(text, at, 3)) continue;
    const args = argumentsFrom(text, NET_USER.lastIndex, 8);
    const positional = args.filter((a) => text.charCodeAt(a.start) !== 47);
    if (m[1]!.length === 3) {
      const share = positional.findIndex((a) => text.startsWith("\\\\", a.start));
      const password = share < 0 ? undefined : positional[share + 1];
      if (password && text.slice(password.start, password.end) !== "*") pushPassword(out, text, password);
      continue;
    }
    const password = positional[1];
    if (!password) continue;
    const value = text.slice(password.start, password.end);
    // a sentence about net users is not a command: no options, mid-line, and plain words
    const command = positional.length < args.length || lineStart(text, at) || proseCredential(value);
    if (command && value !== "*") pushPassword(out, text, password);
  }
}

// `rabbitmqctl [-n node] add_user bob pw`, `rabbitmqctl change_password bob pw`
const RABBITMQ_USER_COMMANDS = new Set(["add_user", "change_password"]);

function scanRabbitmq(text: string, out: Match[]): void {
  for (const at of foldedWordStarts(text, "rabbitmqctl")) {
    if (!commandWordAt(text, at, 11)) continue;
    const positional: Span[] = [];
    const args = argumentsFrom(text, at + 11, 12);
    for (let i = 0; i < args.length; i++) {
      if (!isFlag(text, args[i]!)) positional.push(args[i]!);
      else if (/^(?:-n|--node|-t|--timeout)$/.test(text.slice(args[i]!.start, args[i]!.end))) i++; // and its value
    }
    const command = positional.findIndex((a) => RABBITMQ_USER_COMMANDS.has(text.slice(a.start, a.end)));
    if (command >= 0) pushPassword(out, text, positional[command + 2] ?? null);
  }
}

// `vault login <token>`: the token is the first argument, unless a method reads `key=value` pairs
// (`-method=userpass username=bob password=…`, the keyword detector's) or `-` reads it from the input.
function scanVaultLogin(text: string, out: Match[]): void {
  for (const at of foldedWordStarts(text, "vault")) {
    if (!commandWordAt(text, at, 5)) continue;
    const args = argumentsFrom(text, at + 5, 12);
    if (args.length < 2 || text.slice(args[0]!.start, args[0]!.end) !== "login") continue;
    if (args.some((a) => /^--?method\b/.test(text.slice(a.start, a.end)))) continue;
    const token = args.slice(1).find((a) => !isFlag(text, a));
    if (!token) continue;
    const value = text.slice(token.start, token.end);
    if (value !== "-" && !value.includes("=")) pushPassword(out, text, token, "token");
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

// Windows' task scheduler: `/rp pw` is the password of the task's user (`/ru`), `/p pw` the remote
// system's user's (`/u`); `*` or no value prompts.
const SCHTASKS_PASSWORD = /^\/r?p$/i;

function scanSchtasks(text: string, out: Match[]): void {
  for (const at of foldedWordStarts(text, "schtasks")) {
    if (!commandWordAt(text, at, 8)) continue;
    const args = argumentsFrom(text, at + 8, 32);
    for (let i = 0; i + 1 < args.length; i++) {
      const value = args[i + 1]!;
      if (!SCHTASKS_PASSWORD.test(text.slice(args[i]!.start, args[i]!.end))) continue;
      if (text.charCodeAt(value.start) !== 47 && text.slice(value.start, value.end) !== "*")
        pushPassword(out, text, value);
    }
  }
}

// Redis's `ACL SETUSER bob on >pw ~* +@all`: a rule `>pw` adds the password, `<pw` removes it (both
// name it); `#…` is its hash, and `nopass`/`resetpass` name none
function scanRedisAcl(text: string, out: Match[]): void {
  for (const at of foldedWordStarts(text, "setuser")) {
    if (at < 4 || !/acl[ \t]$/i.test(text.slice(at - 4, at))) continue;
    for (const arg of argumentsFrom(text, at + 7, 64)) {
      const c = text.charCodeAt(arg.start);
      if ((c === 62 || c === 60) && arg.end - arg.start > 1)
        pushPassword(out, text, { start: arg.start + 1, end: arg.end });
    }
  }
}

const PLAIN_PASSWORD_COMMANDS = new Set([
  "htpasswd",
  "net",
  ...ORACLE_TOOLS,
  "xfreerdp",
  "rabbitmqctl",
  "vault",
  "schtasks",
  ...ARGUMENT_COMMANDS,
]);

/** Whether an argument array's first item names a command that takes a password as a plain argument. */
export function takesPlainPassword(command: unknown): boolean {
  return typeof command === "string" && PLAIN_PASSWORD_COMMANDS.has(command.slice(command.lastIndexOf("/") + 1));
}

/**
 * htpasswd, net user and net use, Oracle's logons, rabbitmqctl, vault, FreeRDP, schtasks, Redis's ACL
 * SETUSER and the tools of command-arguments.ts, wherever they are named.
 */
export function scanPositionalPasswords(text: string, out: Match[]): void {
  scanHtpasswd(text, out);
  scanNetUser(text, out);
  scanOracleLogon(text, out);
  scanRabbitmq(text, out);
  scanVaultLogin(text, out);
  scanFreeRdp(text, out);
  scanSchtasks(text, out);
  scanRedisAcl(text, out);
  scanArgumentPasswords(text, out);
}
