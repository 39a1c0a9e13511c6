import { describe, expect, it } from "vitest";
import { createMasker, mask } from "./mask";
import { body, fake } from "./testing/fake-secrets";

function deepFreeze<T>(v: T): T {
  if (v && typeof v === "object") {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

const contractPolicy = {
  fields: ["$..password", "$..ssn", "$.context.customer.email", "$.context.rows[*].secret_note"],
  detectors: "default" as const,
  strategies: { default: "redact", email: "partial", credit_card: "last4", identifier: "fingerprint" } as const,
};

describe("mask", () => {
  it("masks a request as the engine sends it", () => {
    const token = fake.githubToken();
    const input = deepFreeze({
      resource: "postgres://prod/customers",
      reason: "nightly export",
      params: { table: "customers", destination: "s3://exports/cust.csv", db: { password: "hunter2" } },
      context: {
        ticket: "OPS-1234",
        customer: { email: "dana@example.com", iban: "DE89 3704 0044 0532 0130 00" },
        rows: [
          { email: "jo@example.com", card: "4111 1111 1111 1111", ssn: "078-05-1123", secret_note: "x" },
          { note: `deploy with ${token}` },
        ],
      },
    });
    const { masked, findings } = createMasker({ policy: contractPolicy }).mask(input);
    expect(masked.params).toEqual({
      table: "customers",
      destination: "s3://exports/cust.csv",
      db: { password: "[REDACTED:field]" },
    });
    expect(masked.resource).toBe("postgres://prod/customers");
    expect(masked.context.customer.email).toBe("[REDACTED:field]");
    expect(masked.context.customer.iban).toMatch(/^\[iban:fp_[0-9a-f]{12}\]$/);
    expect(masked.context.rows[0]).toEqual({
      email: "j•••@example.com",
      card: "•••• 1111",
      ssn: "[REDACTED:field]",
      secret_note: "[REDACTED:field]",
    });
    expect(masked.context.rows[1]!.note).toBe("deploy with [REDACTED:github_token]");
    expect(findings).toContainEqual({
      path: "$.params.db.password",
      type: "field",
      detector: "field:$..password",
      strategy: "redact",
    });
    expect(findings).toContainEqual({
      path: "$.context.rows[1].note",
      type: "github_token",
      detector: "detector:github",
      strategy: "redact",
    });
    expect(JSON.stringify(findings)).not.toContain(token.slice(4, 12));
  });

  it("applies key-name rules whatever the spelling, and leaves metadata keys", () => {
    const { masked } = mask({
      apiKey: "abc",
      API_KEY: "abc",
      "x-api-key": "abc",
      Authorization: "Bearer abc",
      max_tokens: 4096,
      secret_name: "prod/db",
      pin: 1234,
    });
    expect(masked).toEqual({
      apiKey: "[REDACTED:api_key]",
      API_KEY: "[REDACTED:api_key]",
      "x-api-key": "[REDACTED:api_key]",
      Authorization: "[REDACTED:authorization]",
      max_tokens: 4096,
      secret_name: "prod/db",
      pin: "[REDACTED:password]",
    });
  });

  it("judges a value named by its neighbour as if the name were its key", () => {
    const input = {
      env: [
        { name: "DB_PASSWORD", value: "Tr0ub4dor&3" },
        { name: "USER", value: "bob" },
        { name: "GITHUB_TOKEN", valueFrom: { secretKeyRef: { name: "gh", key: "token" } } },
      ],
      tags: [
        { Key: "api_key", Value: "abc" },
        { Key: "Environment", Value: "prod" },
      ],
      ssm: { Name: "/prod/db/password", Value: "S3cretPass99", Type: "SecureString" },
      stack: [{ ParameterKey: "DbPassword", ParameterValue: "S3cretPass99" }],
      headers: [
        ["X-Api-Key", "k9f8e7d6c5b4a3"],
        ["Accept", "application/json"],
      ],
      // weak names keep their rule: only a random-looking value is a credential
      visits: [
        { name: "session", value: "light" },
        { name: "session", value: "9sKq2Lx7Vb4Nw8Zr3Tf6" },
      ],
      // a sentence is not a name, and two names are not one pair
      notes: { name: "where the password lives", value: "vault" },
      both: { name: "password", key: "x", value: "shown" },
    };
    const { masked, findings } = mask(input);
    expect(masked).toEqual({
      env: [
        { name: "DB_PASSWORD", value: "[REDACTED:password]" },
        { name: "USER", value: "bob" },
        { name: "GITHUB_TOKEN", valueFrom: { secretKeyRef: { name: "gh", key: "token" } } },
      ],
      tags: [
        { Key: "api_key", Value: "[REDACTED:api_key]" },
        { Key: "Environment", Value: "prod" },
      ],
      ssm: { Name: "/prod/db/password", Value: "[REDACTED:password]", Type: "SecureString" },
      stack: [{ ParameterKey: "DbPassword", ParameterValue: "[REDACTED:password]" }],
      headers: [
        ["X-Api-Key", "[REDACTED:api_key]"],
        ["Accept", "application/json"],
      ],
      visits: [
        { name: "session", value: "light" },
        { name: "session", value: "[REDACTED:session]" },
      ],
      notes: { name: "where the password lives", value: "vault" },
      both: { name: "password", key: "x", value: "shown" },
    });
    // the finding names the neighbour's key, never the name it holds
    expect(findings).toContainEqual({
      path: "$.env[0].value",
      type: "password",
      detector: "pair:name",
      strategy: "redact",
    });
    expect(findings).toContainEqual({
      path: "$.headers[0][1]",
      type: "api_key",
      detector: "pair:tuple",
      strategy: "redact",
    });
  });

  it("masks an OAuth code in a token request or a callback's query, not a code key elsewhere", () => {
    const input = {
      exchange: {
        grant_type: "authorization_code",
        code: "SplxlOBeZQQYbYS6WxSbIA",
        redirect_uri: "https://c.example.com/cb",
        code_verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
      },
      callback: { code: "4/0AX4XfWh7kq9Vn3bR2pLm8sTqW3eRt", state: "af0ifjsldkj", scope: "email openid" },
      device: { device_code: "3584d83530557fdd1f46af8289938c8ef79f9dc5", user_code: "WDJB-MJHT" },
      promo: { code: "PROMO2024X", state: "expired" },
      error: { code: "ERR_TIMEOUT", grant_type: "password" },
      address: { postal_code: "94107", country_code: "US" },
      hardware: { device_code: "TEMP-SENSOR-01" },
    };
    const { masked, findings } = mask(input);
    expect(masked).toEqual({
      ...input,
      exchange: {
        ...input.exchange,
        code: "[REDACTED:token]",
        code_verifier: "[REDACTED:token]",
      },
      callback: { ...input.callback, code: "[REDACTED:token]" },
      device: { ...input.device, device_code: "[REDACTED:token]" },
    });
    expect(findings).toContainEqual({
      path: "$.exchange.code",
      type: "token",
      detector: "key:code",
      strategy: "redact",
    });
  });

  it("reads a command's arguments given as an array: long flags by name, short flags by command", () => {
    const cases: Array<[string[], string[]]> = [
      [
        ["deploy", "--password", "S3cretPass99", "--user", "bob"],
        ["deploy", "--password", "[REDACTED:password]", "--user", "bob"],
      ],
      [
        ["mysql", "-uroot", "-pS3cretPass99", "app"],
        ["mysql", "-uroot", "-p[REDACTED:password]", "app"],
      ],
      [
        ["sshpass", "-p", "S3cretPass99", "ssh", "bob@h"],
        ["sshpass", "-p", "[REDACTED:password]", "ssh", "bob@h"],
      ],
      [
        ["kubectl", "exec", "pod", "--", "mysql", "-pS3cretPass99"],
        ["kubectl", "exec", "pod", "--", "mysql", "-p[REDACTED:password]"],
      ],
      [
        ["docker", "login", "-u", "bob", "-p", "S3cretPass99", "reg"],
        ["docker", "login", "-u", "bob", "-p", "[REDACTED:password]", "reg"],
      ],
      [
        ["smbclient", "//h/s", "-U", "bob%S3cretPass99"],
        ["smbclient", "//h/s", "-U", "bob%[REDACTED:password]"],
      ],
      [
        ["smbclient", "-Ubob%S3cretPass99", "//h/s"],
        ["smbclient", "-Ubob%[REDACTED:password]", "//h/s"],
      ],
      // an argument may hold blanks and quotes: it is still one argument
      [
        ["mysql", "-pS3cret Pass'99", "db"],
        ["mysql", "-p[REDACTED:password]", "db"],
      ],
      // commands that take the password as a plain argument, or read it from their input
      [
        ["sqlplus", "-s", "scott/S3cretPass99@orcl", "@x.sql"],
        ["sqlplus", "-s", "scott/[REDACTED:password]@orcl", "@x.sql"],
      ],
      [
        ["net", "user", "bob", "S3cretPass99", "/add"],
        ["net", "user", "bob", "[REDACTED:password]", "/add"],
      ],
      [
        ["htpasswd", "-b", "f", "bob", "S3cretPass99"],
        ["htpasswd", "-b", "f", "bob", "[REDACTED:password]"],
      ],
      [
        ["xfreerdp", "/u:bob", "/p:S3cretPass99"],
        ["xfreerdp", "/u:bob", "/p:[REDACTED:password]"],
      ],
      [
        ["echo", "S3cretPass99", "|", "sudo", "-S", "ls"],
        ["echo", "[REDACTED:password]", "|", "sudo", "-S", "ls"],
      ],
      [
        ["rabbitmqctl", "add_user", "bob", "S3cretPass99"],
        ["rabbitmqctl", "add_user", "bob", "[REDACTED:password]"],
      ],
      [
        ["vault", "login", "7fa2c1d9e0b4"],
        ["vault", "login", "[REDACTED:token]"],
      ],
      // an attached value is no flag name: the archive after it stays
      [
        ["rar", "a", "-hpS3cretPass99", "backup.rar"],
        ["rar", "a", "-hp[REDACTED:password]", "backup.rar"],
      ],
      [
        ["7z", "a", "-pS3cretPass99", "backup.7z"],
        ["7z", "a", "-p[REDACTED:password]", "backup.7z"],
      ],
    ];
    for (const [input, expected] of cases) expect(mask(input).masked, input.join(" ")).toEqual(expected);
    expect(mask(["mysql", "-pS3cretPass99"]).findings).toEqual([
      { path: "$[1]", type: "password", detector: "detector:cli_password", strategy: "redact" },
    ]);
    // a short flag means a password only to some commands, and a reference is not one
    for (const args of [
      ["ssh", "-p", "2222", "h"],
      ["docker", "run", "-p", "8080:80", "img"],
      ["mysql", "-p", "appdb"],
      ["mysql", "-p$MYSQL_PWD"],
      ["smbclient", "-U", "bob", "//h/s"],
      ["sqlplus", "/", "as", "sysdba"],
      ["net", "user", "bob", "/domain"],
      ["mysql", "-e", "select 1; -pS3cretPass99"], // one argument: not a flag of its own
      ["deploy", "--password", "--user", "bob"],
      ["ls", "-a", "S3cretPass99"],
    ]) {
      expect(mask(args).masked, args.join(" ")).toEqual(args);
    }
  });

  it("reads arguments given apart from their command, and a user/password pair under an auth key", () => {
    const cases: Array<[Record<string, unknown>, Record<string, unknown>]> = [
      [
        { command: "sshpass", args: ["-p", "S3cretPass99", "ssh", "host"] },
        { command: "sshpass", args: ["-p", "[REDACTED:password]", "ssh", "host"] },
      ],
      [
        { command: ["mysql"], args: ["-uroot", "-pS3cretPass99"] },
        { command: ["mysql"], args: ["-uroot", "-p[REDACTED:password]"] },
      ],
      [
        { cmd: "htpasswd", argv: ["-b", "/etc/htpasswd", "bob", "S3cretPass99"] },
        { cmd: "htpasswd", argv: ["-b", "/etc/htpasswd", "bob", "[REDACTED:password]"] },
      ],
      [{ auth: ["bob", "S3cretPass99"] }, { auth: ["bob", "[REDACTED:password]"] }],
      [{ basic_auth: ["bob", "hunter2"] }, { basic_auth: ["bob", "[REDACTED:password]"] }],
    ];
    for (const [input, expected] of cases) expect(mask(input).masked, JSON.stringify(input)).toEqual(expected);
    expect(mask({ auth: ["bob", "S3cretPass99"] }).findings).toEqual([
      { path: "$.auth[1]", type: "password", detector: "pair:auth", strategy: "redact" },
    ]);
    for (const input of [
      { command: "ssh", args: ["-p", "2222", "host"] },
      { command: "mysql", args: ["-p", "appdb"] },
      { args: ["-p", "S3cretPass99"] }, // no command named: -p may be a port
      { auth: ["oauth", "saml"] },
      { auth: ["read", "write", "admin"] },
    ]) {
      expect(mask(input).masked, JSON.stringify(input)).toEqual(input);
    }
  });

  it("names a code by the key its object sits under, as mfa_code would name it", () => {
    expect(mask({ mfa: { code: "482913" } }).masked).toEqual({ mfa: { code: "[REDACTED:password]" } });
    expect(mask({ verification: { code: "482913", channel: "sms" } }).masked).toEqual({
      verification: { code: "[REDACTED:password]", channel: "sms" },
    });
    expect(mask({ recovery: { codes: ["8f3k-2ld9", "0dk3-la92"] } }).masked).toEqual({
      recovery: { codes: "[REDACTED:password]" },
    });
    for (const input of [{ error: { code: "E1234" } }, { country: { code: "DE" } }, { code: "E1234" }]) {
      expect(mask(input).masked, JSON.stringify(input)).toEqual(input);
    }
  });

  it("masks what a UI action types into an input named for a credential (browser agents' fill and type)", () => {
    const cases: Array<[Record<string, unknown>, Record<string, unknown>]> = [
      [
        { action: "fill", selector: "#password", value: "S3cretPass99" },
        { action: "fill", selector: "#password", value: "[REDACTED:password]" },
      ],
      [
        { element: "Password textbox", ref: "e12", text: "S3cretPass99" },
        { element: "Password textbox", ref: "e12", text: "[REDACTED:password]" },
      ],
      [
        { element: "Password field", ref: "e7", text: "S3cretPass99" },
        { element: "Password field", ref: "e7", text: "[REDACTED:password]" },
      ],
      [
        { type: "type", selector: "input[name=password]", text: "S3cretPass99" },
        { type: "type", selector: "input[name=password]", text: "[REDACTED:password]" },
      ],
      [
        { selector: "[data-testid=login-password]", value: "hunter2" },
        { selector: "[data-testid=login-password]", value: "[REDACTED:password]" },
      ],
      [
        { locator: "getByLabel('Password')", text: "hunter2" },
        { locator: "getByLabel('Password')", text: "[REDACTED:password]" },
      ],
      [
        { fields: [{ label: "API key", value: "k9f8e7d6" }] },
        { fields: [{ label: "API key", value: "[REDACTED:api_key]" }] },
      ],
    ];
    for (const [input, expected] of cases) expect(mask(input).masked, JSON.stringify(input)).toEqual(expected);
    for (const input of [
      { action: "fill", selector: "#search", value: "cheap flights" },
      { element: "Email address", ref: "e11", text: "dana" },
      { selector: "#token-count", value: "12" },
      { label: "Username", value: "bob" },
    ]) {
      expect(mask(input).masked, JSON.stringify(input)).toEqual(input);
    }
  });

  it("leaves a credential field that only references a secret (a template or a variable)", () => {
    const refs = {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell placeholder is the input under test
      password: "${DB_PASSWORD}",
      api_key: "{{ vault_api_key }}",
      token: "$GITHUB_TOKEN",
      secret: "<your-secret>",
    };
    expect(mask(refs).masked).toEqual(refs);
    // a default after the reference, or text around it, is a value
    const withValues = { password: `$\{DB_PASSWORD:-postgres}`, token: `$\{A}x` };
    expect(mask(withValues).masked).toEqual({
      password: "[REDACTED:password]",
      token: "[REDACTED:token]",
    });
  });

  it("scans keys too and keeps them unique", () => {
    const { masked, findings } = mask({ "a@example.com": 1, "b@example.com": 2 });
    expect(Object.keys(masked)).toEqual(["[REDACTED:email]", "[REDACTED:email]#2"]);
    expect(findings[0]).toMatchObject({ path: "$", type: "email", detector: "detector:email:key" });
  });

  it("opens JSON, base64 and URL-encoded strings and re-serialises them", () => {
    const token = fake.stripeKey();
    const { masked, findings } = mask({
      json: JSON.stringify({ config: { password: "p4ss", host: "db" } }),
      b64: Buffer.from(`export STRIPE_KEY=${token}`).toString("base64"),
      b64whole: Buffer.from(token).toString("base64"),
      url: `https://cb.example.com/?state=${encodeURIComponent(`{"token":"${token}"}`)}&n=1`,
    });
    expect(JSON.parse(masked.json)).toEqual({ config: { password: "[REDACTED:password]", host: "db" } });
    expect(Buffer.from(masked.b64, "base64").toString()).toBe("export STRIPE_KEY=[REDACTED:stripe_key]");
    expect(masked.b64whole).toBe("[REDACTED:stripe_key]");
    expect(decodeURIComponent(masked.url)).toBe('https://cb.example.com/?state={"token":"[REDACTED:token]"}&n=1');
    expect(findings.find((f) => f.path === "$.json.config.password")?.encoding).toBe("json");
    expect(findings.find((f) => f.path === "$.b64")?.encoding).toBe("base64");
    expect(JSON.stringify(masked)).not.toContain(token);
  });

  it("masks a secret repeated in several encoded runs of one string, not only the first", () => {
    // The second run's finding repeats the first (same path, type, encoding), so it adds nothing
    // to the findings; the run must be masked all the same.
    const token = fake.stripeKey();
    const run = Buffer.from(JSON.stringify({ key: token })).toString("base64");
    const { masked, findings } = mask({ note: `first ${run} then ${run}` });
    expect(JSON.stringify(masked)).not.toContain(run);
    for (const part of String(masked.note).match(/[A-Za-z0-9+/=]{16,}/g) ?? [])
      expect(Buffer.from(part, "base64").toString()).not.toContain(token);
    expect(findings.filter((f) => f.path === "$.note.key")).toHaveLength(1);

    const url = encodeURIComponent(JSON.stringify({ key: token }));
    const twice = mask({ link: `https://a.example/?x=${url}&y=${url}` }).masked.link;
    expect(decodeURIComponent(String(twice))).not.toContain(token);
  });

  it("leaves runs that do not decode to text as they are, and still opens the ones beside them", () => {
    const token = fake.stripeKey();
    // base64 that reads like text (a capital every fourth character), of bytes that are not UTF-8
    const binary = Buffer.from([0x41, 0x80, 0x42, 0x43, 0xff, 0x44, 0x45, 0x80, 0x46, 0x47, 0xc0, 0x48]).toString(
      "base64",
    );
    const text = Buffer.from(`key=${token}`).toString("base64");
    const { masked } = mask({ note: `${binary} ${text}` });
    const [kept, opened] = String(masked.note).split(" ");
    expect(kept).toBe(binary);
    expect(Buffer.from(opened!, "base64").toString()).toBe("key=[REDACTED:stripe_key]");

    // a stray `%` makes its run unreadable; the next run is read all the same
    const query = encodeURIComponent(`{"token":"${token}"}`);
    const link = mask({ link: `progress=50%zz https://a.example/?q=${query}` }).masked.link;
    expect(String(link).startsWith("progress=50%zz https://a.example/?q=")).toBe(true);
    expect(decodeURIComponent(String(link).split("q=")[1]!)).toBe('{"token":"[REDACTED:token]"}');
  });

  it("drops fields and array elements", () => {
    const m = createMasker({
      policy: { fields: ["$.tags[1]", "$..internal"], strategies: { field: "drop", email: "drop" } },
    });
    const { masked, findings } = m.mask({
      tags: ["a", "b", "c"],
      internal: { x: 1 },
      contact: "jo@example.com",
      rows: ["x", "jo@example.com", "y"],
    });
    expect(masked).toEqual({ tags: ["a", "c"], rows: ["x", "y"] });
    expect(findings.map((f) => f.path).sort()).toEqual(["$.contact", "$.internal", "$.rows[1]", "$.tags[1]"]);
    expect(m.maskText("mail jo@example.com")).toBe("mail [REDACTED:email]");
  });

  it("runs custom detectors from the policy", () => {
    const m = createMasker({
      policy: {
        detectors: "none",
        custom: [
          { name: "employee_id", regex: "EMP-\\d{6}" },
          { name: "codename", words: ["Falcon", "Blue Heron"], category: "secret" },
        ],
        strategies: { employee_id: "fingerprint" },
      },
    });
    const { masked } = m.mask({ note: "EMP-123456 works on project blue heron and Falconry", email: "jo@example.com" });
    expect(masked.note).toMatch(
      /^\[employee_id:fp_[0-9a-f]{12}\] works on project \[REDACTED:codename\] and Falconry$/,
    );
    expect(masked.email).toBe("jo@example.com");
  });

  it("is deterministic and never mutates its input", () => {
    const input = deepFreeze({ a: [{ email: "jo@example.com", n: 1 }], b: `token=${body(32)}` });
    const m1 = createMasker({ fingerprintKey: "k", policy: { strategies: { email: "fingerprint" } } });
    const m2 = createMasker({ fingerprintKey: "k", policy: { strategies: { email: "fingerprint" } } });
    expect(m1.mask(input)).toEqual(m2.mask(input));
    expect(m1.mask(input)).toEqual(m1.mask(input));
    expect(input.a[0]!.email).toBe("jo@example.com");
  });

  it("gives the same answer for a string in a batch as on its own", () => {
    const texts = [
      "call +1 415 555 0132",
      `key ${fake.awsAccessKey()} end`,
      "plain words",
      "password: hunter22",
      "x".repeat(40),
      // a string ending where another's context would begin: not read across the join
      "machine h login",
      "password S3cretPass99",
      "- name: DB_PASSWORD",
      "  value: S3cretPass99",
    ];
    const m = createMasker();
    expect(m.mask(texts).masked).toEqual(texts.map((t) => m.maskText(t)));
  });

  it("never throws and fails closed on what it cannot read", () => {
    const cyclic: Record<string, unknown> = { name: "a" };
    cyclic.self = cyclic;
    const hostile = {
      get boom(): string {
        throw new Error("getter");
      },
    };
    const m = createMasker();
    expect(m.mask(cyclic).masked).toEqual({ name: "a", self: "[REDACTED:cycle]" });
    expect(m.mask({ h: hostile }).masked).toEqual({ h: "[REDACTED:unreadable]" });
    const odd = m.mask({
      big: 4111111111111111n,
      when: new Date(0),
      set: new Set(["jo@example.com"]),
      bytes: new Uint8Array([1, 2]),
      fn: () => 1,
    });
    expect(odd.masked).toEqual({
      big: "[REDACTED:credit_card]",
      when: "1970-01-01T00:00:00.000Z",
      set: ["[REDACTED:email]"],
      bytes: "[REDACTED:binary]",
    });
    expect(m.mask(undefined).masked).toBeUndefined();
    expect(m.maskText("")).toBe("");
  });

  it("masks a recovery phrase given word by word, and values in a map of secrets that look like one", () => {
    const m = createMasker();
    const words = "legal winner thank year wave sausage worth useful legal winner thank yellow".split(" ");
    expect(m.mask({ words, recovery_phrase: words.join(" ") }).masked).toEqual({
      words: "[REDACTED:seed_phrase]",
      recovery_phrase: "[REDACTED:seed_phrase]",
    });
    // the checksum fails with the last word changed: twelve list words are no phrase
    const shuffled = [...words.slice(0, 11), "wave"];
    expect(m.mask({ words: shuffled }).masked).toEqual({ words: shuffled });
    expect(m.mask({ secrets: { db: "Wint3rIsC0ming", api: "f8a9b7c6d5e4f3a2b1c0d9e8f7a6b5c4" } }).masked).toEqual({
      secrets: { db: "[REDACTED:secret]", api: "[REDACTED:secret]" },
    });
    const described = {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell placeholder is the input under test
      secrets: { provider: "vault", path: "secret/db", ttl: "1h", mount: "kv2", db: "${DB_PASSWORD}" },
    };
    expect(m.mask(described).masked).toEqual(described);
  });

  it("masks a nine-digit number as an SSN or ITIN only under a name for one", () => {
    const m = createMasker();
    const r = m.mask({ customer: { SSN: 536221234, size: 536221234 }, tin: 912701234, tax_id: 536221234 });
    expect(r.masked).toEqual({
      customer: { SSN: "[REDACTED:us_ssn]", size: 536221234 },
      tin: "[REDACTED:us_itin]",
      tax_id: "[REDACTED:us_ssn]",
    });
    expect(r.findings.map((f) => f.path)).toEqual(["$.customer.SSN", "$.tin", "$.tax_id"]);
    // an invalid one (area 123, group 45, serial 6789 is the SSA's advertised example) stays a number
    expect(m.mask({ ssn: 123456789, id: 536221234 }).masked).toEqual({ ssn: 123456789, id: 536221234 });
  });

  it("masks whole fields past the caps and records why", () => {
    const m = createMasker({ limits: { maxDepth: 3, maxStringLength: 100, maxNodes: 50 } });
    const deep = m.mask({ a: { b: { c: { d: "x" } } } });
    expect(deep.masked).toEqual({ a: { b: { c: "[REDACTED:depth_limit]" } } });
    expect(deep.findings).toContainEqual({
      path: "$.a.b.c",
      type: "depth_limit",
      detector: "limit:depth_limit",
      strategy: "redact",
    });
    expect(m.mask({ s: "a".repeat(101) }).masked).toEqual({ s: "[REDACTED:size_limit]" });
    const wide = m.mask({ a: Array.from({ length: 30 }, (_, i) => i), b: Array.from({ length: 30 }, (_, i) => i) });
    expect((wide.masked.b as unknown[]).filter((x) => x === "[REDACTED:size_limit]").length).toBeGreaterThan(0);
  });

  it("masks a container with more entries than the node cap whole, without reading its entries", () => {
    const m = createMasker({ limits: { maxNodes: 50 } });
    const sparse: unknown[] = [];
    sparse[2 ** 31] = "x"; // spread out, 2^31 holes would take seconds and gigabytes
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    const huge = new Proxy([], { get: (_t, k) => (k === "length" ? 1e12 : "x") });
    const { masked, findings } = m.mask({
      sparse,
      many,
      set: new Set(Array.from({ length: 51 }, (_, i) => i)),
      huge,
      fits: [1, 2],
    });
    expect(masked).toEqual({
      sparse: "[REDACTED:size_limit]",
      many: "[REDACTED:size_limit]",
      set: "[REDACTED:size_limit]",
      huge: "[REDACTED:size_limit]",
      fits: [1, 2],
    });
    expect(findings.map((f) => f.path)).toEqual(["$.sparse", "$.many", "$.set", "$.huge"]);
  });

  it("masks a layer too deeply encoded to open, whatever the encoding", () => {
    const m = createMasker();
    const secret = { email: "jo@example.com", password: "hunter2hunter2" };
    let json: unknown = secret;
    for (let i = 0; i < 5; i++) json = { s: JSON.stringify(json) };
    let percent = "password=hunter2hunter2&email=jo%40example.com";
    for (let i = 0; i < 5; i++) percent = encodeURIComponent(percent);
    let base64 = "password=hunter2hunter2 email jo@example.com";
    for (let i = 0; i < 5; i++) base64 = Buffer.from(base64).toString("base64");
    for (const value of [json, { u: `https://x.test/?q=${percent}` }, { b: base64 }]) {
      const { masked, findings } = m.mask(value);
      const out = JSON.stringify(masked);
      expect(out).not.toMatch(/hunter2|jo(?:%(?:25)*40|@)example/);
      expect(findings.map((f) => f.type)).toContain("decode_depth_limit");
    }
    // strings scanned in a batch are held to the same cap
    const none = createMasker({ limits: { maxDecodeDepth: 0 } });
    const b64 = Buffer.from("password=hunter2hunter2").toString("base64");
    expect(none.mask({ a: b64, b: "plain" }).masked).toEqual({ a: "[REDACTED:decode_depth_limit]", b: "plain" });
    expect(none.mask({ a: '{"password":"hunter2"}' }).masked).toEqual({ a: "[REDACTED:decode_depth_limit]" });
  });

  it("treats keys named like Object.prototype members as plain keys", () => {
    const m = createMasker({
      policy: { custom: [{ name: "constructor", regex: "EMP-\\d{6}" }], strategies: { constructor: "drop" as const } },
    });
    const input = JSON.parse(
      '{"__proto__": {"password": "hunter2"}, "constructor": "jo@example.com", "toString": "EMP-123456", "hasOwnProperty": 1}',
    );
    const { masked } = m.mask(input);
    expect(Object.getPrototypeOf(masked)).toBe(Object.prototype);
    // the custom type's own strategy (drop) applies, not Object.prototype.constructor
    expect(Object.keys(masked)).toEqual(["__proto__", "constructor", "hasOwnProperty"]);
    expect(JSON.stringify(masked)).toBe(
      '{"__proto__":{"password":"[REDACTED:password]"},"constructor":"[REDACTED:email]","hasOwnProperty":1}',
    );
    // text has no way to drop a member: the value is redacted instead
    expect(m.maskText(JSON.stringify(input))).toBe(
      '{"__proto__":{"password":"[REDACTED:password]"},"constructor":"[REDACTED:email]","toString":"[REDACTED:constructor]","hasOwnProperty":1}',
    );
  });

  it("counts every leaf against the node cap and names the leaf it stopped at", () => {
    const m = createMasker({ limits: { maxNodes: 4 } });
    // the object is node 1, then one node per value, strings and primitives alike
    const { masked, findings } = m.mask({ a: "x", b: { c: true, d: null }, e: "jo@example.com", f: 7 });
    expect(masked).toEqual({
      a: "x",
      b: { c: true, d: "[REDACTED:size_limit]" },
      e: "[REDACTED:size_limit]",
      f: "[REDACTED:size_limit]",
    });
    expect(findings.map((f) => [f.path, f.type])).toEqual([
      ["$.b.d", "size_limit"],
      ["$.e", "size_limit"],
      ["$.f", "size_limit"],
    ]);
    const list = m.mask(["x", "jo@example.com", 1, "y"]);
    expect(list.masked).toEqual(["x", "[REDACTED:email]", 1, "[REDACTED:size_limit]"]);
    expect(list.findings.map((f) => f.path)).toEqual(["$[3]", "$[1]"]);
  });

  it("masks free text for the logger", () => {
    const m = createMasker();
    const jwt = fake.jwt();
    expect(m.maskText(`login ok user=jo@example.com from 10.0.0.7 token ${jwt}`)).toBe(
      "login ok user=[REDACTED:email] from [REDACTED:ip_address] token [REDACTED:jwt]",
    );
  });

  it("rejects an invalid policy when compiling, not when masking", () => {
    expect(() => createMasker({ policy: { custom: [{ name: "bad", regex: "(a+)+" }] } })).toThrow(/regex/);
  });
});
