// A value named by its neighbour rather than by its own key: `{"name": "DB_PASSWORD", "value": …}`
// (Kubernetes and ECS env, HAR headers, CI variables), `{"Key": …, "Value": …}` (tags, parameter
// stores), `{"ParameterKey": …, "ParameterValue": …}` (CloudFormation), `["X-Api-Key", …]` tuples and
// `["--password", …]` arguments.
// The value is judged as if the name were its key, with the same strong and weak rules.
import { argvPasswords } from "./detectors/command-line";
import { takesPlainPassword } from "./detectors/command-positional";
import { secretReadClass } from "./detectors/secret-reads";
import { classifyKey, type KeyClass } from "./key-names";
import { INPUT_FIELDS, NAME_FIELDS, TYPED_FIELDS, VALUE_FIELDS } from "./pair-names";

const NAME_KEYS = new Set<string>(NAME_FIELDS);
const VALUE_KEYS = new Set<string>(VALUE_FIELDS);
const INPUT_KEYS = new Set<string>(INPUT_FIELDS);
const TYPED_KEYS = new Set<string>(TYPED_FIELDS);
// A name/value record is small; larger objects are not read for one.
const MAX_PAIR_KEYS = 8;

export interface NamedValue {
  /** Index of the value among the object's keys or the array's items. */
  at: number;
  cls: KeyClass;
  /** The finding's detector: `pair:` and the key that holds the name (never the name itself), `pair:tuple`, `pair:flag` or `detector:cli_password`. */
  detector: string;
  /**
   * For a password inside an argument (`-pS3cret`, `bob%S3cret`, `scott/S3cret@orcl`): where it
   * starts and ends; the rest of the argument stays.
   */
  part?: { offset: number; end: number };
}

const PASSWORD: KeyClass = { type: "password", strength: "strong", numeric: false };

/**
 * Where an object's name and value fields are: [name, value] indices, or null when it has no such
 * pair. A name/value record first; else a UI action's input and what it types (see INPUT_FIELDS).
 */
export function pairFields(keys: string[]): [number, number] | null {
  if (keys.length < 2 || keys.length > MAX_PAIR_KEYS) return null;
  return fieldsOf(keys, NAME_KEYS, VALUE_KEYS) ?? fieldsOf(keys, INPUT_KEYS, TYPED_KEYS);
}

function fieldsOf(keys: string[], names: Set<string>, values: Set<string>): [number, number] | null {
  let nameAt = -1;
  let valueAt = -1;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (names.has(k)) {
      if (nameAt >= 0) return null; // two names: not one pair
      nameAt = i;
    } else if (values.has(k)) {
      if (valueAt >= 0) return null;
      valueAt = i;
    }
  }
  return nameAt < 0 || valueAt < 0 ? null : [nameAt, valueAt];
}

// OAuth's code, exchanged for a token, when it looks generated: in a token request
// (`{"grant_type": "authorization_code", "code": …, "redirect_uri": …}`) and in a callback's query
// read into an object (`{"code": …, "state": …, "scope": …}`: `state` alone is too common a word
// beside `code`, as in `{"code": "PROMO24", "state": "expired"}`). A `code` key elsewhere (an error's,
// a country's) is left to its value.
const TOKEN_REQUEST_KEYS = new Set(["grant_type", "redirect_uri", "code_verifier"]);
const CALLBACK_KEYS = new Set(["code", "state", "session_state", "scope", "iss", "authuser", "prompt", "hd"]);
const OAUTH_ONLY_CALLBACK_KEYS = ["session_state", "scope", "iss", "authuser"];
const OAUTH_CODE: KeyClass = { type: "token", strength: "weak", numeric: false };

/** An object's `code` key when the object is an OAuth token request or callback, or null. */
export function oauthCodeOf(keys: string[]): NamedValue | null {
  const at = keys.indexOf("code");
  if (at < 0 || keys.length > 2 * MAX_PAIR_KEYS) return null;
  const oauth =
    keys.some((k) => TOKEN_REQUEST_KEYS.has(k)) ||
    (keys.includes("state") &&
      keys.every((k) => CALLBACK_KEYS.has(k)) &&
      OAUTH_ONLY_CALLBACK_KEYS.some((k) => keys.includes(k)));
  return oauth ? { at, cls: OAUTH_CODE, detector: "key:code" } : null;
}

/** The value an object's name field names as a credential (fields from `pairFields`), or null. */
export function namedValueOf(fields: [number, number], keys: string[], values: unknown[]): NamedValue | null {
  const name = values[fields[0]];
  const cls = INPUT_KEYS.has(keys[fields[0]]!) ? inputClass(name) : nameClass(name);
  return cls ? { at: fields[1], cls, detector: `pair:${keys[fields[0]]!}` } : null;
}

/**
 * Items of an array named by the item before them, in order: the second of a pair whose first names a
 * credential (`["X-Api-Key", "k9f8…"]`), the argument after a long flag that names one
 * (`["deploy", "--password", "…"]`, as agents pass a command's arguments) and the password of a
 * command's short flag (`["mysql", "-pS3cret"]`). Null when there are none.
 */
export function namedItemsOf(items: unknown[]): NamedValue[] | null {
  if (items.length === 2) {
    const cls = nameClass(items[0]);
    if (cls) return [{ at: 1, cls, detector: "pair:tuple" }];
  }
  if (typeof items[0] !== "string") return null; // a command's arguments start with a word or a flag
  const out: NamedValue[] = [];
  let flags = 0;
  for (let i = 0; i < items.length; i++) {
    const flag = items[i];
    if (typeof flag !== "string" || flag.charCodeAt(0) !== DASH) continue;
    flags++;
    const m = LONG_FLAG.exec(flag);
    const next = items[i + 1];
    if (m === null || typeof next !== "string" || LONG_FLAG.test(next) || attachedValue(flag)) continue;
    const cls = classifyKey(m[1]!);
    if (cls) out.push({ at: i + 1, cls, detector: "pair:flag" });
  }
  // short flags, read with the command named before them (`mysql -pS3cret`, `sshpass -p pw`), and
  // the commands that take a password as a plain argument (`sqlplus scott/pw@orcl`)
  if (flags === 0 && !takesPlainPassword(items[0])) return null;
  for (const { at, offset, end, type } of argvPasswords(items) ?? []) {
    const whole = offset === 0 && end === (items[at] as string).length;
    const cls = type === PASSWORD.type ? PASSWORD : { ...PASSWORD, type };
    out.push({ at, part: whole ? undefined : { offset, end }, cls, detector: "detector:cli_password" });
  }
  if (out.length === 0) return null;
  out.sort((a, b) => a.at - b.at);
  return out.filter((n, i) => i === 0 || out[i - 1]!.at !== n.at);
}

// `{"command": "sshpass", "args": ["-p", …]}` (Kubernetes containers, MCP servers, agents' tool calls):
// a command's arguments apart from its name, read as if they followed it
const ARGUMENT_KEYS = new Set(["args", "argv", "arguments"]);
const COMMAND_KEYS = ["command", "cmd", "program", "executable", "binary"];
// requests' and httpx's `auth=("bob", "…")`, serialised as a pair: the second item is the password,
// unless it is a word (`"auth": ["oauth", "saml"]` lists methods)
const USER_PASSWORD_PAIR_KEYS = new Set(["auth", "basic_auth", "basicAuth", "credentials", "creds"]);
const LOWER_CASE_WORD = /^[a-z]+$/;

/**
 * Items of the array at `at` among an object's keys named by the object around it, or null: the
 * arguments of the command named beside them, and the password of a user/password pair.
 */
export function itemsNamedBeside(keys: string[], values: unknown[], at: number): NamedValue[] | null {
  const items = values[at];
  if (!Array.isArray(items)) return null;
  const key = keys[at]!;
  if (USER_PASSWORD_PAIR_KEYS.has(key)) {
    const [user, password] = items;
    return items.length === 2 &&
      typeof user === "string" &&
      typeof password === "string" &&
      !LOWER_CASE_WORD.test(password)
      ? [{ at: 1, cls: PASSWORD, detector: `pair:${key}` }]
      : null;
  }
  if (!ARGUMENT_KEYS.has(key)) return null;
  const command = commandOf(keys, values);
  if (command === null) return null;
  const named = namedItemsOf([...command, ...items]);
  const out = named?.filter((n) => n.at >= command.length).map((n) => ({ ...n, at: n.at - command.length }));
  return out && out.length > 0 ? out : null;
}

// `{"command": "vault kv get -field=password secret/db", "output": …}`: a tool call's output beside a
// command that prints a secret (see secret-reads.ts)
const OUTPUT_KEYS = new Set(["output", "stdout", "result", "out"]);

/** Where a command's output is among an object's keys (`output`, `stdout`, `result`), or -1. */
export function outputKeyAt(keys: string[]): number {
  if (keys.length < 2 || keys.length > 2 * MAX_PAIR_KEYS) return -1;
  for (let i = 0; i < keys.length; i++) if (OUTPUT_KEYS.has(keys[i]!)) return i;
  return -1;
}

/** The class of an object's output (from `outputKeyAt`) when the command beside it prints a secret. */
export function outputOfSecretRead(keys: string[], values: unknown[]): KeyClass | null {
  const command = commandOf(keys, values);
  return command === null ? null : secretReadClass(command.join(" "));
}

/** The command an object names (`"mysql"`, `["/bin/mysql"]`) as its words, or null. */
function commandOf(keys: string[], values: unknown[]): string[] | null {
  for (const k of COMMAND_KEYS) {
    const c = keys.indexOf(k);
    if (c < 0) continue;
    const command = values[c];
    if (typeof command === "string" && command.length > 0 && command.length <= 256) return [command];
    if (
      Array.isArray(command) &&
      command.length > 0 &&
      command.length <= 8 &&
      command.every((w) => typeof w === "string")
    )
      return command as string[];
  }
  return null;
}

const DASH = 45;
// `--password`, `-storepass`: a name of three or more after the dashes (short flags mean different
// things to each command: `mysql -p` with a space prompts, and the next argument is the database)
const LONG_FLAG = /^--?([A-Za-z][\w.-]{2,63})$/;

/** `-pS3cr3tPw` (7z, rar): a short flag with its value attached, not a name, when it holds a digit. */
function attachedValue(flag: string): boolean {
  return flag.charCodeAt(1) !== DASH && /\d/.test(flag);
}

// A name is one identifier-like word (`DB_PASSWORD`, `X-Api-Key`, `/prod/db/password`), not a sentence.
const NAME_SHAPE = /^[A-Za-z_./:-][\w./:-]{0,127}$/;

function nameClass(name: unknown): KeyClass | null {
  return typeof name === "string" && NAME_SHAPE.test(name) ? classifyKey(name) : null;
}

// the words of a selector or a description: `input[name=password]`, `#api-key`, `Password textbox`
const INPUT_WORDS = /[A-Za-z][A-Za-z0-9]*/g;
// words that name the widget, not what it is for (`Password field`: `password_field` names no credential)
const INPUT_WIDGETS = new Set(["field", "box", "textbox", "textfield", "input", "entry", "edit", "control", "element"]);

/**
 * The credential an input is for, from the words of its selector or description read as one name
 * (`#password`, `[data-testid=login-password]`, `API key`); null for `#search`, `Email address` and
 * `#token-count` (a name about a credential, not one).
 */
function inputClass(input: unknown): KeyClass | null {
  if (typeof input !== "string" || input.length > 256) return null;
  const all = input.match(INPUT_WORDS);
  if (all === null || all.length > 16) return null;
  const words = all.filter((w) => !INPUT_WIDGETS.has(w.toLowerCase()));
  if (words.length === 0) return null;
  // or by its last word (`getByLabel('Password')`)
  const cls = classifyKey(words.join("_")) ?? classifyKey(words[words.length - 1]!);
  return cls?.strength === "strong" ? cls : null;
}
