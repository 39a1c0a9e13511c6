// Commands that store a secret, whose value is secret whatever it is named: `gh secret set NAME
// --body X`, `az keyvault secret set --value X`, `fly secrets set NAME=X`, `kubectl create secret
// generic NAME --from-literal=KEY=X`, `gcloud secrets create NAME --data-file=- <<< X` (or piped),
// `aws ssm put-parameter --type SecureString --value X`, `secret-tool store … <<< X`, Elastic's
// keystores (`elasticsearch-keystore add -x NAME`, piped) and pass(1)'s `pass insert -e NAME <<< X`.

import { inputInto } from "./command-stdin";
import { argumentsEnd, argumentsFrom, pushPassword, type Span } from "./command-tokens";
import { foldedWordStarts, rootWordStarts } from "./text-starts";
import type { Match } from "./types";

interface Store {
  /** What comes before `secret` and after it, up to the arguments (sticky, from the line's text). */
  before: RegExp;
  after: RegExp;
  read: (text: string, args: Span[], at: number, out: Match[]) => void;
}

/** The value of a flag among the arguments: `--body X`, `--body=X`, `-b X`. */
function flagValue(text: string, args: Span[], names: string[]): Span | null {
  for (let i = 0; i < args.length; i++) {
    const arg = text.slice(args[i]!.start, args[i]!.end);
    for (const name of names) {
      if (arg === name) return args[i + 1] ?? null;
      if (name.startsWith("--") && arg.startsWith(`${name}=`)) {
        return { start: args[i]!.start + name.length + 1, end: args[i]!.end };
      }
    }
  }
  return null;
}

/** Each `NAME=value` argument's value (`fly secrets set A=x B=y`, `--from-literal=KEY=value`). */
function assignedValues(text: string, args: Span[], prefix: string, out: Match[]): void {
  for (const arg of args) {
    if (!text.startsWith(prefix, arg.start)) continue;
    const eq = text.slice(arg.start + prefix.length, arg.end).indexOf("=");
    if (eq > 0) pushPassword(out, text, { start: arg.start + prefix.length + eq + 1, end: arg.end });
  }
}

const STORES: Store[] = [
  {
    before: /(?:^|[\s;&|(])gh[ \t]{1,4}$/,
    after: /secret[ \t]{1,4}set[ \t]/y,
    read: (text, args, at, out) => {
      const body = flagValue(text, args, ["--body", "-b"]);
      if (body) pushPassword(out, text, body);
      else inputInto(text, at, argumentsEnd(args, at), out);
    },
  },
  {
    before: /(?:^|[\s;&|(])az[ \t]{1,4}keyvault[ \t]{1,4}$/,
    after: /secret[ \t]{1,4}set[ \t]/y,
    read: (text, args, _at, out) => pushPassword(out, text, flagValue(text, args, ["--value"])),
  },
  {
    before: /(?:^|[\s;&|(])fly(?:ctl)?[ \t]{1,4}$/,
    after: /secrets[ \t]{1,4}set[ \t]/y,
    read: (text, args, _at, out) => assignedValues(text, args, "", out),
  },
  {
    before: /(?:^|[\s;&|(])(?:kubectl|oc)[ \t]{1,4}create[ \t]{1,4}$/,
    after: /secret[ \t]{1,4}generic[ \t]/y,
    read: (text, args, _at, out) => assignedValues(text, args, "--from-literal=", out),
  },
  {
    // `docker secret create NAME -`: the secret comes from the input (a file's path otherwise)
    before: /(?:^|[\s;&|(])docker[ \t]{1,4}$/,
    after: /secret[ \t]{1,4}create[ \t]/y,
    read: (text, args, at, out) => {
      if (args.some((a) => a.end === a.start + 1 && text[a.start] === "-"))
        inputInto(text, at, argumentsEnd(args, at), out);
    },
  },
  {
    // CircleCI's `circleci context store-secret ORG CONTEXT NAME`, which reads the value from the input
    before: /(?:^|[\s;&|(])circleci[ \t]{1,4}context[ \t]{1,4}store-$/,
    after: /secret[ \t]/y,
    read: (text, args, at, out) => inputInto(text, at, argumentsEnd(args, at), out),
  },
  {
    // libsecret's `secret-tool store --label=… attr value`: the secret comes from the input
    before: /(?:^|[\s;&|(])$/,
    after: /secret-tool[ \t]{1,4}store[ \t]/y,
    read: (text, args, at, out) => inputInto(text, at, argumentsEnd(args, at), out),
  },
  {
    before: /(?:^|[\s;&|(])gcloud[ \t]{1,4}$/,
    after: /secrets[ \t]{1,4}(?:create|versions[ \t]{1,4}add)[ \t]/y,
    read: (text, args, at, out) => {
      if (args.some((a) => text.slice(a.start, a.end) === "--data-file=-"))
        inputInto(text, at, argumentsEnd(args, at), out);
    },
  },
];

function scanStores(text: string, out: Match[]): void {
  for (const at of rootWordStarts(text, "secret")) {
    const before = text.slice(Math.max(0, at - 32), at);
    for (const store of STORES) {
      store.after.lastIndex = at;
      const command = store.before.exec(before);
      if (command === null || !store.after.test(text)) continue;
      // where the command's name starts: after the separator the pattern may begin with
      const commandAt = at - before.length + command.index + (/[\s;&|(]/.test(command[0][0]!) ? 1 : 0);
      store.read(text, argumentsFrom(text, store.after.lastIndex, 32), commandAt, out);
    }
  }
}

// `aws ssm put-parameter --name /prod/db/password --value X --type SecureString`
const SSM_PUT = /ssm[ \t]{1,4}put-parameter[ \t]/y;

function scanSsm(text: string, out: Match[]): void {
  for (const at of foldedWordStarts(text, "ssm")) {
    SSM_PUT.lastIndex = at;
    if (!SSM_PUT.test(text)) continue;
    const args = argumentsFrom(text, SSM_PUT.lastIndex, 32);
    const type = flagValue(text, args, ["--type"]);
    if (type && text.slice(type.start, type.end) === "SecureString") {
      pushPassword(out, text, flagValue(text, args, ["--value"]));
    }
  }
}

// Elastic's keystores: `echo pw | elasticsearch-keystore add -x bootstrap.password`,
// `kibana-keystore add elasticsearch.password --stdin <<< pw`; found at the keyword root `key`
const ELASTIC_KEYSTORE = /(?:elasticsearch|kibana|logstash)-$/;

function scanElasticKeystores(text: string, out: Match[]): void {
  for (const at of rootWordStarts(text, "keystore")) {
    if (!ELASTIC_KEYSTORE.test(text.slice(Math.max(0, at - 14), at))) continue;
    const args = argumentsFrom(text, at + 8, 16);
    if (text.slice(args[0]?.start ?? 0, args[0]?.end ?? 0) !== "add") continue;
    if (args.some((a) => /^(?:-x|--stdin)$/.test(text.slice(a.start, a.end)))) {
      inputInto(text, at, argumentsEnd(args, at), out);
    }
  }
}

// pass(1): `pass insert -e prod/db <<< pw` or `echo pw | pass insert -m prod/db` (without -e or -m it prompts twice)
function scanPassInsert(text: string, out: Match[]): void {
  for (const at of foldedWordStarts(text, "insert")) {
    if (!/(?:^|[\s;&|(`])pass[ \t]{1,4}$/.test(text.slice(Math.max(0, at - 8), at))) continue;
    const args = argumentsFrom(text, at + 6, 8);
    if (args.some((a) => /^(?:-[em]|--echo|--multiline)$/.test(text.slice(a.start, a.end)))) {
      inputInto(text, at, argumentsEnd(args, at), out);
    }
  }
}

export function scanSecretStores(text: string, out: Match[]): void {
  scanStores(text, out);
  scanSsm(text, out);
  scanElasticKeystores(text, out);
  scanPassInsert(text, out);
}
