import { memoise } from "./memoise";
import { table } from "./own";

// Decides from a field or variable name alone whether its value is a credential. Shared by the
// structural walk (JSON keys) and the text scanner (`password = …` assignments), so both agree.

export type KeyStrength = "strong" | "weak";

export interface KeyClass {
  /** Finding type for the value: password, secret, token, api_key, private_key, … */
  type: string;
  /** strong: any non-placeholder value is masked; weak: only values that look generated. */
  strength: KeyStrength;
  /** Values of this key are masked even when they are numbers (PINs, numeric passwords). */
  numeric: boolean;
}

const ROOTS: Readonly<Record<string, { type: string; strength: KeyStrength; numeric?: boolean }>> = table({
  password: { type: "password", strength: "strong", numeric: true },
  passwords: { type: "password", strength: "strong", numeric: true },
  passwd: { type: "password", strength: "strong", numeric: true },
  passwds: { type: "password", strength: "strong", numeric: true },
  passphrase: { type: "password", strength: "strong", numeric: true },
  passphrases: { type: "password", strength: "strong", numeric: true },
  pwd: { type: "password", strength: "strong", numeric: true },
  pw: { type: "password", strength: "strong", numeric: true },
  pass: { type: "password", strength: "strong", numeric: true },
  passcode: { type: "password", strength: "strong", numeric: true },
  // the word for password in other languages
  ...Object.fromEntries(
    [
      "passwort",
      "passwörter",
      "kennwort",
      "passord",
      "senha",
      "contraseña",
      "contrasena",
      "wachtwoord",
      "hasło",
      "haslo",
      "lösenord",
      "losenord",
      "salasana",
      "пароль",
      "密码",
      "密碼",
      "パスワード",
      "비밀번호",
      // French writes it in three words (`mot de passe`, `mot_de_passe`) or one
      "passe",
      "motdepasse",
    ].map((w) => [w, { type: "password", strength: "strong", numeric: true }]),
  ),
  // Redis's settings for its password and its primary's
  requirepass: { type: "password", strength: "strong", numeric: true },
  masterauth: { type: "password", strength: "strong", numeric: true },
  // a Wi-Fi or IPsec pre-shared key (wpa_supplicant's `psk="…"`)
  psk: { type: "password", strength: "strong", numeric: true },
  mnemonic: { type: "secret", strength: "strong" },
  pin: { type: "password", strength: "strong", numeric: true },
  cvv: { type: "password", strength: "strong", numeric: true },
  cvc: { type: "password", strength: "strong", numeric: true },
  cvv2: { type: "password", strength: "strong", numeric: true },
  cvc2: { type: "password", strength: "strong", numeric: true },
  otp: { type: "password", strength: "strong", numeric: true },
  secret: { type: "secret", strength: "strong" },
  secrete: { type: "secret", strength: "strong" },
  secrets: { type: "secret", strength: "weak" },
  token: { type: "token", strength: "strong" },
  tokens: { type: "token", strength: "weak" },
  jwt: { type: "token", strength: "strong" },
  bearer: { type: "token", strength: "strong" },
  cookie: { type: "cookie", strength: "strong" },
  cookies: { type: "cookie", strength: "strong" },
  authorization: { type: "authorization", strength: "strong" },
  credential: { type: "credential", strength: "strong" },
  credentials: { type: "credential", strength: "strong" },
  creds: { type: "credential", strength: "strong" },
  cred: { type: "credential", strength: "strong" },
  dsn: { type: "connection_string", strength: "strong" },
  privkey: { type: "private_key", strength: "strong" },
  key: { type: "key", strength: "weak" },
  keys: { type: "key", strength: "weak" },
  auth: { type: "credential", strength: "weak" },
  signature: { type: "secret", strength: "weak" },
  sig: { type: "secret", strength: "weak" },
  salt: { type: "secret", strength: "weak" },
});

// `key` is a credential when one of these words names what kind of key it is.
const KEY_QUALIFIERS = new Set([
  "api",
  "private",
  "secret",
  "access",
  "signing",
  "sign",
  "encryption",
  "encrypt",
  "master",
  "client",
  "account",
  "app",
  "application",
  "auth",
  "session",
  "service",
  "admin",
  "root",
  "deploy",
  "ssh",
  "gpg",
  "pgp",
  "rsa",
  "hmac",
  "jwt",
  "webhook",
  "subscription",
  "shared",
  "storage",
  "license",
  "licence",
  "consumer",
  "developer",
  "live",
  "prod",
  "production",
  "write",
  "read",
  "ingest",
  "ingestion",
  "server",
  "management",
  "integration",
  "user",
  "personal",
  "project",
  "org",
  "organization",
  "workspace",
  "bot",
  "sdk",
  "rest",
  "mgmt",
  "decryption",
  "crypto",
  "cipher",
  "aes",
  "otp",
  "totp",
  "recovery",
  "backup",
  "unlock",
  "wallet",
  "mnemonic",
  "seed",
]);

// Words after the credential word that turn the name into metadata about the credential.
const NEUTRAL_AFTER = new Set([
  "id",
  "ids",
  "name",
  "names",
  "type",
  "types",
  "url",
  "uri",
  "urls",
  "endpoint",
  "host",
  "file",
  "files",
  "path",
  "paths",
  "dir",
  "size",
  "length",
  "len",
  "count",
  "limit",
  "limits",
  "ttl",
  "expiry",
  "expires",
  "expiration",
  "exp",
  "at",
  "in",
  "time",
  "date",
  "version",
  "policy",
  "policies",
  "required",
  "enabled",
  "disabled",
  "set",
  "hint",
  "hints",
  "field",
  "fields",
  "header",
  "prefix",
  "suffix",
  "format",
  "label",
  "location",
  "provider",
  "store",
  "vault",
  "manager",
  "usage",
  "used",
  "budget",
  "rotation",
  "rotated",
  "valid",
  "present",
  "exists",
  "strength",
  "rule",
  "rules",
  "regex",
  "pattern",
  "min",
  "max",
  "chars",
  "algorithm",
  "alg",
  "mode",
  "method",
  "scheme",
  "kind",
  "source",
  "result",
  "results",
  "status",
  "state",
  "error",
  "errors",
  "message",
  "msg",
  "prompt",
  "env",
  "var",
  "variable",
  "ref",
  "reference",
  "arn",
  "index",
  "mapping",
  "map",
  "list",
  "reset",
  "changed",
  "updated",
  "created",
  "last",
  "age",
  "count",
  "question",
  "label",
  "description",
  "desc",
  "option",
  "options",
  "config",
  "settings",
  "schema",
  "class",
  "service",
  "server",
  "stdin",
  "word",
  "words",
  "frame",
  "event",
  "events",
  "pressed",
  "down",
  "up",
  "press",
  "board",
  "stroke",
  "binding",
  "bindings",
  "code",
  "codes",
  "template",
  "templates",
  "hash",
  "hashes",
  "fingerprint",
  "digest",
  "checksum",
  "usage",
  "meshing",
  "pair",
  "signatures",
  "selector",
  "space",
  "ring",
  "chain",
  "tab",
  "store",
  "length",
  "hashing",
  "renewal",
  "refresh",
]);
// These are kept when they follow a credential word: password_hash is still worth masking.
const KEEP_AFTER = new Set([
  "value",
  "values",
  "hash",
  "digest",
  "enc",
  "encrypted",
  "b64",
  "base64",
  "raw",
  "plain",
  "plaintext",
  "cleartext",
  "str",
  "string",
  "data",
  "text",
  "old",
  "new",
  "current",
  "confirm",
  "confirmation",
  "repeat",
  "again",
  "verify",
  "secure",
  "super",
  "v1",
  "v2",
  "sec",
  "prod",
  "dev",
  "test",
  "staging",
  "main",
  "primary",
  "secondary",
]);

// Words before the credential word that make it something other than a credential.
const NEUTRAL_BEFORE = new Set([
  "public",
  "pub",
  "primary",
  "foreign",
  "sort",
  "partition",
  "cache",
  "idempotency",
  "routing",
  "object",
  "bucket",
  "s3",
  "map",
  "dict",
  "row",
  "unique",
  "lookup",
  "csrf",
  "xsrf",
  "authenticity",
  "max",
  "min",
  "num",
  "total",
  "prompt",
  "completion",
  "input",
  "output",
  "cached",
  "reasoning",
  "next",
  "page",
  "continuation",
  "pagination",
  "cursor",
  "i18n",
  "translation",
  "message",
  "label",
  "group",
  "entry",
  "item",
  "list",
  "index",
  "hot",
  "short",
  "composite",
  "natural",
  "surrogate",
  "shard",
  "sharding",
  "dedup",
  "dedupe",
  "deduplication",
  "verification",
  "sequence",
  "schema",
  "bypass",
  "compass",
  "sur",
  "for",
  "no",
  "not",
  "has",
  "is",
  "with",
  "without",
  "missing",
  "invalid",
  "valid",
  "use",
  "enable",
  "require",
  "requires",
  "show",
  "forgot",
  "expire",
  "expired",
  "kind",
  "parse",
  "tokenizer",
  "stop",
  "end",
  "start",
  "special",
  "pad",
  "padding",
  "unk",
  "bos",
  "eos",
  "sep",
  "mask",
  "cls",
  "vocab",
]);

const COMPOUNDS: Readonly<Record<string, string[]>> = table({
  apikey: ["api", "key"],
  apikeys: ["api", "key"],
  accesskey: ["access", "key"],
  accesskeyid: ["access", "key", "id"],
  accessid: ["access", "id"],
  keyid: ["key", "id"],
  sessionid: ["session", "id"],
  sessionkey: ["session", "key"],
  secretkey: ["secret", "key"],
  privatekey: ["private", "key"],
  authtoken: ["auth", "token"],
  accesstoken: ["access", "token"],
  refreshtoken: ["refresh", "token"],
  idtoken: ["id", "token"],
  clientsecret: ["client", "secret"],
  appsecret: ["app", "secret"],
  apisecret: ["api", "secret"],
  authkey: ["auth", "key"],
  connectionstring: ["connection", "string"],
  connstring: ["connection", "string"],
  connstr: ["connection", "string"],
  // keytool's and jarsigner's flags (`-storepass`, `-keypass`, `-srcstorepass`…)
  storepass: ["store", "pass"],
  keypass: ["key", "pass"],
  srcstorepass: ["src", "store", "pass"],
  deststorepass: ["dest", "store", "pass"],
  srckeypass: ["src", "key", "pass"],
  destkeypass: ["dest", "key", "pass"],
});

// `ROOTPASS`, `adminpw`, `dbpwd`: an account written against its password word. Only these accounts
// split the word, so `bypass`, `compass` and `overpass` stay words of their own.
const ACCOUNTS = new Set(
  "root admin administrator db database user master mail smtp imap pop ftp sftp sql mysql pg postgres mongo redis ldap bind sa su sys system guest proxy vnc wifi web app rabbit rabbitmq amqp jdbc".split(
    " ",
  ),
);
const ACCOUNT_PASSWORD_WORDS = ["pass", "pwd", "pw"];

/** `rootpass` as ["root", "pass"], or null for a word that is not an account joined to a password word. */
function accountPassword(word: string): string[] | null {
  for (const pw of ACCOUNT_PASSWORD_WORDS) {
    if (word.endsWith(pw) && ACCOUNTS.has(word.slice(0, -pw.length))) return [word.slice(0, -pw.length), pw];
  }
  return null;
}

// CJK names are written without separators (`数据库密码`, database password): split at the root too
const SPLIT_ROOTS = [
  "password",
  "passwd",
  "passphrase",
  "secret",
  "token",
  "apikey",
  "key",
  "pwd",
  "cookie",
  "密码",
  "密碼",
  "パスワード",
  "비밀번호",
];

const NOT_ASCII = /[^ -~]/;

function splitWords(name: string): string[] {
  const raw = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(NOT_ASCII.test(name) ? /[^\p{L}\p{N}]+/u : /[^a-z0-9]+/)
    .filter((w) => w.length > 0);
  const out: string[] = [];
  for (const w of raw) expand(w, out, 0);
  return out;
}

function expand(word: string, out: string[], depth: number): void {
  const compound = COMPOUNDS[word] ?? accountPassword(word);
  if (compound) {
    out.push(...compound);
    return;
  }
  if (depth < 3 && !(word in ROOTS)) {
    for (const root of SPLIT_ROOTS) {
      if (word.length > root.length + 1 && word.endsWith(root)) {
        expand(word.slice(0, -root.length), out, depth + 1);
        expand(root, out, depth + 1);
        return;
      }
    }
  }
  out.push(word);
}

const SECOND_FACTOR = new Set(["totp", "otp", "mfa", "2fa", "hotp"]);
// codes that unlock an account or a device, or confirm a login: `pin_code`, `unlockCode`, `mfa_code`
// (`error_code`, `zip_code` and `country_code` name none)
const SECRET_CODES = new Set([
  ...["pin", "puk", "unlock", "verification", "sms", "access", "security", "cvv", "cvc"],
  // what opens a door, an alarm or a gate
  ...["door", "alarm", "garage", "gate", "entry", "keypad", "lockbox"],
  ...SECOND_FACTOR,
]);

const PHRASE_OWNERS = new Set(["recovery", "backup", "seed", "mnemonic", "secret", "wallet"]);

/** Special pairs the word rules would get wrong. */
function pairRule(words: string[], i: number): KeyClass | null | undefined {
  const w = words[i]!;
  const prev = words[i - 1];
  const next = words[i + 1];
  if (w === "string" && prev === "connection") return { type: "connection_string", strength: "strong", numeric: false };
  if (w === "id" && prev === "session") return { type: "session", strength: "strong", numeric: false };
  if (w === "session" && (next === undefined || next === "token" || next === "key"))
    return { type: "session", strength: "weak", numeric: false };
  // one-time codes and seeds a second factor is made from: `recovery_codes`, `totp_seed`
  if ((w === "code" || w === "codes") && (prev === "recovery" || prev === "backup"))
    return { type: "password", strength: "strong", numeric: true };
  // the name's last word (`security_code_scanning` names a feature)
  if ((w === "code" || w === "codes") && next === undefined && prev !== undefined && SECRET_CODES.has(prev))
    return { type: "password", strength: "strong", numeric: true };
  // SonarQube's `sonar.login` holds a token (or, with `sonar.password`, a user): masked when it looks generated
  if (w === "login" && prev === "sonar") return { type: "token", strength: "weak", numeric: false };
  // the answer to an account's security question is a password by another name (a FAQ's
  // `question_answer` is not)
  if (
    (w === "answer" || w === "answers") &&
    next === undefined &&
    (prev === "security" || prev === "challenge" || (prev === "question" && words[i - 2] === "security"))
  )
    return { type: "password", strength: "strong", numeric: true };
  // OAuth's codes, each exchanged for a token, when they look generated (a device's `device_code` may
  // name its model): `authorization_code`, `auth_code`, `device_code`, and PKCE's `code_verifier`
  // (its `code_challenge` is a hash made public)
  if (
    (w === "code" && (prev === "authorization" || prev === "auth" || prev === "oauth" || prev === "device")) ||
    (w === "verifier" && prev === "code")
  )
    return { type: "token", strength: "weak", numeric: false };
  if (w === "seed" && prev !== undefined && SECOND_FACTOR.has(prev))
    return { type: "secret", strength: "strong", numeric: false };
  // a wallet's recovery phrase by its other names: `recovery_phrase`, `backupPhrase`, `seed_words`,
  // `mnemonic_words`, `wallet_seed`
  if (
    next === undefined &&
    (((w === "phrase" || w === "words") && prev !== undefined && PHRASE_OWNERS.has(prev)) ||
      (w === "seed" && prev === "wallet"))
  )
    return { type: "seed_phrase", strength: "strong", numeric: false };
  if (w === "id" && (prev === "key" || prev === "access"))
    return { type: "access_key_id", strength: "weak", numeric: false };
  return undefined;
}

const PLURAL_ROOT = /^(?:secrets|tokens|passwords|passwds|keys|apikeys|credentials|creds)$/;

// Payloads repeat the same keys row after row; classification is pure, so it is memoised.
export const classifyKey: (name: string) => KeyClass | null = memoise(classify, 8192);

function classify(name: string): KeyClass | null {
  if (name.length === 0 || name.length > 128) return null;
  const words = splitWords(name);
  for (let i = words.length - 1; i >= 0; i--) {
    const pair = pairRule(words, i);
    if (pair !== undefined) return pair;
    const root = ROOTS[words[i]!];
    if (!root) continue;
    const after = words.slice(i + 1);
    const strong = root.strength === "strong";
    if (after.some((w) => NEUTRAL_AFTER.has(w) && !(strong && KEEP_AFTER.has(w)))) return null;
    const before = words[i - 1];
    if (before !== undefined && NEUTRAL_BEFORE.has(before)) return null;
    // `keyVaultToStoreSecrets`, `pathForTokens`: credentials in the plural after "to" or "for" are the
    // object of a phrase naming a place or a purpose, not one credential (`bindToParentToken` is one)
    if (PLURAL_ROOT.test(words[i]!))
      for (let j = 1; j < i; j++) if (words[j] === "to" || words[j] === "for") return null;
    if (words[i] === "key" || words[i] === "keys") {
      const qualifier = before !== undefined && (KEY_QUALIFIERS.has(before) || before.endsWith("api"));
      if (qualifier) {
        const type =
          before === "private" || before === "ssh" || before === "rsa" || before === "gpg" ? "private_key" : "api_key";
        return { type, strength: "strong", numeric: false };
      }
      if (words.slice(0, i).some((w) => w === "secret" || w === "private")) {
        return { type: "secret", strength: "strong", numeric: false };
      }
    }
    if (words[i] === "auth" && after.length > 0) return null;
    return { type: root.type, strength: root.strength, numeric: root.numeric === true };
  }
  return null;
}
