// More passwords given as plain arguments, each by a tool whose arguments have fixed places:
// unixODBC's `isql DSN bob pw`, Db2's `CONNECT TO db USER bob USING pw`, `openssl passwd -6 pw`,
// `wpa_passphrase SSID pw`, `iwconfig wlan0 key s:pw`, MinIO's `mc alias set NAME URL KEY SECRET`,
// Bitwarden's `bw unlock pw`, `cargo login <token>` and `poetry config http-basic.NAME bob pw`.
import { argumentsFrom, commandWordAt, isFlag, pushPassword, type Span } from "./command-tokens";
import { foldedWordStarts } from "./text-starts";
import type { Match } from "./types";

/** The arguments after the command word at `at` (`length` long) that are not flags, when it is one. */
function positionalAfter(text: string, at: number, length: number, limit: number): Span[] | null {
  if (!commandWordAt(text, at, length)) return null;
  return argumentsFrom(text, at + length, limit).filter((a) => !isFlag(text, a));
}

// `isql [-v] DSN [user [password]]`
function scanIsql(text: string, out: Match[]): void {
  for (const at of foldedWordStarts(text, "isql")) {
    pushPassword(out, text, positionalAfter(text, at, 4, 12)?.[2] ?? null);
  }
}

// `wpa_passphrase SSID [passphrase]` (without one it reads it from the input)
function scanWpaPassphrase(text: string, out: Match[]): void {
  for (const at of foldedWordStarts(text, "wpa_passphrase")) {
    pushPassword(out, text, positionalAfter(text, at, 14, 4)?.[1] ?? null);
  }
}

// `iwconfig wlan0 key s:pw` (ASCII) or `key 0123-4567-89` (hex); `key off|on|open|restricted` sets a mode
const WIRELESS_KEY_MODES = new Set(["off", "on", "open", "restricted"]);

function scanIwconfig(text: string, out: Match[]): void {
  for (const at of foldedWordStarts(text, "iwconfig")) {
    const args = positionalAfter(text, at, 8, 16) ?? [];
    for (let i = 0; i + 1 < args.length; i++) {
      if (text.slice(args[i]!.start, args[i]!.end) !== "key") continue;
      const key = args[i + 1]!;
      const ascii = text.startsWith("s:", key.start);
      if (!ascii && (WIRELESS_KEY_MODES.has(text.slice(key.start, key.end)) || text.startsWith("[", key.start)))
        continue;
      pushPassword(out, text, ascii ? { start: key.start + 2, end: key.end } : key);
    }
  }
}

// `openssl passwd [-1|-5|-6|-apr1] [-salt S] pw`: the password to hash is its first plain argument,
// unless `-in file` or `-stdin` gives it
const PASSWD_FLAGS_WITH_VALUE = new Set(["-salt", "-in"]);

function scanOpensslPasswd(text: string, out: Match[]): void {
  for (const at of foldedWordStarts(text, "passwd")) {
    if (at < 8 || !/(?:^|[\s/"'|;&(`])openssl[ \t]{1,4}$/.test(text.slice(Math.max(0, at - 16), at))) continue;
    const args = argumentsFrom(text, at + 6, 12);
    for (let i = 0; i < args.length; i++) {
      const arg = text.slice(args[i]!.start, args[i]!.end);
      if (arg === "-in" || arg === "-stdin") break;
      if (PASSWD_FLAGS_WITH_VALUE.has(arg)) i++;
      else if (!isFlag(text, args[i]!)) {
        pushPassword(out, text, args[i]!);
        break;
      }
    }
  }
}

// Db2's `CONNECT TO sample USER db2inst1 USING pw`, in its command line (`db2 connect to …`) or a script
// (the statement starts its line, its quotes or the db2 command: `we connect to prod user bob using the VPN` is prose)
const DB2_CONNECT =
  /(?:^|[\n;"']|db2[ \t]{1,4})[ \t]{0,8}connect[ \t]{1,8}to[ \t]{1,8}[^\s;]{1,128}[ \t]{1,8}user[ \t]{1,8}[^\s;]{1,128}[ \t]{1,8}$/i;

function scanDb2Connect(text: string, out: Match[]): void {
  for (const at of foldedWordStarts(text, "using")) {
    if (!commandWordAt(text, at, 5) || !DB2_CONNECT.test(text.slice(Math.max(0, at - 300), at))) continue;
    const password = argumentsFrom(text, at + 5, 1)[0];
    if (password) pushPassword(out, text, { start: password.start, end: trimStatementEnd(text, password) });
  }
}

/** A bare argument's end before the `;` that ends its statement and the quote that closes its command. */
function trimStatementEnd(text: string, arg: Span): number {
  let end = arg.end;
  while (end > arg.start + 1 && /[;"']/.test(text[end - 1]!)) end--;
  return end;
}

// MinIO's client: `mc alias set NAME URL ACCESS_KEY SECRET_KEY` (the access key is an identifier)
function scanMinioAlias(text: string, out: Match[]): void {
  for (const at of foldedWordStarts(text, "alias")) {
    if (at < 3 || !/(?:^|[\s/"'|;&(`])mc[ \t]{1,4}$/.test(text.slice(Math.max(0, at - 8), at))) continue;
    const args = positionalAfter(text, at, 5, 8);
    if (args && args.length >= 5 && text.slice(args[0]!.start, args[0]!.end) === "set") {
      pushPassword(out, text, args[4]!);
    }
  }
}

// Bitwarden's `bw unlock pw` and `bw login bob@example.com pw`, and Cargo's `cargo login <token>`:
// found by their subcommand (a command of two letters is too short to be looked for)
const LOGIN_COMMANDS: { word: "login" | "unlock"; command: RegExp; at: number; type: string }[] = [
  { word: "unlock", command: /(?:^|[\s;&|(`])bw[ \t]{1,4}$/, at: 0, type: "password" },
  { word: "login", command: /(?:^|[\s;&|(`])bw[ \t]{1,4}$/, at: 1, type: "password" },
  { word: "login", command: /(?:^|[\s;&|(`])cargo[ \t]{1,4}$/, at: 0, type: "token" },
];

function scanLoginCommands(text: string, out: Match[]): void {
  for (const { word, command, at: place, type } of LOGIN_COMMANDS) {
    for (const at of foldedWordStarts(text, word)) {
      if (!command.test(text.slice(Math.max(0, at - 8), at))) continue;
      const value = positionalAfter(text, at, word.length, 8)?.[place];
      if (value) pushPassword(out, text, value, type);
    }
  }
}

// Poetry's `poetry config http-basic.NAME bob pw` and `poetry config pypi-token.NAME <token>`
const POETRY_SETTING = /^(?:http-basic|pypi-token)\./;

function scanPoetryConfig(text: string, out: Match[]): void {
  for (const at of foldedWordStarts(text, "poetry")) {
    const args = positionalAfter(text, at, 6, 8);
    if (!args || args.length < 3 || text.slice(args[0]!.start, args[0]!.end) !== "config") continue;
    const setting = text.slice(args[1]!.start, args[1]!.end);
    if (!POETRY_SETTING.test(setting)) continue;
    const basic = setting.startsWith("http-basic");
    pushPassword(out, text, args[basic ? 3 : 2] ?? null, basic ? "password" : "token");
  }
}

export const ARGUMENT_COMMANDS = [
  "isql",
  "wpa_passphrase",
  "iwconfig",
  "openssl",
  "db2",
  "mc",
  "bw",
  "cargo",
  "poetry",
];

export function scanArgumentPasswords(text: string, out: Match[]): void {
  scanIsql(text, out);
  scanWpaPassphrase(text, out);
  scanIwconfig(text, out);
  scanOpensslPasswd(text, out);
  scanDb2Connect(text, out);
  scanMinioAlias(text, out);
  scanLoginCommands(text, out);
  scanPoetryConfig(text, out);
}
