import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createMasker } from "../mask";
import { scan } from "../scan-text";
import { body, fake } from "../testing/fake-secrets";
import { buildDetectors } from "./registry";
import { leadingAlternatives, SECRET_PATTERNS } from "./secrets";

const detectors = buildDetectors(["secrets"], []).text;
const typesIn = (text: string) => scan(text, detectors).map((m) => m.type);
const coversAll = (text: string, secret: string) => {
  const at = text.indexOf(secret);
  return scan(text, detectors).some((m) => m.start <= at && m.end >= at + secret.length);
};

describe("provider credentials", () => {
  const cases: [string, string, string][] = [
    ["AWS access key", fake.awsAccessKey(), "aws_access_key"],
    ["GCP API key", fake.gcpApiKey(), "gcp_api_key"],
    ["Azure AD client secret", fake.azureClientSecret(), "azure_client_secret"],
    ["GitHub token", fake.githubToken(), "github_token"],
    ["GitLab token", fake.gitlabToken(), "gitlab_token"],
    ["Slack bot token", fake.slackBotToken(), "slack_token"],
    ["Stripe key", fake.stripeKey(), "stripe_key"],
    ["npm token", fake.npmToken(), "npm_token"],
    ["Twilio key", fake.twilioKey(), "twilio_key"],
    ["SendGrid key", fake.sendgridKey(), "sendgrid_key"],
    ["OpenAI key", fake.openaiKey(), "openai_key"],
    ["Anthropic key", fake.anthropicKey(), "anthropic_key"],
    ["JWT", fake.jwt(), "jwt"],
    ["countersign one-time token", `cst_${randomBytes(32).toString("base64url")}`, "countersign_token"],
    ["countersign API key", `csk_${randomBytes(32).toString("base64url")}`, "countersign_api_key"],
  ];
  for (const [name, token, type] of cases) {
    it(`finds a ${name} bare, quoted and inside prose`, () => {
      expect(typesIn(token)).toContain(type);
      for (const text of [`"${token}"`, `the agent used ${token} to deploy`, `{"k":"${token}"}`]) {
        expect(coversAll(text, token), text).toBe(true);
      }
    });
  }

  it("covers the whole token even when the pattern is shorter than the token", () => {
    const token = ["xo", "xa-2-", "511111111-31111111111-3111111111111-", body(18, 3, "0123456789abcdef")].join("");
    expect(coversAll(`slack=${token}`, token)).toBe(true);
  });

  it("leaves placeholders and near misses alone", () => {
    for (const text of [
      ["gh", "p_", "x".repeat(36)].join(""),
      ["AK", "IA", "X".repeat(16)].join(""),
      ["xo", "xb-", "xxx"].join(""),
      "sk_live_",
      ["pk", "_live_", body(24)].join(""), // publishable, public by design
      "hf_requiredCharacteristicTypesForDisplayMetadata",
    ]) {
      expect(scan(text, detectors), text).toEqual([]);
    }
  });
});

describe("credentials found by their surroundings", () => {
  it("masks a whole PEM private key block, even without the END line", () => {
    const pem = fake.privateKey();
    expect(coversAll(`key: |\n${pem}\n`, pem)).toBe(true);
    const truncated = pem.slice(0, 120);
    expect(coversAll(truncated, truncated)).toBe(true);
    expect(typesIn("-----BEGIN PUBLIC KEY-----\nMIIBIjAN\n-----END PUBLIC KEY-----")).toEqual([]);
  });

  it("masks user:password in URLs but not host or path", () => {
    const text = "postgres://admin:S3cr3t-pass@db.internal:5432/app";
    const [m] = scan(text, detectors);
    expect(text.slice(m!.start, m!.end)).toBe("admin:S3cr3t-pass");
    expect(typesIn("https://example.com/a@b")).toEqual([]);
  });

  it("masks Authorization and Bearer values, not the scheme or templates", () => {
    const jwt = fake.jwt();
    expect(coversAll(`Authorization: Bearer ${jwt}`, jwt)).toBe(true);
    const basic = Buffer.from("admin:hunter22").toString("base64");
    expect(coversAll(`-H "Authorization: Basic ${basic}"`, basic)).toBe(true);
    expect(typesIn('-H "Authorization: Bearer $API_KEY"')).toEqual([]);
    expect(typesIn("uses Bearer authentication")).toEqual([]);
  });

  it("masks curl -u credentials", () => {
    expect(coversAll("curl -u elastic:P@ssw0rd$1 https://localhost:9200", "elastic:P@ssw0rd$1")).toBe(true);
    expect(typesIn("curl -u user:pass https://x")).toEqual([]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell placeholder is the input under test
    expect(typesIn('curl -u "${USER}:${PASS}" https://x')).toEqual([]);
  });

  it("masks the data of a Kubernetes Secret only", () => {
    const secret = "apiVersion: v1\nkind: Secret\ndata:\n  password: UyFCXCpkJHpEc2I9\n  token: c3VwZXJzZWNyZXQ=\n";
    expect(coversAll(secret, "c3VwZXJzZWNyZXQ=")).toBe(true);
    const config = "apiVersion: v1\nkind: ConfigMap\ndata:\n  mode: c3VwZXJzZWNyZXQ=\n";
    expect(typesIn(config)).toEqual([]);
  });
});

describe("keyword assignments", () => {
  it("masks values assigned to credential names in many syntaxes", () => {
    const v = "hunter2-Zq9";
    for (const text of [
      `password = "${v}"`,
      `PASSWORD=${v}`,
      `db_pass: '${v}'`,
      `"apiKey": "${v}"`,
      `secret := \`${v}\``,
      `--password ${v}`,
      `<add key="Password" value="${v}" />`,
      `<password>${v}</password>`,
      `if ("${v}" == password) {`,
      `System.setProperty("API_TOKEN", "${v}")`,
      `var token string = "${v}"`,
    ]) {
      expect(coversAll(text, v), text).toBe(true);
    }
  });

  it("skips empty values, templates, references and metadata names", () => {
    for (const text of [
      'password = ""',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell placeholder is the input under test
      "password: ${DB_PASSWORD}",
      "password = var.db_password",
      'token_url = "https://example.com/oauth/token"',
      "max_tokens = 4096",
      'secret_name = "prod/db"',
      "the password is required",
    ]) {
      expect(scan(text, detectors), text).toEqual([]);
    }
  });

  it("needs a generated-looking value for generic names", () => {
    expect(typesIn('key = "users/2024/report.csv"')).toEqual([]);
    expect(typesIn(`key = "${body(32)}"`)).toContain("key");
  });

  it("reads a credential named in a sentence, and leaves sentences about one", () => {
    const m = createMasker();
    expect(m.maskText("The password is hunter2hunter2.")).toBe("The password is [REDACTED:password].");
    expect(m.maskText("the api key is 9f8e7d6c5b4a39281706f5e4d3c2b1a0")).toBe("the api key is [REDACTED:key]");
    expect(m.maskText("the secret is 'Tr0ub4dor&3'")).toBe("the secret is '[REDACTED:secret]'");
    for (const text of [
      "the password is incorrect",
      "Password is required",
      "the token is JWT-based",
      "the key is config.yaml",
      "the password is 8+ characters",
    ]) {
      expect(m.maskText(text), text).toBe(text);
    }
  });

  it("reads a credential given in a request's reason: 'reset … password to …', 'with password …'", () => {
    const m = createMasker();
    for (const [text, expected] of [
      ["reset bob's password to Welcome123", "reset bob's password to [REDACTED:password]"],
      ["set the password to Tr0ub4dor3 today", "set the password to [REDACTED:password] today"],
      ["the password was S3cretPass99", "the password was [REDACTED:password]"],
      ["password is now S3cretPass99", "password is now [REDACTED:password]"],
      ["password was changed to S3cretPass99", "password was changed to [REDACTED:password]"],
      ["log in with password S3cretPass99", "log in with password [REDACTED:password]"],
      ["temporary password 'S3cretPass99'", "temporary password '[REDACTED:password]'"],
    ]) {
      expect(m.maskText(text!), text).toBe(expected);
    }
    for (const text of [
      "reset the password to something stronger",
      "set the password to expire in 90 days",
      "change password to meet the policy",
      "with password authentication",
      "temporary password policy v2",
      // a name that is itself a value or a variable names nothing after it
      "oc login -u bob -p S3cr3tPw https://api:6443",
      "DB_PASSWORD prod2024db",
    ]) {
      expect(m.maskText(text).replace("-p [REDACTED:password]", "-p S3cr3tPw"), text).toBe(text);
    }
  });

  it("reads a value named by the name field before it (Kubernetes env as YAML, HCL, JSON in a log)", () => {
    const m = createMasker();
    expect(m.maskText("env:\n- name: DB_PASSWORD\n  value: S3cretPass99\n- name: USER\n  value: bob")).toBe(
      "env:\n- name: DB_PASSWORD\n  value: [REDACTED:password]\n- name: USER\n  value: bob",
    );
    expect(m.maskText('environment = [{ name = "DB_PASSWORD", value = "S3cretPass99" }]')).toBe(
      'environment = [{ name = "DB_PASSWORD", value = "[REDACTED:password]" }]',
    );
    expect(m.maskText('saved {"Key": "db_password", "Value": "S3cretPass99"} ok')).toBe(
      'saved {"Key": "db_password", "Value": "[REDACTED:password]"} ok',
    );
    // a password with spaces on a YAML line of its own is masked to the end of the line
    expect(m.maskText("- name: DB_PASSWORD\n  value: correct horse battery")).toBe(
      "- name: DB_PASSWORD\n  value: [REDACTED:password]",
    );
    for (const text of [
      "- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef: {name: db, key: password}",
      "- name: DB_PASSWORD\n- value: another item",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell placeholder is the input under test
      "- name: DB_PASSWORD\n  value: ${DB_PASSWORD}",
      "name: password_policy\nvalue: strict",
    ]) {
      expect(m.maskText(text), text).toBe(text);
    }
  });

  it("reads a password prompt's answer and a .netrc entry", () => {
    const m = createMasker();
    expect(m.maskText("Password for bob: S3cretPass99")).toBe("Password for bob: [REDACTED:password]");
    expect(m.maskText("Password for user bob: Tr0ub4dor&3")).toBe("Password for user bob: [REDACTED:password]");
    expect(m.maskText("machine api.example.com login bob password S3cretPass99")).toBe(
      "machine api.example.com login bob password [REDACTED:password]",
    );
    // a .netrc value ends only at white space, and entries may span lines
    expect(m.maskText('machine h\n  login bob\n  password p@ss;w0rd"x\nmachine other')).toBe(
      "machine h\n  login bob\n  password [REDACTED:password]\nmachine other",
    );
    for (const text of [
      "Password for user bob: authentication failed",
      "reset password for bob: done",
      "the password for the account is in vault",
      "log in with your password then continue",
    ]) {
      expect(m.maskText(text), text).toBe(text);
    }
  });

  it("keeps an & inside a value and stops at one that starts the next parameter", () => {
    const m = createMasker();
    expect(m.maskText("new password: Tr0ub4dor&Correct-Horse-Battery")).toBe("new password: [REDACTED:password]");
    expect(m.maskText("grant_type=password&username=bob&password=hunter2hunter2&scope=read")).toBe(
      "grant_type=password&username=bob&password=[REDACTED:password]&scope=read",
    );
    expect(m.maskText("x password=hunter2hunter2&& echo ok")).toBe("x password=[REDACTED:password]&& echo ok");
  });

  it("judges a value without the mask tokens in it, so a masked neighbour does not make it a placeholder", () => {
    const m = createMasker();
    // the percent pass masks the email first and writes `%5BREDACTED%3Aemail%5D` back into the text
    expect(m.maskText("password=hunter2hunter2&email=jo%40example.com")).toBe("password=[REDACTED:password]");
    expect(m.maskText("password=hunter2hunter2 (the old one was [REDACTED:password])")).toBe(
      "password=[REDACTED:password]",
    );
    // a comment after the value is not part of it, and its words do not make the value a placeholder
    expect(m.maskText("DB_PASSWORD=s3cr3tP4ss # changeme later")).toBe(
      "DB_PASSWORD=[REDACTED:password] # changeme later",
    );
    expect(m.maskText("export API_TOKEN=9f8e7d6c5b4a39281706f5e4d3c2b1a0 # redacted in logs")).toBe(
      "export API_TOKEN=[REDACTED:token] # redacted in logs",
    );
    expect(m.maskText("password=pa#ss#word99")).toBe("password=[REDACTED:password]");
    // nor does a note after it without a comment sign; a note after a stand-in is still a stand-in
    expect(m.maskText("password: s3cr3tP4ss placeholder until rotation")).toBe("password: [REDACTED:password]");
    expect(m.maskText("password: your placeholder here")).toBe("password: your placeholder here");
    expect(m.maskText("password: <placeholder> until set")).toBe("password: <placeholder> until set");
    // masking masked text changes nothing
    expect(m.maskText("password: [REDACTED:password]")).toBe("password: [REDACTED:password]");
    expect(m.maskText("token=%5BREDACTED%3Aemail%5D")).toBe("token=%5BREDACTED%3Aemail%5D");
  });
});

describe("webhook URLs and bot tokens", () => {
  it("masks the older Teams connector URL and a Telegram token inside a Bot API URL", () => {
    const m = createMasker();
    const hex = (n: number) => randomBytes(n).toString("hex");
    const legacy = `https://outlook.office.com/webhook/${hex(8)}@${hex(4)}/IncomingWebhook/${hex(16)}/${hex(8)}`;
    expect(m.maskText(legacy)).toBe("https://outlook.office.com/[REDACTED:teams_webhook]");
    expect(m.maskText("https://api.telegram.org/bot110201543:AAHdqTcvCH1vGWJxfSe1ofSAs0K5PALDsaw/getMe")).toBe(
      "https://api.telegram.org/bot[REDACTED:telegram_bot_token]/getMe",
    );
    // not after a word: detect-secrets' negative
    expect(typesIn("bot110201543:AAHdqTcvCH1vGWJxfSe1ofSAs0K5PALDsaw")).not.toContain("telegram_bot_token");
  });
});

describe("passwords on command lines", () => {
  const masked = (text: string) => createMasker().maskText(text);

  it("masks a short password flag of the commands that take one, wrapped or not", () => {
    expect(masked("kubectl exec db -- mysqldump -u root -pS3cr3tPw db > x.sql")).toBe(
      "kubectl exec db -- mysqldump -u root -p[REDACTED:password] db > x.sql",
    );
    expect(masked('mysql -uroot -p"S3cr3t Pw" -h db')).toBe('mysql -uroot -p"[REDACTED:password]" -h db');
    expect(masked("docker login -u bob -p 'S3cr3tPw' reg.io")).toBe(
      "docker login -u bob -p '[REDACTED:password]' reg.io",
    );
    expect(masked("sshpass -p S3cr3tPw ssh host")).toBe("sshpass -p [REDACTED:password] ssh host");
    expect(masked("redis-cli -h cache -a S3cr3tPw ping")).toBe("redis-cli -h cache -a [REDACTED:password] ping");
    expect(masked("/opt/mssql-tools/bin/sqlcmd -S db -U sa -P 'S3cr3tPw!'")).toBe(
      "/opt/mssql-tools/bin/sqlcmd -S db -U sa -P '[REDACTED:password]'",
    );
    expect(masked("ldapsearch -x -D cn=admin -w S3cr3tPw -b dc=x")).toBe(
      "ldapsearch -x -D cn=admin -w [REDACTED:password] -b dc=x",
    );
    expect(masked("mongosh -u admin -p S3cr3tPw")).toBe("mongosh -u admin -p [REDACTED:password]");
    expect(masked("az login -u bob -p S3cr3tPw")).toBe("az login -u bob -p [REDACTED:password]");
    expect(masked("oc login -u bob -p S3cr3tPw https://api:6443")).toBe(
      "oc login -u bob -p [REDACTED:password] https://api:6443",
    );
  });

  it("masks keytool's store and key passwords, PowerShell's plain-text SecureString and Dockerfile ENV", () => {
    expect(masked("keytool -importkeystore -srcstorepass S3cr3tPw -deststorepass Other9Pw")).toBe(
      "keytool -importkeystore -srcstorepass [REDACTED:password] -deststorepass [REDACTED:password]",
    );
    expect(masked("$s = ConvertTo-SecureString 'S3cr3tPw' -AsPlainText -Force")).toBe(
      "$s = ConvertTo-SecureString '[REDACTED:password]' -AsPlainText -Force",
    );
    expect(masked('convertto-securestring -String "S3cr3tPw" -AsPlainText')).toBe(
      'convertto-securestring -String "[REDACTED:password]" -AsPlainText',
    );
    expect(masked("FROM node:20\nENV DB_PASSWORD S3cr3tPw\nRUN npm ci")).toBe(
      "FROM node:20\nENV DB_PASSWORD [REDACTED:password]\nRUN npm ci",
    );
    // reading a SecureString back, or an ENV naming no credential, holds nothing
    expect(masked("$s = Read-Host -AsSecureString")).toBe("$s = Read-Host -AsSecureString");
    expect(masked("ConvertFrom-SecureString $s")).toBe("ConvertFrom-SecureString $s");
    expect(masked("ENV NODE_ENV production")).toBe("ENV NODE_ENV production");
  });

  it("masks SQL's IDENTIFIED BY, not a bound parameter", () => {
    expect(masked("GRANT ALL ON *.* TO 'bob'@'%' IDENTIFIED BY 'S3cr3tPw';")).toBe(
      "GRANT ALL ON *.* TO 'bob'@'%' IDENTIFIED BY '[REDACTED:password]';",
    );
    expect(masked('CREATE USER u IDENTIFIED WITH mysql_native_password BY "S3cr3tPw"')).toBe(
      'CREATE USER u IDENTIFIED WITH mysql_native_password BY "[REDACTED:password]"',
    );
    expect(masked("ALTER USER u IDENTIFIED BY ?")).toBe("ALTER USER u IDENTIFIED BY ?");
  });

  it("leaves the same flags of other commands, prompts and references", () => {
    for (const text of [
      "ssh -p 2222 host",
      "psql -p 5432 -U app",
      "mkdir -p /tmp/x && mysql -p app", // -p alone prompts; app is the database
      "docker run -p 8080:80 nginx", // -p of docker run is a port
      "az vm create -p 8080", // -p means a password only after login
      "mysql -P3306 -u root -p$MYSQL_PWD",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell placeholder is the input under test
      'sshpass -p "${SSH_PASS}" ssh host',
      "mysql -p password",
      "echo done; -p S3cr3tPw",
    ]) {
      expect(masked(text), text).toBe(text);
    }
  });
});

describe("tables", () => {
  const masked = (text: string) => createMasker().maskText(text);

  it("masks the cells under a credential-named column of CSV, TSV and Markdown tables", () => {
    expect(masked('name,password\nbob,S3cretPass99\namy,"An,0ther!"\n')).toBe(
      'name,password\nbob,[REDACTED:password]\namy,"[REDACTED:password]"\n',
    );
    expect(masked("user\tpassword\tapi_key\nbob\tS3cretPass99\t9sKq2Lx7Vb4Nw8Zr3Tf6\n\nafter the table")).toBe(
      "user\tpassword\tapi_key\nbob\t[REDACTED:password]\t[REDACTED:api_key]\n\nafter the table",
    );
    expect(masked("| user | DB Password |\n|---|:---:|\n| bob | S3cretPass99 |\n| amy | An0therPass |")).toBe(
      "| user | DB Password |\n|---|:---:|\n| bob | [REDACTED:password] |\n| amy | [REDACTED:password] |",
    );
    expect(masked("name;password\r\nbob;S3cretPass99\r\n")).toBe("name;password\r\nbob;[REDACTED:password]\r\n");
  });

  it("reads a header only where a table starts, of column names, not sentences or references", () => {
    for (const text of [
      "I forgot my password, again\nbobby, S3cretPass99",
      "name,password_policy\nbob,strict",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell placeholder is the input under test
      "name,password\nbob,${PW}\namy,\n",
      // rows of a table with no credential column are not headers of their own
      "name,note\nuser0,reset password\nuser1,reset password",
    ]) {
      expect(masked(text), text).toBe(text);
    }
  });
});

describe("SQL INSERT values", () => {
  const masked = (text: string) => createMasker().maskText(text);

  it("masks the value in a credential column's position, in every row", () => {
    expect(masked("INSERT INTO users (name, password) VALUES ('bob', 'S3cretPass99')")).toBe(
      "INSERT INTO users (name, password) VALUES ('bob', '[REDACTED:password]')",
    );
    expect(
      masked(
        "insert into users (name, `password`, api_token) values ('bob', 'S3cret''Pass', '9sKq2Lx7Vb4Nw8Zr3Tf6'),\n  ('amy', 'An0ther!', 'x7Vb4Nw8Zr3Tf69sKq2L')",
      ),
    ).toBe(
      "insert into users (name, `password`, api_token) values ('bob', '[REDACTED:password]', '[REDACTED:token]'),\n  ('amy', '[REDACTED:password]', '[REDACTED:token]')",
    );
    expect(masked("INSERT OR REPLACE INTO creds (k, secret) VALUES ('x', 'S3cretPass99')")).toBe(
      "INSERT OR REPLACE INTO creds (k, secret) VALUES ('x', '[REDACTED:secret]')",
    );
    // an expression around the literal, a numeric PIN, a quote that never closes
    expect(masked("INSERT INTO users (name, password) VALUES ('bob', crypt('S3cretPass99', gen_salt('bf')))")).toBe(
      "INSERT INTO users (name, password) VALUES ('bob', [REDACTED:password])",
    );
    expect(masked("INSERT INTO cards (owner, pin) VALUES ('bob', 4821)")).toBe(
      "INSERT INTO cards (owner, pin) VALUES ('bob', [REDACTED:password])",
    );
    expect(masked("INSERT INTO users (name, password) VALUES ('bob', 'S3cret, still\nnext line")).toBe(
      "INSERT INTO users (name, password) VALUES ('bob', '[REDACTED:password]\nnext line",
    );
  });

  it("leaves parameters, NULL, other columns and statements without values", () => {
    for (const text of [
      "INSERT INTO users (name, password) VALUES ($1, $2)",
      "INSERT INTO users (name, password) VALUES (?, ?)",
      "INSERT INTO users (name, password) VALUES (:name, :password)",
      "INSERT INTO users (name, password) VALUES ('bob', NULL)",
      "INSERT INTO t (a, b) VALUES ('S3cretPass99', 'y')",
      "INSERT INTO users (name, password) SELECT name, password FROM old",
    ]) {
      expect(masked(text), text).toBe(text);
    }
  });
});

describe("high-entropy strings", () => {
  it("masks a free-floating random token", () => {
    const t = fake.generic();
    expect(coversAll(`use ${t} to log in`, t)).toBe(true);
  });

  it("leaves UUIDs, hex digests, URL paths, file names and named non-secrets alone", () => {
    for (const text of [
      "id 3f2c9a1e-4b5d-4c6e-8f70-91a2b3c4d5e6",
      "commit 9f2c1e7a4b3d5e6f708192a3b4c5d6e7f8091a2b",
      `https://cdn.example.com/${body(32)}/image.png`,
      `${body(30)}.tar.gz`,
      `version=${body(30)}`,
      "SlackAppConfigurationAccessTokenHere1",
    ]) {
      expect(typesIn(text), text).not.toContain("generic_secret");
    }
  });
});

describe("rules tried only where their literals occur", () => {
  it("reads the alternatives of a leading group", () => {
    expect(leadingAlternatives("(?:A3T[A-Z0-9]|AKIA|ASIA)[A-Z0-9]{16}")).toEqual(["A3T[A-Z0-9]", "AKIA", "ASIA"]);
    expect(leadingAlternatives("(?:a(?:b|c)|[|)]d)e")).toEqual(["a(?:b|c)", "[|)]d"]);
    expect(leadingAlternatives("AKIA[A-Z0-9]{16}")).toBeNull();
  });

  it("anchors a rule whose every alternative begins with a literal", () => {
    const aws = SECRET_PATTERNS.find((p) => p.type === "aws_access_key")!;
    expect(aws.anchored).toBe(true);
    expect(typesIn(`x AKIA${"Q7".repeat(8)} and A3TX${"Z9".repeat(8)} y`)).toEqual([
      "aws_access_key",
      "aws_access_key",
    ]);
  });
});
