// Every regex and every detector gets adversarial input of growing size; time must grow roughly
// linearly (16x input: linear is 16x time, quadratic 256x; the bound of 64x sits 4x from each).
// Ratios with generous bounds, not absolute timings, because the machine is shared.
import { describe, expect, it } from "vitest";
import { buildDetectors } from "./detectors/registry";
import { SECRET_PATTERNS } from "./detectors/secrets";
import { seedPhraseDetector } from "./detectors/seed-phrases";
import { createMasker } from "./mask";

const SIZES = [10_000, 160_000] as const;
const MAX_RATIO = 64; // linear is 16; quadratic would be 256
const NOISE_FLOOR_MS = 12; // below this at 160k chars nothing super-linear is hiding

function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

function fastest(run: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    run();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

function growth(run: (input: string) => void, unit: string): { ratio: number; large: number } {
  const [small, large] = SIZES.map((n) => {
    const input = fill(unit, n);
    return fastest(() => run(input));
  }) as [number, number];
  return { ratio: large / Math.max(small, 0.05), large };
}

/**
 * Yields to the event loop. The file is minutes of synchronous work; a forked vitest worker that does
 * not poll for a minute misses the deadline of its RPC calls to the main process ("Timeout calling
 * onTaskUpdate") and the run fails although every test passed. Awaiting between tests is not enough:
 * a synchronous test resumes the next one in a microtask, without polling.
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function assertLinear(label: string, run: (input: string) => void, units: string[]): Promise<void> {
  for (const unit of units) {
    await yieldToEventLoop();
    // A busy machine can stretch every timing of one measurement; a super-linear pattern is
    // slow every time, so a ratio over the bound is measured again before it counts.
    let { ratio, large } = growth(run, unit);
    for (let retry = 0; retry < 2 && ratio >= MAX_RATIO; retry++) ({ ratio, large } = growth(run, unit));
    if (large < NOISE_FLOOR_MS) continue;
    expect(ratio, `${label} on ${JSON.stringify(unit.slice(0, 24))}: ${large.toFixed(1)} ms at 160k`).toBeLessThan(
      MAX_RATIO,
    );
  }
}

const GENERIC_UNITS = [
  "a",
  "aA1",
  "1",
  "1 ",
  "1-",
  "1.",
  "a@",
  "@a",
  ":",
  "a:",
  "1:",
  "::",
  "%41",
  "=",
  "-",
  "/",
  "~",
  "\n",
  '"',
  "`",
  "password=",
  "password: ",
  "key",
  "token ",
  "-----BEGIN RSA PRIVATE KEY-----\n",
  "eyJ",
  "eyJa.",
  "://a:b@",
  "Bearer ",
  "Basic ",
  "Authorization: ",
  "-u a:b ",
  "kind: Secret\ndata:\n  a: ",
  "AAAA",
  "+1 (",
  "DE89 ",
  "<password>",
  "secret_",
  "sk-",
  "xoxb-1234567890-",
  "0f",
  "Q~",
  "AKIA",
  "A3-",
  "\\n",
  "%7C=",
  "mysql -p'",
  'sshpass -p "',
  "docker login -p ",
  "identified by ",
  "- name: password\n  value: ",
  'name = "token", ',
  "Password for a: ",
  "machine a login b password ",
  "insert into t (",
  "INSERT INTO t (password) VALUES ('",
  "INSERT INTO t (password) VALUES ((",
  "insert into t (a, ",
  "a,password\n",
  "| password | a |\n",
  "password\ta\n",
  "a,password,",
  'variable "password" {',
  "htpasswd -b ",
  "net user a ",
  "echo a:b | chpasswd ",
  "chpasswd <<E\n",
  "echo a | sudo -S ",
  "echo a | x --password-stdin ",
  "echo a:b >> .pgpass ",
  "cat > .pgpass <<E\n",
  "sqlplus a/",
  "xfreerdp /p:",
  "openssl -k ",
  '"value": "a", "name": "password", ',
  "- value: a\n  name: password\n",
  '"name": "password", "a": "b", ',
  "gh secret set a --body ",
  "kubectl create secret generic a --from-literal=",
  "echo a | gcloud secrets create a --data-file=- ",
  "aws ssm put-parameter --type SecureString --value ",
  "npm config set a_token ",
  "пароль: ",
  "密码：",
  "Passwort ist ",
  "SET PASSWORD FOR a = PASSWORD('",
  'BasicAuth("a", ',
  "auth=(a, ",
  "smbclient -U a%",
  "use a as the password ",
  "passwords are a, ",
  "a,password\nb,c,d\n",
  'a.login("b", ',
  ".login(",
  'setPassword("',
  'setPassword("a".toCharArray(), ',
  "ROOTPASS=",
  "-Dpassword=",
  "net use \\\\a\\b ",
  "rabbitmqctl add_user a ",
  "vault login ",
  "schtasks /rp ",
  "rar -hp",
  "smbclient --user=a%",
  "snmpwalk -A ",
  "a.b:5432:c:d:",
  "*:*:*:a:",
  ":1:",
  "a:5432:b:c:\\:",
  "パスワードは",
  "密码是a",
  "password -> ",
  '<entry key="password">',
  "password for a is ",
  "a is the password ",
  "a was my old password ",
  "USER a\nPASS ",
  "USER a\n331 a\n",
  "<key>password</key>",
  "<key>password</key> <string>",
  "psk=",
  "sp_password ",
  "sp_addlogin a, ",
  "sp_password N'",
  "a1 LOGIN a ",
  '1 login "a" "',
  "AUTHENTICATE PLAIN ",
  "334 UGFzc3dvcmQ6\n",
  "send: 'a\n",
  "?code=a1",
  "&code=",
  '"code":"a1',
  "code_verifier=",
  "| password      ",
  "| a | password |\n+---+---+\n",
  "| **password** | `",
  "login with a",
  "log in as a / ",
  "sign in a:",
  "user/pass = a / ",
  "creds → a / ",
  "password: |\n  a\n",
  'password = """',
  'password = a.b || "',
  'password = f("A", "',
  "(password: a)",
  "ACL SETUSER a >",
  "rdesktop -p ",
  "http -a a:",
  "snmpwalk -c",
  "ConvertTo-SecureString -AsPlainText ",
  "isql a b ",
  "wpa_passphrase a ",
  "iwconfig key s:",
  "openssl passwd -salt ",
  "connect to a user b using ",
  "connect to a user b ",
  "mc alias set a b c ",
  "jdbc:oracle:thin:a/",
  "| kinit ",
  "sudo -S <<< ",
  "--passwd-on-stdin ",
  'expect "password" ',
  'send "',
  'expect "password" send -- ',
  "send {",
  '"password:"',
  "password for a b c ",
  "Password - ",
  'the password is "aaa bbb ',
  "'a' | password_hash(",
  "a:b@tcp(",
  "a:@unix(",
  "fill('#password', '",
  "$('#password')",
  "get('#password').type('",
  'getElementById("password").value = "',
  '<input type="password" value="',
  "password <- ",
  "password: !!a ",
  "password: &a ",
  '"password", fallback="',
  "mosquitto_pub -P ",
  "security add-generic-password -w ",
  "bw unlock ",
  "cargo login ",
  "poetry config http-basic.a b ",
  "elasticsearch-keystore add -x ",
  "pass insert -e <<< ",
  "secret-tool store <<< ",
  'changeUserPassword("a", "',
  "$2b$12$",
  "$6$rounds=1$a$",
  "$argon2id$v=1$m=1,t=1,p=1$",
  "::add-mask::",
  "##vso[task.setvariable variable=a;",
  "docker secret create a - <<< ",
  "glab variable set a_password ",
  "Name  Value\n----  -----\npassword  ",
  "\npassword  a",
];

describe("no catastrophic backtracking", () => {
  it("each provider pattern is linear on input built from its own prefix", async () => {
    for (const spec of SECRET_PATTERNS) {
      const re = new RegExp(spec.re.source, spec.re.flags);
      const run = (input: string) => {
        re.lastIndex = 0;
        for (let m = re.exec(input); m !== null; m = re.exec(input)) if (m[0].length === 0) re.lastIndex++;
      };
      const units = spec.literals.flatMap((l) => [l, `${l}a`, `${l}aA1-`, `${l}0123456789abcdef`, `${l} `]);
      await assertLinear(`${spec.detector}/${spec.type}`, run, [...units, "a", "A1", "1"]);
    }
  }, 120_000);

  // one test per detector: all of them in one synchronous test ran for 40 s, and a worker busy for
  // over 60 s misses vitest's RPC deadline ("Timeout calling onTaskUpdate") on a loaded machine
  const detectors = buildDetectors("default", [
    { name: "ticket", regex: "(?:OPS|SEC)-\\d{1,8}" },
    { name: "codename", words: ["falcon", "heron", "blue heron"] },
  ]).text;
  for (const d of detectors) {
    it(`the ${d.name} detector is linear on hostile input`, async () => {
      await assertLinear(d.name, (input) => d.scan(input, []), GENERIC_UNITS);
    }, 120_000);
  }

  it("the whole masker is linear on hostile text and structures", async () => {
    const m = createMasker();
    await assertLinear(
      "maskText",
      (input) => m.maskText(input),
      GENERIC_UNITS.filter((_, i) => i % 3 === 0),
    );
    const array = (input: string) => m.mask(input.match(/.{1,20}/gs) ?? []);
    await assertLinear("mask(array)", array, ["a@b.c ", "password=x ", "1"]);
  }, 120_000);

  it("the recovery phrase reader is linear on runs of list words, checked or named", async () => {
    const m = createMasker();
    const units = ["abandon ", "abandon, ", "1. abandon\n", `${"zoo ".repeat(12)}the `, "seed abandon "];
    await assertLinear("seed_phrase", (input) => seedPhraseDetector.scan(input, []), units);
    await assertLinear("seed_phrase (profiled)", (input) => m.maskText(input), units);
  }, 120_000);

  it("the named-code, device configuration and secret-read readers are linear on their forms", async () => {
    const m = createMasker();
    const units = ["SMS code: ", "backup codes: 1234 ", "1a-2b-", "one-time code is ", "security answer: a ", "cvv 1"];
    const devices = ["\n password 7 ", "key-string a ", "message-digest-key 1 md5 ", "snmp-server community "];
    await assertLinear("bitlocker", (input) => m.maskText(input), ["000011-", "000011-000011 ", "1a-"]);
    await assertLinear("calls", (input) => m.maskText(input), [
      "client.connect(1, 'a', ",
      "jwt.sign(a, ",
      "ssh.connect(",
      "hmac.new(b'",
      "createHmac('a', '",
      "new mysqli('a', 'b', ",
      "new PDO(",
    ]);
    const reads = ["$ echo $A_PASSWORD\n", "\u0000pass a\n", "$ ", "a@b:~$ ", "\npass a\u0000", "pw on a "];
    await assertLinear("named codes", (input) => m.maskText(input), units);
    await assertLinear("device configuration", (input) => m.maskText(input), devices);
    await assertLinear("secret reads", (input) => m.maskText(input), reads);
    await assertLinear("secret reads (batched)", (input) => m.mask(input.split("\n")), [
      "$ echo $A_PASSWORD\n",
      "pass a\nb\n",
    ]);
  }, 120_000);

  it("the Kubernetes Secret reader is linear in the spaces of a line that ends in a carriage return", async () => {
    const m = createMasker();
    const manifest = (input: string) => m.maskText(`kind: Secret\ndata:\n  key:${input}\r\nx: 1\n`);
    await assertLinear("kubernetes_secret (CRLF)", manifest, ["\t", " ", "\t "]);
  }, 120_000);

  it("text dense with keys, prefixes or escapes costs at most a small multiple of plain text", () => {
    // linear, but with a constant of thousands of steps per character, is as bad as quadratic:
    // a key inside the value of the key before it (`sig=/sig=/…`), a JWT start inside a run that
    // cannot be one (`eyJ-eyJ-…`), thousands of short percent-encoded runs (`%7C=%7C=…`)
    const m = createMasker();
    const plain = fill("abcd-", 160_000);
    for (const unit of ["eyJ-", "sig=/", "AccountKey=.", "key:", "%7C=", "%7C/", "Basic %", "glpat--"]) {
      const dense = fill(unit, 160_000);
      const ratio = () =>
        fastest(() => m.maskText(dense)) /
        Math.max(
          fastest(() => m.maskText(plain)),
          2,
        );
      let r = ratio();
      for (let retry = 0; retry < 2 && r >= 100; retry++) r = ratio();
      expect(r, JSON.stringify(unit)).toBeLessThan(100);
    }
  }, 120_000);

  it("a long run of separators in a token costs no more per character than a short one", () => {
    // the same amount of text in tokens of 64 and of 1,000 characters: linear work takes about as
    // long for both, work quadratic in a token's length 16 times as long for the long tokens
    const m = createMasker();
    const tokens = (run: number) => fill(`a${"-".repeat(run)}1a `, 160_000);
    const short = tokens(60);
    const long = tokens(996);
    const ratio = () =>
      fastest(() => m.maskText(long)) /
      Math.max(
        fastest(() => m.maskText(short)),
        0.05,
      );
    let r = ratio();
    for (let retry = 0; retry < 2 && r >= 4; retry++) r = ratio();
    expect(r).toBeLessThan(4);
  }, 120_000);

  it("a value under a name that masks only random-looking values is linear, a bad last character included", async () => {
    const m = createMasker();
    // the shape checks backtrack most when a long run of words and capitals fails at its very end
    const session = (input: string) => m.mask({ session: `${input}!` });
    await assertLinear("mask({session})", session, ["Qqwzrtpkxmvbnjhgfdslc", "Ab", "aB-", "Ab.cd ", "a1B"]);
  }, 120_000);
});
