// Passwords given to a command by a short flag: `mysqldump -u root -pS3cret db`, `sshpass -p pw`,
// `docker login -u bob -p pw`, `az login -p pw`, `redis-cli -a pw`, `sqlcmd -P pw`,
// `ldapsearch -w pw`, `smbclient -U bob%pw`; and SQL's `IDENTIFIED BY 'pw'`. Long flags
// (`--password pw`) are the keyword detector's. A short flag names a password only for some commands
// (`-p` is a port for ssh and psql, a parent for mkdir), so each flag is read with the last command
// named before it in its part of the line: wrappers such as `kubectl exec pod -- mysql -pX` or
// `ssh host "mysql -pX"` still name the command. Passwords given as plain arguments are read by
// command-positional.ts, those written into a command's input by command-stdin.ts, the values
// of secret stores' commands by command-secret-stores.ts, and answers to a password prompt sent by
// Expect and pexpect scripts by expect-scripts.ts, and CI log commands by ci-commands.ts.

import { scanCiCommands } from "./ci-commands";
import { scanPositionalPasswords } from "./command-positional";
import { scanSecretStores } from "./command-secret-stores";
import { scanStdinPasswords } from "./command-stdin";
import { endsCommand, isBlank, isQuote, pushPassword, type Span, tokenEnd, valueAt } from "./command-tokens";
import { scanSnmpCommunities } from "./device-configs";
import { scanExpectScripts } from "./expect-scripts";
import { scanMailSessions } from "./mail-sessions";
import { scanPgpassEntries } from "./pgpass-entries";
import { eachPosition } from "./punctuation";
import { scanSecretReads } from "./secret-reads";
import { scanLoginProcedures } from "./sql-procedures";
import { foldedWordStarts, startsWithFolded } from "./text-starts";
import type { Detector, Match } from "./types";

interface FlagRule {
  flag: string;
  /** `mysql -p db` prompts for the password and `db` is a database: only `-pS3cret` holds one. */
  attachedOnly?: boolean;
  /** The flag means a password only after this subcommand (`docker login`, `security add-generic-password`). */
  after?: string;
  /**
   * The value is a user and a password joined by this character (`bob%pw` for Samba, `bob,pw` for
   * lftp): the password follows the first one, and without one there is none.
   */
  userSeparator?: string;
  /** A well-known default that keeps nothing secret (SNMP's `public` community). */
  publicDefault?: string;
}

const ATTACHED_P: FlagRule[] = [{ flag: "-p", attachedOnly: true }];
const LOGIN: FlagRule[] = [{ flag: "-p", after: "login" }];
const SEPARATE_P: FlagRule[] = [{ flag: "-p" }];
const LDAP: FlagRule[] = [{ flag: "-w" }];
const SAMBA: FlagRule[] = [
  { flag: "-U", userSeparator: "%" },
  { flag: "--user", userSeparator: "%" },
];
const RAR: FlagRule[] = [...ATTACHED_P, { flag: "-hp", attachedOnly: true }];
// net-snmp's SNMPv3 passphrases: `-A` authenticates, `-X` encrypts; v1's and v2c's community (`-c`)
// is the password itself
const SNMP: FlagRule[] = [{ flag: "-A" }, { flag: "-X" }, { flag: "-c", publicDefault: "public" }];
// HTTPie's `http -a bob:pw` and `--auth=bob:pw` (without a password it prompts)
const HTTPIE: FlagRule[] = [
  { flag: "-a", userSeparator: ":" },
  { flag: "--auth", userSeparator: ":" },
];

const CAPITAL_P: FlagRule[] = [{ flag: "-P" }];
const KEYCHAIN: FlagRule[] = ["add-generic-password", "add-internet-password"].map((after) => ({ flag: "-w", after }));
const NUGET_SOURCE: FlagRule[] = [{ flag: "-p", after: "source" }];

const COMMANDS = new Map<string, FlagRule[]>([
  ...["mysql", "mysqldump", "mysqladmin", "mysqlimport", "mysqlshow", "mysqlcheck", "mysqlpump", "mysqlbinlog"].map(
    (c) => [c, ATTACHED_P] as const,
  ),
  ...["mariadb", "mariadb-dump", "mariadb-admin", "mariadb-import", "mariadb-check"].map(
    (c) => [c, ATTACHED_P] as const,
  ),
  ["sshpass", SEPARATE_P],
  // Mosquitto's clients, rabbitmqadmin, Neo4j's cypher-shell, Elasticsearch's user tool
  ...["mosquitto_pub", "mosquitto_sub", "mosquitto_rr"].map((c) => [c, CAPITAL_P] as const),
  ...["rabbitmqadmin", "cypher-shell", "elasticsearch-users"].map((c) => [c, SEPARATE_P] as const),
  // macOS's keychain: `-w pw` adds a password (`find-generic-password -w` prints one)
  ["security", KEYCHAIN],
  // `dotnet nuget add source … -p pw` (`dotnet run -p` names a project)
  ["dotnet", NUGET_SOURCE],
  // rdesktop's `-p pw` (`-p -` reads it from the input), SAP HANA's hdbsql, Cassandra's cqlsh, Dell's
  // iDRAC client (`racadm -r host -u root -p pw`)
  ...["rdesktop", "hdbsql", "cqlsh", "racadm"].map((c) => [c, SEPARATE_P] as const),
  ...["http", "https"].map((c) => [c, HTTPIE] as const),
  ...["docker", "podman", "nerdctl", "buildah", "skopeo", "oras", "helm", "crane"].map((c) => [c, LOGIN] as const),
  // `az login -u bob -p …`, `oc login -u bob -p …` (OpenShift), `cf login -u bob -p …` (Cloud Foundry)
  ...["az", "oc", "cf"].map((c) => [c, LOGIN] as const),
  ["redis-cli", [{ flag: "-a" }]],
  ...["mongo", "mongosh", "mongodump", "mongorestore", "mongoexport", "mongoimport", "mongostat", "mongotop"].map(
    (c) => [c, SEPARATE_P] as const,
  ),
  ["sqlcmd", [{ flag: "-P" }]],
  ["bcp", [{ flag: "-P" }]],
  ...["ldapsearch", "ldapadd", "ldapmodify", "ldapdelete", "ldapwhoami", "ldappasswd", "ldapcompare"].map(
    (c) => [c, LDAP] as const,
  ),
  ["zip", [{ flag: "-P" }]],
  ["unzip", [{ flag: "-P" }]],
  ...["7z", "7za", "7zr"].map((c) => [c, ATTACHED_P] as const),
  // `rar a -pS3cret` encrypts the files, `-hpS3cret` the headers too; `-p` alone prompts
  ...["rar", "unrar", "rar.exe", "unrar.exe", "winrar", "WinRAR.exe"].map((c) => [c, RAR] as const),
  ...["snmpwalk", "snmpbulkwalk", "snmpget", "snmpgetnext", "snmpset", "snmptable", "snmptrap", "snmpinform"].map(
    (c) => [c, SNMP] as const,
  ),
  // `smbclient //srv/share -U bob%S3cret`, `net rpc user -U 'DOM\admin%S3cret'`
  ...["smbclient", "rpcclient", "smbcacls", "smbget", "smbtree", "net", "winexe", "wmic"].map(
    (c) => [c, SAMBA] as const,
  ),
  ["lftp", [{ flag: "-u", userSeparator: "," }]],
  // `openssl enc -k pass` (a passphrase) and `-K hex` (the key itself)
  ["openssl", [{ flag: "-k" }, { flag: "-K" }]],
  // the new and the old passphrase
  ["ssh-keygen", [{ flag: "-N" }, { flag: "-P" }]],
  ["ipmitool", [{ flag: "-P" }]],
  ...["psexec", "PsExec", "psexec.exe", "PsExec.exe", "PsExec64.exe", "paexec", "paexec.exe"].map(
    (c) => [c, SEPARATE_P] as const,
  ),
]);
// the character after a flag's dash that may start a password flag (long flags, ` --…`, are
// common in any text and are the keyword detector's, but for Samba's `--user=bob%pw`)
const FLAG_LETTERS = new Set(["p", "a", "P", "w", "U", "u", "k", "K", "N", "h", "A", "X", "c"]);

function mayStartPasswordFlag(text: string, at: number): boolean {
  const c = text[at + 1] ?? "";
  return FLAG_LETTERS.has(c) || (c === "-" && (text.startsWith("user", at + 2) || text.startsWith("auth", at + 2)));
}

const LONGEST_COMMAND = Math.max(...[...COMMANDS.keys()].map((c) => c.length));

/** The rules of the command the token [start, end) names (`/usr/bin/mysql` and `"mysql` name mysql). */
function commandAt(text: string, start: number, end: number): FlagRule[] | undefined {
  let a = start;
  let b = end;
  while (b > a && isQuote(text.charCodeAt(b - 1))) b--;
  for (let i = b - 1; i >= a; i--) {
    if (text.charCodeAt(i) === 47) {
      a = i + 1;
      break;
    }
  }
  while (a < b && isQuote(text.charCodeAt(a))) a++;
  // most tokens are too long to be a command name: no string is made for them
  return b - a >= 2 && b - a <= LONGEST_COMMAND ? COMMANDS.get(text.slice(a, b)) : undefined;
}

/** The password in a flag's value: all of it, or what follows the user (`user%password`). */
function passwordIn(out: Match[], text: string, value: Span | null, rule: FlagRule): void {
  // `-p -`: read from the input
  if (value === null || (value.end === value.start + 1 && text.charCodeAt(value.start) === 45)) return;
  let start = value.start;
  if (rule.userSeparator !== undefined) {
    const separator = text.slice(value.start, value.end).indexOf(rule.userSeparator);
    if (separator < 0) return;
    start += separator + 1;
  }
  if (rule.publicDefault !== undefined && text.slice(start, value.end) === rule.publicDefault) return;
  if (start < value.end) pushPassword(out, text, { start, end: value.end });
}

/**
 * Reads the text left to right once, command by command, and stops at each short flag of a known
 * command (`visitFlags`). The state between flags is the last known command and whether its
 * subcommand was seen, so the text is read once whatever the number of flags.
 */
function scanFlags(text: string, out: Match[]): void {
  let command: FlagRule[] | null = null;
  let subcommands = "";
  let cursor = 0;
  let skipTo = 0;
  eachPosition(text, "-", (at) => {
    // `ConvertTo-SecureString '…'` is found at its dash, in the same pass
    if ((text.charCodeAt(at + 1) | 32) === 115 && startsWithFolded(text, at + 1, "securestring")) {
      secureStringAt(text, at + 1, out);
    }
    if (at < skipTo || at === 0 || !isBlank(text.charCodeAt(at - 1)) || !mayStartPasswordFlag(text, at)) {
      return at + 1;
    }
    // the commands and subcommands named since the last flag
    while (cursor < at) {
      const c = text.charCodeAt(cursor);
      if (endsCommand(c)) {
        command = null;
        subcommands = "";
        cursor++;
      } else if (isBlank(c)) cursor++;
      else {
        const end = Math.min(tokenEnd(text, cursor), at);
        const rules = commandAt(text, cursor, end);
        if (rules) {
          command = rules;
          subcommands = "";
        } else if (command !== null) {
          const sub = (command as FlagRule[]).find(
            (r) => r.after !== undefined && r.after.length === end - cursor && text.startsWith(r.after, cursor),
          );
          if (sub) subcommands = sub.after!;
        }
        cursor = end;
      }
    }
    if (command === null) return at + 1;
    const flagEnd = tokenEnd(text, at);
    for (const rule of command as FlagRule[]) {
      if (!text.startsWith(rule.flag, at) || (rule.after !== undefined && subcommands !== rule.after)) continue;
      if (flagEnd > at + rule.flag.length) {
        passwordIn(out, text, valueAt(text, at + rule.flag.length), rule);
      } else if (!rule.attachedOnly) {
        let v = flagEnd;
        while (v < text.length && isBlank(text.charCodeAt(v)) && v - flagEnd < 8) v++;
        if (v > flagEnd && v < text.length && !endsCommand(text.charCodeAt(v))) {
          const value = valueAt(text, v);
          passwordIn(out, text, value, rule);
          if (value) skipTo = value.end;
        }
      }
    }
    cursor = flagEnd;
    return flagEnd + 1;
  });
}

/** A password inside argument `at` of an argument array: [offset, end) of that argument. */
export interface ArgvPassword {
  at: number;
  offset: number;
  end: number;
  /** password, or token (`vault login <token>`) */
  type: string;
}

// Characters that would split an argument or end its command when the arguments are written as one
// line; they are written as `_`, so each argument stays one token at the same offsets.
const SPLITS = /[\s'"|;&()`<>]/g;
const OPERATORS = new Set(["|", "||", "&&", ";"]);

/** The arguments written as one command line, and where each starts in it (-1: not a string). */
function commandLine(items: unknown[]): { line: string; starts: number[] } {
  let line = "";
  const starts: number[] = [];
  for (const item of items) {
    if (line.length > 0) line += " ";
    if (typeof item === "string") {
      starts.push(line.length);
      line += OPERATORS.has(item) ? item : item.replace(SPLITS, "_");
    } else {
      starts.push(-1);
      line += "_";
    }
  }
  return { line, starts };
}

/**
 * The same reading over a command's arguments given as an array (`["mysql", "-uroot", "-pS3cret"]`,
 * `["sshpass", "-p", "pw", "ssh", "host"]`, `["sqlplus", "scott/pw@orcl"]`, as agents pass them):
 * the arguments are read as the command line they make, and each password found is given as the
 * argument it lies in and where in that argument.
 */
export function argvPasswords(items: unknown[]): ArgvPassword[] | null {
  const { line, starts } = commandLine(items);
  const found: Match[] = [];
  commandLinePasswordDetector.scan(line, found);
  const out: ArgvPassword[] = [];
  for (const m of found) {
    let at = starts.length - 1;
    while (at > 0 && (starts[at]! < 0 || starts[at]! > m.start)) at--;
    const start = starts[at]!;
    const item = items[at];
    if (start < 0 || typeof item !== "string" || m.end > start + item.length) continue;
    // two passwords in one argument (`bob:pw\nal:pw2`): one part, from the first to the last
    const same = out.find((p) => p.at === at);
    if (same) {
      same.offset = Math.min(same.offset, m.start - start);
      same.end = Math.max(same.end, m.end - start);
    } else out.push({ at, offset: m.start - start, end: m.end - start, type: m.type });
  }
  return out.length > 0 ? out.sort((x, y) => x.at - y.at) : null;
}

// `IDENTIFIED BY 'pw'`, `IDENTIFIED WITH mysql_native_password BY 'pw'` (MySQL, MariaDB, Oracle)
const IDENTIFIED_BY =
  /identified[ \t\r\n]{1,8}(?:with[ \t\r\n]{1,8}['"`]?\w{1,64}['"`]?[ \t\r\n]{1,8})?by[ \t\r\n]{1,8}(?:password[ \t\r\n]{1,8})?(?:'([^'\n]{1,256})'|"([^"\n]{1,256})"|([^\s;'"(),]{1,256}))/iy;

function scanIdentifiedBy(text: string, out: Match[]): void {
  for (const at of foldedWordStarts(text, "identified")) {
    IDENTIFIED_BY.lastIndex = at;
    const m = IDENTIFIED_BY.exec(text);
    if (!m) continue;
    const value = m[1] ?? m[2] ?? m[3]!;
    // a bound parameter (`?`, `:pw`, `@pw`) is not the password
    if (m[3] !== undefined && /^[?:@]/.test(value)) continue;
    const start = m.index + m[0].length - value.length - (m[3] === undefined ? 1 : 0);
    pushPassword(out, text, { start, end: start + value.length });
  }
}

// PowerShell: `ConvertTo-SecureString 'pw' -AsPlainText -Force`, `ConvertTo-SecureString -String "pw" …`,
// `ConvertTo-SecureString -AsPlainText -Force "pw"`
const SECURE_STRING =
  /securestring(?:[ \t]{1,8}-(?:String|AsPlainText|Force)){0,3}[ \t]{1,8}(?:'([^'\n]{1,256})'|"([^"\n]{1,256})")/iy;

function secureStringAt(text: string, at: number, out: Match[]): void {
  SECURE_STRING.lastIndex = at;
  const m = SECURE_STRING.exec(text);
  if (!m || !/convertto-$/i.test(text.slice(Math.max(0, at - 10), at))) return;
  const value = m[1] ?? m[2]!;
  const start = m.index + m[0].length - value.length - 1;
  pushPassword(out, text, { start, end: start + value.length });
}

export const commandLinePasswordDetector: Detector = {
  name: "cli_password",
  category: "secret",
  scan(text, out) {
    scanFlags(text, out);
    scanIdentifiedBy(text, out);
    scanPositionalPasswords(text, out);
    scanStdinPasswords(text, out);
    scanSecretStores(text, out);
    scanPgpassEntries(text, out);
    scanLoginProcedures(text, out);
    scanMailSessions(text, out);
    scanExpectScripts(text, out);
    scanCiCommands(text, out);
    scanSnmpCommunities(text, out);
    scanSecretReads(text, out);
  },
};
