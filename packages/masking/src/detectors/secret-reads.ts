// Commands that print a secret, and what they print: the line after `$ vault kv get -field=password
// secret/db` in a terminal transcript an agent quotes, or a tool call's `output` beside its `command`
// (see walk.ts). The secret stores' reads print nothing else; a variable or an output is read only
// when its name is a credential's (`echo $DB_PASSWORD`, `terraform output -raw db_password`). A
// command without a prompt on a string's first line is not read: checking every string's first line
// cost 3 % of the whole scan, and a prompt-less script's next line is a command.
import { classifyKey, type KeyClass } from "../key-names";
import { isReference } from "./command-tokens";
import type { Match } from "./types";

const SECRET: KeyClass = { type: "secret", strength: "strong", numeric: true };

// [the command, whether its group 1 is a name that must be a credential's]
const READS: [RegExp, boolean][] = [
  [/^vault[ \t]+(?:kv[ \t]+get|read)[ \t].*-field[= ]/, false],
  [/^terraform[ \t]+output[ \t]+(?:-raw[ \t]+|-json[ \t]+)?([\w.-]+)[ \t]*$/, true],
  [/^kubectl[ \t]+get[ \t]+secrets?[ \t].*(?:jsonpath|go-template)/, false],
  [/^op[ \t]+(?:read[ \t]|item[ \t]+get[ \t].*--fields?[= ])/, false],
  [/^gcloud[ \t]+secrets[ \t]+versions[ \t]+access[ \t]/, false],
  [/^az[ \t]+keyvault[ \t]+secret[ \t]+show[ \t].*--query[ \t]+["']?value\b/, false],
  [/^aws[ \t]+secretsmanager[ \t]+get-secret-value[ \t].*--output[ \t]+text/, false],
  [/^aws[ \t]+ssm[ \t]+get-parameters?[ \t].*--with-decryption.*--output[ \t]+text/, false],
  [/^aws[ \t]+configure[ \t]+get[ \t]+([\w.-]+)[ \t]*$/, true],
  [/^heroku[ \t]+config:get[ \t]+([\w.-]+)/, true],
  [/^echo[ \t]+["']?\$\{?([A-Za-z_]\w{0,63})\}?["']?[ \t]*$/, true],
  [/^printenv[ \t]+([A-Za-z_]\w{0,63})[ \t]*$/, true],
  [/^doppler[ \t]+secrets[ \t]+get[ \t].*--plain/, false],
  [/^security[ \t]+find-(?:generic|internet)-password[ \t].*[ \t]-w\b/, false],
  [/^(?:pass|gopass)[ \t]+(?:show[ \t]+)?[\w./@-]+[ \t]*$/, false],
  [/^bw[ \t]+get[ \t]+(?:password|totp)[ \t]/, false],
  [/^lpass[ \t]+show[ \t].*--password/, false],
  // a key or password just generated
  [/^openssl[ \t]+rand[ \t]+-(?:hex|base64)[ \t]+\d{1,4}[ \t]*$/, false],
  [/^gh[ \t]+auth[ \t]+token\b/, false],
  [/^gcloud[ \t]+auth[ \t]+(?:application-default[ \t]+)?print-(?:access|identity)-token\b/, false],
  [/^az[ \t]+account[ \t]+get-access-token[ \t].*(?:-o|--output)[ \t]+tsv/, false],
  [/^cat[ \t]+\/(?:var\/)?run\/secrets\/[^\s]+[ \t]*$/, false],
];
// `sudo` and variables set for the command come before it
const PREFIX = /^(?:sudo[ \t]+(?:-\w[ \t]+)*|[A-Za-z_]\w{0,63}=[^\s]{0,256}[ \t]+)*/;
const MAX_COMMAND = 1024;

// the commands' first words: a line starting with none of them (or a variable set for it) is not read on
const FIRST_WORDS = new Set(
  ["vault", "terraform", "kubectl", "op", "gcloud", "az", "aws", "heroku", "echo", "printenv", "doppler"].concat([
    "security",
    "pass",
    "gopass",
    "bw",
    "lpass",
    "openssl",
    "gh",
    "cat",
    "sudo",
  ]),
);
const FIRST_LETTERS = new Uint8Array(128);
for (const w of FIRST_WORDS) FIRST_LETTERS[w.charCodeAt(0)] = 1;
for (let c = 65; c <= 90; c++) FIRST_LETTERS[c] = 1; // `VAULT_ADDR=… vault …`
FIRST_LETTERS[95] = 1;

/** Whether the line from `from` may start one of the commands (a cheap test before the patterns). */
function mayStartRead(text: string, from: number, lineEnd: number): boolean {
  let i = from;
  while (i < lineEnd && (text[i] === " " || text[i] === "\t")) i++;
  const c = text.charCodeAt(i);
  if (c >= 128 || FIRST_LETTERS[c] !== 1) return false;
  let e = i;
  while (e < lineEnd && e - i < 64 && text[e] !== " " && text[e] !== "\t") e++;
  const word = text.slice(i, e);
  return FIRST_WORDS.has(word) || word.includes("=");
}

/** The class of what `command` prints when it prints a secret, else null. */
export function secretReadClass(command: string): KeyClass | null {
  if (command.length > MAX_COMMAND) return null;
  const c = command.trim().replace(PREFIX, "");
  for (const [re, named] of READS) {
    const m = re.exec(c);
    if (m === null) continue;
    if (!named) return SECRET;
    return classifyKey(m[1]!);
  }
  return null;
}

// a shell's prompt before a command: `$ `, `# `, `% `, `> `, `❯ `, after `user@host:~` or PowerShell's `PS C:\>`
const PROMPT_BEFORE = /^[ \t]{0,8}(?:[\w.-]{1,64}@[\w.-]{1,128}(?::[^\n$#%>]{0,256})?|PS [^\n>]{1,256})?$/;
const PROMPTS = ["$ ", "# ", "% ", "> ", "❯ "];

/**
 * The next newline and separator (a batch's NUL) at or after a position, for positions that only grow:
 * each is searched for again only once passed, so a text full of prompts is still read once.
 */
class Ends {
  private newline = -1;
  private nul = -1;
  constructor(private readonly text: string) {}
  /** Where the line (or string) holding `at` ends. */
  lineEnd(at: number): number {
    if (this.newline < at && this.newline !== Number.MAX_SAFE_INTEGER) {
      const n = this.text.indexOf("\n", at);
      this.newline = n < 0 ? Number.MAX_SAFE_INTEGER : n;
    }
    if (this.nul < at && this.nul !== Number.MAX_SAFE_INTEGER) {
      const n = this.text.indexOf("\u0000", at);
      this.nul = n < 0 ? Number.MAX_SAFE_INTEGER : n;
    }
    return Math.min(this.newline, this.nul, this.text.length);
  }
}

/** Masks the line after a command from `from` to the end of its line, when the command prints a secret. */
function readAt(text: string, from: number, ends: Ends, out: Match[]): void {
  const lineEnd = ends.lineEnd(from);
  if (lineEnd - from > MAX_COMMAND || text[lineEnd] !== "\n" || !mayStartRead(text, from, lineEnd)) return;
  const cls = secretReadClass(text.slice(from, lineEnd));
  if (cls === null) return;
  let start = lineEnd + 1;
  let end = ends.lineEnd(start);
  while (start < end && (text[start] === " " || text[start] === "\t")) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end <= start) return;
  const output = text.slice(start, end);
  if (startsWithPrompt(output) || isReference(output)) return;
  out.push({ start, end, type: cls.type, detector: "secret_read", category: "secret" });
}

function startsWithPrompt(line: string): boolean {
  return PROMPTS.some((p) => {
    const at = line.indexOf(p);
    return at >= 0 && PROMPT_BEFORE.test(line.slice(0, at));
  });
}

/** Where the line holding `at` starts, looked for at most `limit` characters back; -1 past that. */
function lineStart(text: string, at: number, limit: number): number {
  for (let i = at - 1; i >= 0 && at - i <= limit; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 0) return i + 1;
  }
  return at <= limit ? 0 : -1;
}

export function scanSecretReads(text: string, out: Match[]): void {
  for (const prompt of PROMPTS) {
    let ends: Ends | null = null;
    for (let at = text.indexOf(prompt); at >= 0; at = text.indexOf(prompt, at + prompt.length)) {
      const start = lineStart(text, at, 300);
      if (start < 0 || !PROMPT_BEFORE.test(text.slice(start, at))) continue;
      ends ??= new Ends(text);
      readAt(text, at + prompt.length, ends, out);
    }
  }
}
