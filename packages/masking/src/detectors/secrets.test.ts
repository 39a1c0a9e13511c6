import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createMasker } from "../mask";
import { scan } from "../scan-text";
import { body, fake } from "../testing/fake-secrets";
import { keeps, masksTo } from "../testing/mask-cases";
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
    ["Doppler service token (its config named)", ["dp", ".st.prd.", body(43)].join(""), "doppler_token"],
    ["SonarQube token", ["sq", "u_", body(40, 3, "0123456789abcdef")].join(""), "sonarqube_token"],
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
      ["AI", "za", "SyQ9", "abcdefghijklmnopqrstuvwxyz", "x7Kp2"].join(""), // the alphabet: an example
    ]) {
      expect(scan(text, detectors), text).toEqual([]);
    }
  });
});

describe("gitleaks' entropy floors", () => {
  it("leaves a provider prefix followed by filler, where gitleaks' rule sets a floor, and finds a random body", () => {
    const cases: [string, string, string][] = [
      // [prefix, filler body, random body's alphabet]
      ["AI" + "za", `Sy${"b".repeat(33)}`, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"],
      ["GR" + "1348941", "ab".repeat(10), "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"],
      ["gl" + "c_", "a1".repeat(20), "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"],
      ["sg" + "p_", "ab12".repeat(10), "0123456789abcdef"],
    ];
    for (const [prefix, filler, alphabet] of cases) {
      expect(scan(`saw ${prefix}${filler} in a log`, detectors), prefix).toEqual([]);
      const token = prefix + body(filler.length, 7, alphabet);
      expect(coversAll(`saw ${token} in a log`, token), token).toBe(true);
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
      // Python's and TOML's triple-quoted strings, YAML's block scalars
      `password = """${v}"""`,
      `token = '''${v}'''`,
      `password: |\n  ${v}\n`,
      `db:\n  password: >-\n    ${v}\n  host: db1`,
    ]) {
      expect(coversAll(text, v), text).toBe(true);
    }
  });

  it("masks a YAML block scalar's lines under a credential name, and only those", () => {
    masksTo([
      [
        "tls:\n  private_key: |\n    MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n\n    7VJTUt9Us8cKjMzEfYyjiWA4R4\n  cert_file: /etc/tls.crt",
        "tls:\n  private_key: |\n    [REDACTED:private_key]\n  cert_file: /etc/tls.crt",
      ],
      ["password: |+ # kept\n  S3cr3tPw\nuser: bob", "password: |+ # kept\n  [REDACTED:password]\nuser: bob"],
    ]);
    keeps(["description: |\n  the password is rotated monthly", "password: |", 'password = """"""']);
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

  it("keeps an & inside a value and stops at one that starts the next parameter", () => {
    const m = createMasker();
    expect(m.maskText("new password: Tr0ub4dor&Correct-Horse-Battery")).toBe("new password: [REDACTED:password]");
    expect(m.maskText("grant_type=password&username=bob&password=hunter2hunter2&scope=read")).toBe(
      "grant_type=password&username=bob&password=[REDACTED:password]&scope=read",
    );
    expect(m.maskText("x password=hunter2hunter2&& echo ok")).toBe("x password=[REDACTED:password]&& echo ok");
    // a form body at a line's start: the rest of the body stays
    expect(m.maskText("client_secret=abc123XyZ&grant_type=client_credentials&client_id=app")).toBe(
      "client_secret=[REDACTED:secret]&grant_type=client_credentials&client_id=app",
    );
    expect(m.maskText("PASSWORD=Tr0ub4dor&Correct")).toBe("PASSWORD=[REDACTED:password]");
  });

  it("judges a value without the mask tokens in it, so a masked neighbour does not make it a placeholder", () => {
    const m = createMasker();
    // the percent pass masks the email first and writes `%5BREDACTED%3Aemail%5D` back into the text
    expect(m.maskText("password=hunter2hunter2&email=jo%40example.com")).toBe(
      "password=[REDACTED:password]&email=%5BREDACTED%3Aemail%5D",
    );
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
  it("masks a short password flag of the commands that take one, wrapped or not", () => {
    masksTo([
      [
        "kubectl exec db -- mysqldump -u root -pS3cr3tPw db > x.sql",
        "kubectl exec db -- mysqldump -u root -p[REDACTED:password] db > x.sql",
      ],
      ['mysql -uroot -p"S3cr3t Pw" -h db', 'mysql -uroot -p"[REDACTED:password]" -h db'],
      ["docker login -u bob -p 'S3cr3tPw' reg.io", "docker login -u bob -p '[REDACTED:password]' reg.io"],
      ["sshpass -p S3cr3tPw ssh host", "sshpass -p [REDACTED:password] ssh host"],
      ["redis-cli -h cache -a S3cr3tPw ping", "redis-cli -h cache -a [REDACTED:password] ping"],
      [
        "/opt/mssql-tools/bin/sqlcmd -S db -U sa -P 'S3cr3tPw!'",
        "/opt/mssql-tools/bin/sqlcmd -S db -U sa -P '[REDACTED:password]'",
      ],
      ["ldapsearch -x -D cn=admin -w S3cr3tPw -b dc=x", "ldapsearch -x -D cn=admin -w [REDACTED:password] -b dc=x"],
      ["mongosh -u admin -p S3cr3tPw", "mongosh -u admin -p [REDACTED:password]"],
      ["az login -u bob -p S3cr3tPw", "az login -u bob -p [REDACTED:password]"],
      ["oc login -u bob -p S3cr3tPw https://api:6443", "oc login -u bob -p [REDACTED:password] https://api:6443"],
      // 7z's attached password is not a flag named like a credential: the archive name after it stays
      ["7z a -pS3cr3tPw a.7z files/", "7z a -p[REDACTED:password] a.7z files/"],
    ]);
  });

  it("masks the password of Samba's user%password, attached or not; a user alone prompts", () => {
    masksTo([
      ["smbclient //srv/share -U bob%S3cr3tPw", "smbclient //srv/share -U bob%[REDACTED:password]"],
      ["rpcclient -U'DOM\\admin%S3cr3tPw' dc", "rpcclient -U'DOM\\admin%[REDACTED:password]' dc"],
      ["net rpc user add x -U admin%S3cr3tPw -S dc", "net rpc user add x -U admin%[REDACTED:password] -S dc"],
    ]);
    keeps(["smbclient //srv/share -U bob", "smbclient -U bob%$SMB_PASS //h/s", "pg_dump -U app%x db"]);
  });

  it("masks the passwords of openssl, ssh-keygen, ipmitool, psexec, lftp, Oracle's logons and FreeRDP", () => {
    masksTo([
      ["openssl enc -aes-256-cbc -k S3cr3tPw -in f", "openssl enc -aes-256-cbc -k [REDACTED:password] -in f"],
      [
        "ssh-keygen -p -P 'Old9Pass' -N 'New9Pass' -f k",
        "ssh-keygen -p -P '[REDACTED:password]' -N '[REDACTED:password]' -f k",
      ],
      [
        "ipmitool -I lanplus -H h -U admin -P S3cr3tPw power status",
        "ipmitool -I lanplus -H h -U admin -P [REDACTED:password] power status",
      ],
      ["psexec \\\\h -u admin -p S3cr3tPw cmd", "psexec \\\\h -u admin -p [REDACTED:password] cmd"],
      ["lftp -u bob,S3cr3tPw ftp://h", "lftp -u bob,[REDACTED:password] ftp://h"],
      ["sqlplus -s scott/S3cr3tPw@//db:1521/orcl @x.sql", "sqlplus -s scott/[REDACTED:password]@//db:1521/orcl @x.sql"],
      ["expdp system/S3cr3tPw schemas=hr", "expdp system/[REDACTED:password] schemas=hr"],
      ["impdp userid=system/S3cr3tPw@db full=y", "impdp userid=system/[REDACTED:password]@db full=y"],
      ["xfreerdp /u:bob /p:S3cr3tPw /v:h", "xfreerdp /u:bob /p:[REDACTED:password] /v:h"],
    ]);
    keeps([
      "ssh-keygen -t ed25519 -N '' -f k", // no passphrase
      "lftp -u bob ftp://h", // prompts
      "sqlplus / as sysdba",
      "sqlplus scott@orcl",
      "sqlplus -s @scripts/run.sql",
      "sqlplus scott/$PW@orcl",
      "xfreerdp /u:bob /v:h",
      "curl -k https://h", // -k of another command
    ]);
  });

  it("masks the values given to secret stores, whatever they are named", () => {
    masksTo([
      ["gh secret set DB_PASSWORD --body S3cr3tPw", "gh secret set DB_PASSWORD --body [REDACTED:password]"],
      ["echo S3cr3tPw | gh secret set X --repo o/r", "echo [REDACTED:password] | gh secret set X --repo o/r"],
      [
        "az keyvault secret set --vault-name v --name db --value S3cr3tPw",
        "az keyvault secret set --vault-name v --name db --value [REDACTED:password]",
      ],
      [
        "fly secrets set API_URL=https://x STRIPE=S3cr3tPw",
        "fly secrets set API_URL=[REDACTED:password] STRIPE=[REDACTED:password]",
      ],
      [
        "kubectl create secret generic db --from-literal=user=admin --from-literal=key=S3cr3tPw",
        "kubectl create secret generic db --from-literal=user=[REDACTED:password] --from-literal=key=[REDACTED:password]",
      ],
      [
        "gcloud secrets create db --data-file=- <<< S3cr3tPw",
        "gcloud secrets create db --data-file=- <<< [REDACTED:password]",
      ],
      [
        "echo -n S3cr3tPw | gcloud secrets versions add db --data-file=-",
        "echo -n [REDACTED:password] | gcloud secrets versions add db --data-file=-",
      ],
      [
        "aws ssm put-parameter --name /prod/db --value S3cr3tPw --type SecureString",
        "aws ssm put-parameter --name /prod/db --value [REDACTED:password] --type SecureString",
      ],
    ]);
    keeps([
      "gh secret list",
      'gh secret set X --body "$VALUE"',
      "gcloud secrets versions add db --data-file=pw.txt",
      "aws ssm put-parameter --name /prod/x --value 42 --type String",
      "kubectl create secret generic db --from-file=./creds",
    ]);
  });

  it("masks a setting named like a credential: npm, yarn, git, aws, Redis, setx, user-secrets", () => {
    masksTo([
      [
        "npm config set //registry.npmjs.org/:_authToken S3cr3tPw99abc",
        "npm config set //registry.npmjs.org/:_authToken [REDACTED:token]",
      ],
      ["yarn config set npmAuthToken S3cr3tPw99abc", "yarn config set npmAuthToken [REDACTED:token]"],
      ["git config --global github.token S3cr3tPw99abc", "git config --global github.token [REDACTED:token]"],
      [
        "aws configure set aws_secret_access_key S3cr3tPw99",
        "aws configure set aws_secret_access_key [REDACTED:api_key]",
      ],
      ["CONFIG SET requirepass S3cr3tPw99", "CONFIG SET requirepass [REDACTED:password]"],
      ["masterauth S3cr3tPw99", "masterauth [REDACTED:password]"], // redis.conf
      ["redis-cli -h cache AUTH default S3cr3tPw99", "redis-cli -h cache AUTH default [REDACTED:credential]"],
      [
        'dotnet user-secrets set "Db:Password" "S3cr3tPw99"',
        'dotnet user-secrets set "Db:Password" "[REDACTED:password]"',
      ],
      ["SETX API_KEY S3cr3tPw99abc /M", "SETX API_KEY [REDACTED:api_key] /M"],
    ]);
    keeps([
      "git config --global credential.helper store",
      "aws configure set region us-east-1",
      "npm config get //registry.npmjs.org/:_authToken",
      "the config set token expiry",
      "AUTH failed",
      "Password reset failed for bob",
      "DB_PASSWORD prod2024db",
    ]);
  });

  it("masks a password written into a command's input: sudo -S, --password-stdin, passwd --stdin, .pgpass", () => {
    masksTo([
      [
        "echo 'S3cr3tPw' | sudo -S apt-get install -y nginx",
        "echo '[REDACTED:password]' | sudo -S apt-get install -y nginx",
      ],
      ["echo S3cr3tPw | sudo -kS whoami", "echo [REDACTED:password] | sudo -kS whoami"],
      ["printf '%s\\n' 'S3cr3tPw' | sudo -S ls", "printf '%s\\n' '[REDACTED:password]' | sudo -S ls"],
      [
        "echo S3cr3tPw | docker login -u bob --password-stdin reg.io",
        "echo [REDACTED:password] | docker login -u bob --password-stdin reg.io",
      ],
      ["echo 'S3cr3tPw' | passwd --stdin bob", "echo '[REDACTED:password]' | passwd --stdin bob"],
      ["echo 'db:5432:app:bob:S3cr3tPw' >> ~/.pgpass", "echo 'db:5432:app:bob:[REDACTED:password]' >> ~/.pgpass"],
      [
        "cat > ~/.pgpass <<EOF\ndb:5432:*:bob:S3cr3tPw\nEOF\nchmod 600 ~/.pgpass",
        "cat > ~/.pgpass <<EOF\ndb:5432:*:bob:[REDACTED:password]\nEOF\nchmod 600 ~/.pgpass",
      ],
    ]);
    keeps([
      'echo "$TOKEN" | docker login -u bob --password-stdin', // a reference
      "echo S3cr3tPw | sudo -s", // -s starts a shell: the input is a command
      "echo hi | sudo tee /x",
      "cat pw.txt | sudo -S ls",
      "echo S3cr3tPw; sudo -S ls", // not piped
      "chmod 600 ~/.pgpass",
      "docker login --password-stdin < pw.txt",
    ]);
  });

  it("masks a .pgpass entry on a line of its own, not keys or times shaped like one", () => {
    masksTo([
      ["db.example.com:5432:*:bob:S3cr3tPw", "db.example.com:5432:*:bob:[REDACTED:password]"],
      ["*:*:*:replicator:S3cr3t Pw", "*:*:*:replicator:[REDACTED:password]"],
      ["db:6432:app:bob:S3cr\\:3tPw", "db:6432:app:bob:[REDACTED:password]"],
      [
        "# hostname:port:database:username:password\ndb:5432:app:bob:S3cr3tPw\n",
        "# hostname:port:database:username:password\ndb:5432:app:bob:[REDACTED:password]\n",
      ],
      [
        '"db:5432:app:bob:S3cr3tPw\\nlocalhost:5433:*:al:Other9Pw"',
        '"db:5432:app:bob:[REDACTED:password]\\nlocalhost:5433:*:al:[REDACTED:password]"',
      ],
    ]);
    keeps([
      "cache:42:user:profile:v2",
      "12:30:45:67:89",
      "2001:db8:0:0:1",
      "server:8080:GET:/path:200",
      "db.example.com:5432:app:bob:",
      "db.example.com:5432:app:bob:$PGPASSWORD",
    ]);
  });

  it("masks passwords given as plain arguments: htpasswd -b, net user, chpasswd's input", () => {
    masksTo([
      ["htpasswd -b /etc/nginx/.htpasswd bob S3cr3tPw", "htpasswd -b /etc/nginx/.htpasswd bob [REDACTED:password]"],
      ["htpasswd -nbB bob 'S3cr3t Pw'", "htpasswd -nbB bob '[REDACTED:password]'"],
      ["sudo htpasswd -c -b -C 12 f bob S3cr3tPw", "sudo htpasswd -c -b -C 12 f bob [REDACTED:password]"],
      ["net user bob S3cr3tPw /add", "net user bob [REDACTED:password] /add"],
      ["net use \\\\srv\\share /user:CORP\\bob S3cr3tPw", "net use \\\\srv\\share /user:CORP\\bob [REDACTED:password]"],
      [
        "net use Z: \\\\srv\\share S3cr3tPw /persistent:no",
        "net use Z: \\\\srv\\share [REDACTED:password] /persistent:no",
      ],
      ["rabbitmqctl add_user bob S3cr3tPw", "rabbitmqctl add_user bob [REDACTED:password]"],
      [
        "rabbitmqctl -n rabbit@h change_password bob S3cr3tPw",
        "rabbitmqctl -n rabbit@h change_password bob [REDACTED:password]",
      ],
      ["vault login 7fa2c1d9e0b4", "vault login [REDACTED:token]"],
      ["vault login -no-print 7fa2c1d9e0b4", "vault login -no-print [REDACTED:token]"],
      [
        "schtasks /create /tn nightly /tr x.exe /ru bob /rp S3cr3tPw",
        "schtasks /create /tn nightly /tr x.exe /ru bob /rp [REDACTED:password]",
      ],
      ["SCHTASKS /Query /S host /U bob /P S3cr3tPw", "SCHTASKS /Query /S host /U bob /P [REDACTED:password]"],
      ["PS C:\\Users\\x> net user bob Welcome1", "PS C:\\Users\\x> net user bob [REDACTED:password]"],
      // Redis's ACL rules: `>pw` adds a password, `<pw` removes one; both name it
      ["ACL SETUSER bob on >S3cr3tPw ~* +@all", "ACL SETUSER bob on >[REDACTED:password] ~* +@all"],
      ['acl setuser al on ">S3cr3t Pw" <Old9Pw', 'acl setuser al on ">[REDACTED:password]" <[REDACTED:password]'],
      ["echo 'bob:S3cr3tPw' | chpasswd", "echo 'bob:[REDACTED:password]' | chpasswd"],
      [
        "printf 'bob:S3cr3tPw\\nal:Other9Pw\\n' | sudo chpasswd",
        "printf 'bob:[REDACTED:password]\\nal:[REDACTED:password]\\n' | sudo chpasswd",
      ],
      ["chpasswd <<< bob:S3cr3tPw", "chpasswd <<< bob:[REDACTED:password]"],
      ["chpasswd -c SHA512 <<< bob:S3cr3tPw", "chpasswd -c SHA512 <<< bob:[REDACTED:password]"],
      [
        "chpasswd <<EOF\nbob:S3cr3tPw\nal:Other9Pw\nEOF\necho done:ok",
        "chpasswd <<EOF\nbob:[REDACTED:password]\nal:[REDACTED:password]\nEOF\necho done:ok",
      ],
    ]);
    keeps([
      "htpasswd -c /etc/nginx/.htpasswd bob", // prompts for the password
      "htpasswd -D f bob",
      "NET USER bob * /add", // prompts
      "net user bob /domain",
      "net use \\\\srv\\share * /user:bob",
      "net use Z: /delete",
      "rabbitmqctl add_user bob", // prompts
      "rabbitmqctl list_users",
      "vault login -", // reads the token from the input
      "vault login -method=userpass username=bob",
      "vault login $VAULT_TOKEN", // a reference, like every other command's
      "vault login <token>", // a placeholder
      "vault kv get secret/app",
      "ACL SETUSER bob nopass ~* +@all",
      "ACL SETUSER bob on #5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8",
      "schtasks /create /tn t /tr x.exe /ru SYSTEM /rp *",
      "the net user count is up by 5",
      "cat users.txt | chpasswd",
      "echo done | chpasswd -e",
      "ls /usr/sbin/chpasswd",
    ]);
  });

  it("masks SQL's IDENTIFIED BY and SET PASSWORD, not a bound parameter", () => {
    masksTo([
      [
        "GRANT ALL ON *.* TO 'bob'@'%' IDENTIFIED BY 'S3cr3tPw';",
        "GRANT ALL ON *.* TO 'bob'@'%' IDENTIFIED BY '[REDACTED:password]';",
      ],
      [
        'CREATE USER u IDENTIFIED WITH mysql_native_password BY "S3cr3tPw"',
        'CREATE USER u IDENTIFIED WITH mysql_native_password BY "[REDACTED:password]"',
      ],
      ["ALTER USER u IDENTIFIED BY ?", "ALTER USER u IDENTIFIED BY ?"],
      [
        "SET PASSWORD FOR 'bob'@'%' = PASSWORD('S3cr3tPw')",
        "SET PASSWORD FOR 'bob'@'%' = PASSWORD('[REDACTED:password]')",
      ],
      ["SET PASSWORD FOR bob = 'S3cr3tPw'", "SET PASSWORD FOR bob = '[REDACTED:password]'"],
      ["SET PASSWORD = PASSWORD(@pw)", "SET PASSWORD = PASSWORD(@pw)"],
    ]);
  });

  it("masks the passwords given to SQL Server's sp_addlogin and sp_password, by position or name", () => {
    masksTo([
      ["EXEC sp_addlogin 'bob', 'S3cr3tPw'", "EXEC sp_addlogin 'bob', '[REDACTED:password]'"],
      [
        "EXEC sp_password 'Old9Pass', 'S3cr3tPw', 'bob'",
        "EXEC sp_password '[REDACTED:password]', '[REDACTED:password]', 'bob'",
      ],
      [
        "exec master..sp_password NULL, N'S3cr''3tPw', 'sa'",
        "exec master..sp_password NULL, N'[REDACTED:password]', 'sa'",
      ],
      [
        "EXEC sp_password @old = NULL, @new = 'S3cr3tPw', @loginame = 'bob'",
        "EXEC sp_password @old = NULL, @new = '[REDACTED:password]', @loginame = 'bob'",
      ],
      // T-SQL reads a bare word as a string
      ["sp_addlogin bob, S3cr3tPw, mydb;", "sp_addlogin bob, [REDACTED:password], mydb;"],
      ['"EXEC dbo.sp_addlogin bob, S3cr3tPw"', '"EXEC dbo.sp_addlogin bob, [REDACTED:password]"'],
    ]);
    keeps([
      "EXEC sp_addlogin @loginame = 'bob', @passwd = @pw",
      "EXEC sp_addlogin 'bob', ?",
      "EXEC sp_password NULL, NULL, 'bob'",
      "the sp_password procedure is deprecated",
      "run sp_addlogin alice, then grant access",
      "mysp_password 'x', 'y'",
    ]);
  });

  it("masks credentials in mail sessions: IMAP LOGIN, SASL initial responses, SMTP AUTH LOGIN's answer", () => {
    masksTo([
      ["a001 LOGIN bob S3cr3tPw", "a001 LOGIN bob [REDACTED:password]"],
      [
        'C: A1 LOGIN "bob" "S3cr3t Pw"\nS: A1 OK LOGIN completed',
        'C: A1 LOGIN "bob" "[REDACTED:password]"\nS: A1 OK LOGIN completed',
      ],
      // imaplib's debug log; a lower-case login with a quoted password
      ["  29:04.55 > b'JNAN1 LOGIN bob \"S3cr3tPw\"'", "  29:04.55 > b'JNAN1 LOGIN bob \"[REDACTED:password]\"'"],
      ['1 login "bob" "S3cr3tPw"', '1 login "bob" "[REDACTED:password]"'],
      // base64 of \0bob\0S3cretPass99, and of XOAUTH2's user=…^Aauth=Bearer …
      ["a1 AUTHENTICATE PLAIN AGJvYgBTM2NyZXRQYXNzOTk=", "a1 AUTHENTICATE PLAIN [REDACTED:credential]"],
      [
        "AUTH XOAUTH2 dXNlcj1ib2JAZXhhbXBsZS5jb20BYXV0aD1CZWFyZXIgeWEyOS52Zkk5ZS0wAQE=",
        "AUTH XOAUTH2 [REDACTED:credential]",
      ],
      [
        "AUTH LOGIN\n334 VXNlcm5hbWU6\nYm9i\n334 UGFzc3dvcmQ6\nUzNjcmV0UGFzczk5\n235 2.7.0 OK",
        "AUTH LOGIN\n334 VXNlcm5hbWU6\nYm9i\n334 UGFzc3dvcmQ6\n[REDACTED:password]\n235 2.7.0 OK",
      ],
      // smtplib's debug log shows the prompt twice before the client's line
      [
        "reply: b'334 UGFzc3dvcmQ6\\r\\n'\nreply: retcode (334); Msg: b'UGFzc3dvcmQ6'\nsend: 'UzNjcmV0UGFzczk5\\r\\n'",
        "reply: b'334 UGFzc3dvcmQ6\\r\\n'\nreply: retcode (334); Msg: b'UGFzc3dvcmQ6'\nsend: '[REDACTED:password]\\r\\n'",
      ],
      ["S: 334 UGFzc3dvcmQ6\nC: UzNjcmV0UGFzczk5", "S: 334 UGFzc3dvcmQ6\nC: [REDACTED:password]"],
    ]);
    keeps([
      "a1 LOGIN bob $IMAP_PASSWORD",
      "at 10 login admin quickly",
      "the login page is slow",
      "we use AUTH PLAIN over TLS only",
      "AUTH LOGIN\n334 VXNlcm5hbWU6", // the user name is not a secret
      "334 UGFzc3dvcmQ6\n535 5.7.8 Authentication failed",
    ]);
  });

  it("masks rar's passwords, net-snmp's passphrases and Samba's long --user", () => {
    masksTo([
      ["rar a -pS3cr3tPw backup.rar db/", "rar a -p[REDACTED:password] backup.rar db/"],
      ["rar a -hpS3cr3tPw backup.rar db/", "rar a -hp[REDACTED:password] backup.rar db/"],
      ["unrar x -pS3cr3tPw backup.rar", "unrar x -p[REDACTED:password] backup.rar"],
      [
        "snmpwalk -v3 -l authPriv -u bob -a SHA -A S3cr3tPw -x AES -X Other9Pw host",
        "snmpwalk -v3 -l authPriv -u bob -a SHA -A [REDACTED:password] -x AES -X [REDACTED:password] host",
      ],
      ["smbclient //srv/share --user=bob%S3cr3tPw", "smbclient //srv/share --user=bob%[REDACTED:password]"],
      ["smbclient //srv/share --user bob%S3cr3tPw", "smbclient //srv/share --user bob%[REDACTED:password]"],
    ]);
    keeps([
      "rar a -p backup.rar db/",
      "rar x -p- a.rar",
      "smbclient //srv/share --user=bob",
      "snmpwalk -v2c -c public host",
    ]);
  });

  it("masks more clients' password flags: rdesktop, hdbsql, cqlsh, HTTPie, SNMP communities, SecureString", () => {
    masksTo([
      ["rdesktop -u admin -p S3cr3tPw db01", "rdesktop -u admin -p [REDACTED:password] db01"],
      [
        "racadm -r idrac01 -u root -p S3cr3tPw getsysinfo",
        "racadm -r idrac01 -u root -p [REDACTED:password] getsysinfo",
      ],
      ["hdbsql -n db:30015 -u SYSTEM -p S3cr3tPw", "hdbsql -n db:30015 -u SYSTEM -p [REDACTED:password]"],
      ["cqlsh -u cassandra -p S3cr3tPw db", "cqlsh -u cassandra -p [REDACTED:password] db"],
      ["http -a bob:S3cr3tPw GET api.example.com", "http -a bob:[REDACTED:password] GET api.example.com"],
      [
        "http --auth-type=digest -a bob:S3cr3tPw GET api.example.com",
        "http --auth-type=digest -a bob:[REDACTED:password] GET api.example.com",
      ],
      ["snmpwalk -v2c -c S3cr3tComm host", "snmpwalk -v2c -c [REDACTED:password] host"],
      ["snmpget -v1 -cS3cr3tComm host sysName.0", "snmpget -v1 -c[REDACTED:password] host sysName.0"],
      [
        "mosquitto_pub -h broker -u bob -P S3cr3tPw -t t -m hi",
        "mosquitto_pub -h broker -u bob -P [REDACTED:password] -t t -m hi",
      ],
      ["rabbitmqadmin -u bob -p S3cr3tPw list queues", "rabbitmqadmin -u bob -p [REDACTED:password] list queues"],
      ["cypher-shell -u neo4j -p S3cr3tPw", "cypher-shell -u neo4j -p [REDACTED:password]"],
      [
        "bin/elasticsearch-users useradd bob -p S3cr3tPw -r superuser",
        "bin/elasticsearch-users useradd bob -p [REDACTED:password] -r superuser",
      ],
      [
        "security add-generic-password -a bob -s db -w S3cr3tPw",
        "security add-generic-password -a bob -s db -w [REDACTED:password]",
      ],
      [
        "dotnet nuget add source https://x -n private -u bob -p S3cr3tPw",
        "dotnet nuget add source https://x -n private -u bob -p [REDACTED:password]",
      ],
      [
        'Set-ADAccountPassword -Identity bob -NewPassword (ConvertTo-SecureString -AsPlainText "S3cr3tPw" -Force)',
        'Set-ADAccountPassword -Identity bob -NewPassword (ConvertTo-SecureString -AsPlainText "[REDACTED:password]" -Force)',
      ],
    ]);
    keeps([
      "rdesktop -u admin -p - db01", // read from the input
      "http -a bob GET api.example.com", // prompts
      "snmpwalk -v2c -c public host",
      "bash -c 'make all'",
      "security find-generic-password -a bob -s db -w",
      "security find-generic-password -w -a bob -s db",
      "dotnet run -p src/App",
    ]);
  });

  it("masks passwords at their place among a tool's arguments: isql, Db2, openssl passwd, Wi-Fi keys, mc", () => {
    masksTo([
      ["isql -v DSN bob S3cr3tPw", "isql -v DSN bob [REDACTED:password]"],
      [
        "db2 connect to sample user db2inst1 using S3cr3tPw",
        "db2 connect to sample user db2inst1 using [REDACTED:password]",
      ],
      [
        'db2 "CONNECT TO sample USER db2inst1 USING S3cr3tPw"',
        'db2 "CONNECT TO sample USER db2inst1 USING [REDACTED:password]"',
      ],
      ["CONNECT TO sample USER db2inst1 USING S3cr3tPw;", "CONNECT TO sample USER db2inst1 USING [REDACTED:password];"],
      ["openssl passwd -6 -salt xyz S3cr3tPw", "openssl passwd -6 -salt xyz [REDACTED:password]"],
      ["useradd -p $(openssl passwd -1 S3cr3tPw) bob", "useradd -p $(openssl passwd -1 [REDACTED:password]) bob"],
      ["wpa_passphrase HomeNet S3cr3tPw", "wpa_passphrase HomeNet [REDACTED:password]"],
      ["iwconfig wlan0 key s:S3cr3tPw", "iwconfig wlan0 key s:[REDACTED:password]"],
      ["iwconfig wlan0 key 0123-4567-89", "iwconfig wlan0 key [REDACTED:password]"],
      [
        "mc alias set minio http://minio:9000 minioadmin S3cr3tPw",
        "mc alias set minio http://minio:9000 minioadmin [REDACTED:password]",
      ],
      ["jdbc:oracle:thin:scott/S3cr3tPw@db:1521/ORCL", "jdbc:oracle:thin:scott/[REDACTED:password]@db:1521/ORCL"],
      ["bw unlock S3cr3tPw --raw", "bw unlock [REDACTED:password] --raw"],
      ["bw login bob S3cr3tPw", "bw login bob [REDACTED:password]"],
      ["cargo login cio8f3kd93kdla02kdk3ld", "cargo login [REDACTED:token]"],
      ["poetry config http-basic.private bob S3cr3tPw", "poetry config http-basic.private bob [REDACTED:password]"],
      ["poetry config pypi-token.pypi pypi-8f3kd93kdla02kdk3ld", "poetry config pypi-token.pypi [REDACTED:token]"],
    ]);
    keeps([
      "We connect to prod user alice using the VPN",
      "db2 connect to sample user db2inst1 using $DB2_PW",
      "isql -v DSN bob",
      "wpa_passphrase HomeNet",
      "iwconfig wlan0 key off",
      "openssl passwd -stdin < pw.txt",
      "mc alias set minio http://minio:9000 $ACCESS $SECRET",
      "url=jdbc:oracle:thin:@//db:1521/ORCL",
      "bw unlock --raw",
      "cargo login",
      "poetry config virtualenvs.in-project true",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a placeholder is the input under test
      "jdbc:oracle:thin:scott/${DB_PW}@db:1521/ORCL",
    ]);
  });

  it("masks more passwords written into a command's input: kinit, sudo -S's here-string, --passwd-on-stdin", () => {
    masksTo([
      ["echo S3cr3tPw | kinit bob", "echo [REDACTED:password] | kinit bob"],
      ['sudo -S apt update <<< "S3cr3tPw"', 'sudo -S apt update <<< "[REDACTED:password]"'],
      [
        'kibana-keystore add elasticsearch.password --stdin <<< "S3cr3tPw"',
        'kibana-keystore add elasticsearch.password --stdin <<< "[REDACTED:password]"',
      ],
      [
        "echo S3cr3tPw | bin/elasticsearch-keystore add -x bootstrap.password",
        "echo [REDACTED:password] | bin/elasticsearch-keystore add -x bootstrap.password",
      ],
      ['pass insert -e prod/db <<< "S3cr3tPw"', 'pass insert -e prod/db <<< "[REDACTED:password]"'],
      ['docker secret create db_pw - <<< "S3cr3tPw"', 'docker secret create db_pw - <<< "[REDACTED:password]"'],
      [
        'printf "S3cr3tPw" | docker secret create db_pw -',
        'printf "[REDACTED:password]" | docker secret create db_pw -',
      ],
      [
        "circleci context store-secret org ctx DB_PASSWORD <<< S3cr3tPw",
        "circleci context store-secret org ctx DB_PASSWORD <<< [REDACTED:password]",
      ],
      [
        'secret-tool store --label=db service db <<< "S3cr3tPw"',
        'secret-tool store --label=db service db <<< "[REDACTED:password]"',
      ],
      [
        "printf 'S3cr3tPw\\n' | openconnect vpn.corp.com --user=bob --passwd-on-stdin",
        "printf '[REDACTED:password]\\n' | openconnect vpn.corp.com --user=bob --passwd-on-stdin",
      ],
    ]);
    keeps([
      'echo "$KRB_PW" | kinit bob',
      "kinit -kt /etc/krb5.keytab host/web01",
      'sudo apt update <<< "yes"',
      "docker secret create db_pw ./pw.txt", // from a file
      "circleci context show org ctx",
      "bin/elasticsearch-keystore add bootstrap.password", // prompts
      "pass insert prod/db", // prompts twice
      'echo "keystore updated" | tee log',
      "we pass insert statements to the loader",
      "the king and kinit are taking it",
    ]);
  });

  it("masks what a script sends after a password prompt: Expect and pexpect", () => {
    masksTo([
      ['expect "password:" { send "S3cr3tPw\\r" }', 'expect "password:" { send "[REDACTED:password]\\r" }'],
      ['expect "*assword*"\nsend "S3cr3tPw\\r"', 'expect "*assword*"\nsend "[REDACTED:password]\\r"'],
      [
        'expect -re "Password: $" ; send -- "S3cr3tPw\\n"',
        'expect -re "Password: $" ; send -- "[REDACTED:password]\\n"',
      ],
      [
        'expect "Enter passphrase" ; exp_send "S3cr3tPw\\r"',
        'expect "Enter passphrase" ; exp_send "[REDACTED:password]\\r"',
      ],
      ['expect "Password:"\nsend {S3cr3tPw}\nsend "\\r"', 'expect "Password:"\nsend {[REDACTED:password]}\nsend "\\r"'],
      [
        "child.expect('Password:')\nchild.sendline('S3cr3tPw')",
        "child.expect('Password:')\nchild.sendline('[REDACTED:password]')",
      ],
    ]);
    keeps([
      'expect "yes/no" { send "yes\\r" }',
      'expect "login:" { send "bob\\r" }',
      'expect "password:" { send "$env(PW)\\r" }',
      "child.expect('Password:')\nchild.sendline(password)",
      "We will send the password by email; expect it tomorrow.",
      // the prompt string is not a name given a value: what follows its quote is not read as one
      'print("password:", pw)',
    ]);
  });

  it("leaves the same flags of other commands, prompts and references", () => {
    keeps([
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
    ]);
  });
});

describe("CI jobs' log commands and variables", () => {
  it("masks what a job declares secret (::add-mask::, issecret=true) and CI variables set by name", () => {
    masksTo([
      ["::add-mask::S3cr3tPw", "::add-mask::[REDACTED:secret]"],
      ['echo "::add-mask::S3cr3tPw"', 'echo "::add-mask::[REDACTED:secret]"'],
      [
        "##vso[task.setvariable variable=dbPassword;issecret=true]S3cr3tPw",
        "##vso[task.setvariable variable=dbPassword;issecret=true][REDACTED:secret]",
      ],
      [
        "##vso[task.setvariable variable=apiToken]S3cr3tPw",
        "##vso[task.setvariable variable=apiToken][REDACTED:secret]",
      ],
      ["glab variable set DB_PASSWORD S3cr3tPw --masked", "glab variable set DB_PASSWORD [REDACTED:password] --masked"],
      ["netlify env:set DB_PASSWORD S3cr3tPw", "netlify env:set DB_PASSWORD [REDACTED:password]"],
      ["render env set DB_PASSWORD S3cr3tPw", "render env set DB_PASSWORD [REDACTED:password]"],
    ]);
    keeps([
      'echo "::add-mask::$TOKEN"',
      "##vso[task.setvariable variable=buildNumber]1.2.3",
      "glab variable set DEPLOY_REGION eu-west-1",
    ]);
  });
});

describe("password hashes", () => {
  it("masks hashes in crypt's modular format whole, wherever they are: shadow lines, SQL, settings", () => {
    const bcrypt = ["$2b$12$", "R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"].join("");
    const sha512 = [
      "$6$",
      "rounds=5000$saltsalt$",
      body(86, 3, "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
    ].join("");
    const argon2 = ["$argon2id$", "v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG"].join("");
    masksTo([
      [`password: ${bcrypt}`, "password: [REDACTED:password_hash]"],
      [
        `UPDATE users SET password_hash = '${bcrypt}' WHERE id = 1`,
        "UPDATE users SET password_hash = '[REDACTED:password_hash]' WHERE id = 1",
      ],
      [`bob:${sha512}:19000:0:99999:7:::`, "bob:[REDACTED:password_hash]:19000:0:99999:7:::"],
      [`hashed_password = "${argon2}"`, 'hashed_password = "[REDACTED:password_hash]"'],
    ]);
    keeps(['echo "$1$2" | tr a b', "prices: $5$ and $6$", "awk '{print $1$2}'"]);
  });
});

describe("network devices' configuration", () => {
  it("masks the secret after its type digit, hash algorithm or key format, and SNMP communities", () => {
    const type9 = "$9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM";
    masksTo([
      ["enable secret 0 S3cr3tPw", "enable secret 0 [REDACTED:secret]"],
      ["username admin privilege 15 secret 0 S3cr3tPw", "username admin privilege 15 secret 0 [REDACTED:secret]"],
      [`username bob secret 9 ${type9}`, "username bob secret 9 [REDACTED:password_hash]"],
      ["line vty 0 4\n password 7 0822455D0A16\n login", "line vty 0 4\n password 7 [REDACTED:password]\n login"],
      ["key chain OSPF\n key 1\n  key-string 7 0822455D0A16", "key chain OSPF\n key 1\n  key-string 7 [REDACTED:key]"],
      ["key-string S3cr3tPw", "key-string [REDACTED:key]"],
      [
        "interface Gi0/1\n ip ospf message-digest-key 1 md5 S3cr3tPw",
        "interface Gi0/1\n ip ospf message-digest-key 1 md5 [REDACTED:key]",
      ],
      ["ntp authentication-key 1 md5 S3cr3tPw 7", "ntp authentication-key 1 md5 [REDACTED:key] 7"],
      ["tacacs-server host tac1 key 7 0822455D0A16", "tacacs-server host tac1 key 7 [REDACTED:key]"],
      ["ppp chap password 0 S3cr3tPw", "ppp chap password 0 [REDACTED:password]"],
      ["wireless-lan ssid HOME wpa-psk ascii S3cr3tPw", "wireless-lan ssid HOME wpa-psk ascii [REDACTED:password]"],
      ["  pre-shared-key local S3cr3tPw", "  pre-shared-key local [REDACTED:api_key]"],
      ["snmp-server community S3cr3tPw RO", "snmp-server community [REDACTED:password] RO"],
    ]);
    keeps([
      "reset the password 5 times",
      "password 5 attempts left",
      "password 7 chars",
      "the key-string command sets the key",
      "enable secret 0 <PASSWORD>",
      "snmp-server community public RO",
    ]);
  });
});

describe("commands that print a secret, and what they print", () => {
  it("masks the line after a secret store's read, a credential's variable or output, and a new key", () => {
    masksTo([
      [
        "$ vault kv get -field=password secret/db\nS3cr3tPw\n$ ls",
        "$ vault kv get -field=password secret/db\n[REDACTED:secret]\n$ ls",
      ],
      ["$ terraform output -raw db_password\nS3cr3tPw", "$ terraform output -raw db_password\n[REDACTED:password]"],
      [
        "$ kubectl get secret db -o jsonpath='{.data.password}' | base64 -d\nS3cr3tPw",
        "$ kubectl get secret db -o jsonpath='{.data.password}' | base64 -d\n[REDACTED:secret]",
      ],
      [
        "bob@build:~$ op read op://vault/db/password\nS3cr3tPw",
        "bob@build:~$ op read op://vault/db/password\n[REDACTED:secret]",
      ],
      [
        "$ gcloud secrets versions access latest --secret=db-password\nS3cr3tPw",
        "$ gcloud secrets versions access latest --secret=db-password\n[REDACTED:secret]",
      ],
      [
        "PS C:\\> az keyvault secret show --vault-name kv --name dbpw --query value -o tsv\nS3cr3tPw",
        "PS C:\\> az keyvault secret show --vault-name kv --name dbpw --query value -o tsv\n[REDACTED:secret]",
      ],
      ["$ heroku config:get DATABASE_PASSWORD\nS3cr3tPw", "$ heroku config:get DATABASE_PASSWORD\n[REDACTED:password]"],
      ["$ echo $DB_PASSWORD\nS3cr3tPw", "$ echo $DB_PASSWORD\n[REDACTED:password]"],
      ["# printenv API_TOKEN\nS3cr3tPw", "# printenv API_TOKEN\n[REDACTED:token]"],
      [
        "$ security find-generic-password -s db -w\nS3cr3tPw",
        "$ security find-generic-password -s db -w\n[REDACTED:secret]",
      ],
      ["$ pass show db/prod\nS3cr3tPw\nuser: bob", "$ pass show db/prod\n[REDACTED:secret]\nuser: bob"],
      ["$ openssl rand -hex 16\n4f3a9c2e8b7d6a5f4e3d2c1b0a998877", "$ openssl rand -hex 16\n[REDACTED:secret]"],
    ]);
    keeps([
      "$ echo $HOME\n/home/bob",
      "$ terraform output -raw db_host\ndb.internal",
      "vault kv get -field=password secret/db\necho done",
      // without a prompt a command is not read (a script's next line is a command)
      "terraform output -raw db_password\nS3cr3tPw",
      "$ vault kv get -field=password secret/db\n$ ls",
      "$ pass\nPassword Store",
      "vault kv get -field=password secret/db",
    ]);
  });

  it("masks a tool call's output beside a command that prints a secret", () => {
    const m = createMasker();
    expect(
      m.mask({ command: "vault kv get -field=password secret/db", output: "S3cr3tPw", exit_code: 0 }).masked,
    ).toEqual({ command: "vault kv get -field=password secret/db", output: "[REDACTED:secret]", exit_code: 0 });
    expect(m.mask({ cmd: ["terraform", "output", "-raw", "db_password"], stdout: "S3cr3tPw\n" }).masked).toEqual({
      cmd: ["terraform", "output", "-raw", "db_password"],
      stdout: "[REDACTED:password]",
    });
    const kept = { command: "terraform output -raw db_host", output: "db.internal" };
    expect(m.mask(kept).masked).toEqual(kept);
  });
});

describe("BitLocker recovery passwords", () => {
  it("masks eight blocks of six digits when each is a multiple of 11, as the scheme makes them", () => {
    const key = "013574-062458-099132-038016-086790-012221-024442-036663";
    masksTo([
      [`BitLocker recovery key: ${key}`, "BitLocker recovery key: [REDACTED:bitlocker_recovery_key]"],
      [key, "[REDACTED:bitlocker_recovery_key]"],
    ]);
    keeps(["123456-654321-111111-222222-333333-444444-555555-666666", `id ${key}-000011`]);
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
