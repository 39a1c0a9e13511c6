// Credentials named away from an operator: in a sentence, by a name field, a prompt, a .netrc entry,
// a table's header, an INSERT's column list, or a command's own syntax. Each case beside the nearest
// text that must stay as it is.
import { describe, it } from "vitest";
import { keeps, masksTo } from "../testing/mask-cases";

describe("sentences", () => {
  it("reads a credential given in a request's reason: 'reset … password to …', 'with password …'", () => {
    masksTo([
      ["reset bob's password to Welcome123", "reset bob's password to [REDACTED:password]"],
      ["set the password to Tr0ub4dor3 today", "set the password to [REDACTED:password] today"],
      ["the password was S3cretPass99", "the password was [REDACTED:password]"],
      ["password is now S3cretPass99", "password is now [REDACTED:password]"],
      ["password was changed to S3cretPass99", "password was changed to [REDACTED:password]"],
      ["log in with password S3cretPass99", "log in with password [REDACTED:password]"],
      ["temporary password 'S3cretPass99'", "temporary password '[REDACTED:password]'"],
      // a `key value` config line
      ["client_secret S3cretPass99", "client_secret [REDACTED:secret]"],
      ["pre-shared-key S3cretPass99", "pre-shared-key [REDACTED:api_key]"],
      // a name that is itself a value names nothing after it
      ["oc login -u bob -p S3cr3tPw https://api:6443", "oc login -u bob -p [REDACTED:password] https://api:6443"],
    ]);
    keeps([
      "reset the password to something stronger",
      "set the password to expire in 90 days",
      "change password to meet the policy",
      "with password authentication",
      "temporary password policy v2",
      "DB_PASSWORD prod2024db",
      "the client_secret rotates daily",
      "db_password field is required",
      "ssl_password_file /etc/ssl/pw",
    ]);
  });

  it("reads every value of a list, a password after its user, and a value named after it", () => {
    masksTo([
      [
        "the passwords are S3cretPass99, Tr0ub4dor77x and An0therPw55",
        "the passwords are [REDACTED:password], [REDACTED:password] and [REDACTED:password]",
      ],
      ["creds are bob / S3cretPass99", "creds are bob / [REDACTED:credential]"],
      ["use S3cretPass99 as the password", "use [REDACTED:password] as the password"],
      ["please set 'Tr0ub4dor&3x' as your new password.", "please set '[REDACTED:password]' as your new password."],
      ["the password is S3cretPass99 and it expires", "the password is [REDACTED:password] and it expires"],
      ["S3cretPass99 is the password", "[REDACTED:password] is the password"],
      ["'Tr0ub4dor&3x' was my old password", "'[REDACTED:password]' was my old password"],
      ["`S3cretPass99` is the root password", "`[REDACTED:password]` is the root password"],
      ["S3cretPass99 is the password for db-prod", "[REDACTED:password] is the password for db-prod"],
    ]);
    keeps([
      "This is the password",
      "it is the new password policy",
      "hunter2 is the password", // too short to tell from a word of the sentence
      "the password is wrong / expired",
      "the passwords are long and random",
      "use it as the password",
      "use SSO as the password provider",
      "$pw = Get-Content pw.txt",
      "$password = Read-Host -AsSecureString",
    ]);
  });

  it("reads the word for password in other languages, in assignments and sentences", () => {
    masksTo([
      ["Das Passwort ist S3cretPass99", "Das Passwort ist [REDACTED:password]"],
      ["la contraseña es S3cretPass99", "la contraseña es [REDACTED:password]"],
      ["senha: S3cretPass99", "senha: [REDACTED:password]"],
      ["wachtwoord = S3cretPass99", "wachtwoord = [REDACTED:password]"],
      ["hasło: S3cretPass99", "hasło: [REDACTED:password]"],
      ["пароль: S3cretPass99", "пароль: [REDACTED:password]"],
      ["数据库密码: S3cretPass99", "数据库密码: [REDACTED:password]"],
      ["パスワード：S3cretPass99", "パスワード：[REDACTED:password]"],
      // French in three words; a topic particle with no blank around it (Japanese, Chinese, Korean)
      ["le mot de passe est S3cretPass99", "le mot de passe est [REDACTED:password]"],
      ["mot_de_passe: S3cretPass99", "mot_de_passe: [REDACTED:password]"],
      ["パスワードはS3cretPass99です", "パスワードは[REDACTED:password]です"],
      ["密码是S3cretPass99。", "密码是[REDACTED:password]。"],
      ["비밀번호는 S3cretPass99 입니다", "비밀번호는 [REDACTED:password] 입니다"],
    ]);
    keeps([
      "Das Passwort ist abgelaufen",
      "la contraseña es incorrecta",
      "sent the token to bob",
      "le mot de passe est trop court",
      "パスワードは変更されました",
      "密码是什么？",
      "Passe-partout",
    ]);
  });

  it("reads a password prompt's answer", () => {
    masksTo([
      ["Password for bob: S3cretPass99", "Password for bob: [REDACTED:password]"],
      ["Password for user bob: Tr0ub4dor&3", "Password for user bob: [REDACTED:password]"],
      ["the password for grafana is S3cretPass99", "the password for grafana is [REDACTED:password]"],
      // notes' arrows, and Java's XML properties
      ["password -> S3cretPass99", "password -> [REDACTED:password]"],
      ["db password → S3cretPass99", "db password → [REDACTED:password]"],
      ['<entry key="password">S3cretPass99</entry>', '<entry key="password">[REDACTED:password]</entry>'],
      // a property list's key and the string after it; wpa_supplicant's pre-shared key
      [
        "<key>Password</key>\n\t<string>S3cretPass99</string>",
        "<key>Password</key>\n\t<string>[REDACTED:password]</string>",
      ],
      [
        'network={\n  ssid="office"\n  psk="S3cretPass99"\n}',
        'network={\n  ssid="office"\n  psk="[REDACTED:password]"\n}',
      ],
      // an FTP or POP3 session's transcript, the server's reply to USER between the lines or not
      ["USER bob\r\nPASS S3cretPass99\r\n", "USER bob\r\nPASS [REDACTED:password]\r\n"],
      [
        "USER bob\n331 Password required for bob\nPASS hunter2\n230 Logged on",
        "USER bob\n331 Password required for bob\nPASS [REDACTED:password]\n230 Logged on",
      ],
    ]);
    keeps([
      "the password for grafana is expired",
      "$user->password = $hash",
      "users.map(password -> hash(password))",
      "if (pIdxKey->default_rc == 0) return;",
      "conn->password = buf;",
      '<entry key="user">bob</entry>',
      "<key>PasswordPolicy</key><string>strict</string>",
      "the psk is rotated monthly",
      "the tests PASS\nPASS all",
      "PASS S3cretPass99", // no USER line before it
      "Password for user bob: authentication failed",
      "reset password for bob: done",
      "the password for the account is in vault",
      "log in with your password then continue",
    ]);
  });
});

describe("notes", () => {
  it("reads a password named with what it is for, after a dash, or quoted as a passphrase", () => {
    masksTo([
      [
        "The root password for the staging DB is Tr0ub4dor3xq, please rotate it.",
        "The root password for the staging DB is [REDACTED:password], please rotate it.",
      ],
      ["the password for the db is Tr0ub4dor3xq", "the password for the db is [REDACTED:password]"],
      ["Password - Tr0ub4dor3xq", "Password - [REDACTED:password]"],
      ["Sure! Your new password is: Xk9#mP2$vL", "Sure! Your new password is: [REDACTED:password]"],
      ['the passphrase is "correct horse battery staple"', 'the passphrase is "[REDACTED:password]"'],
      ['the password is "correct-horse-battery-staple"', 'the password is "[REDACTED:password]"'],
    ]);
    keeps([
      "the password for the admin account is required",
      "the password for bob is the same as before",
      "Password - required",
      "the password is: required",
      "Password - see the vault",
      'the password is "not set"',
      'the password is "at least 12 characters"',
      "pwd - print the working directory",
    ]);
  });

  it("reads the literal an Ansible template hashes with password_hash, and Go's MySQL DSN", () => {
    masksTo([
      [
        "password: \"{{ 'Tr0ub4dor3xq' | password_hash('sha512') }}\"",
        "password: \"{{ '[REDACTED:password]' | password_hash('sha512') }}\"",
      ],
      [
        'sql.Open("mysql", "bob:Tr0ub4dor3xq@tcp(db:3306)/app")',
        'sql.Open("mysql", "bob:[REDACTED:password]@tcp(db:3306)/app")',
      ],
      ["root:Tr0ub4dor3xq@unix(/tmp/mysql.sock)/app", "root:[REDACTED:password]@unix(/tmp/mysql.sock)/app"],
    ]);
    keeps([
      "password: \"{{ vault_pw | password_hash('sha512') }}\"",
      'sql.Open("mysql", "bob@tcp(db:3306)/app")',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a placeholder is the input under test
      '"bob:${DB_PW}@tcp(db:3306)/app"',
    ]);
  });
});

describe("codes, answers and keys in messages", () => {
  it("masks a code or an answer named by two words, as the messages an agent forwards write them", () => {
    masksTo([
      [
        "Your verification code is: 482913. It expires in 10 minutes.",
        "Your verification code is: [REDACTED:password]. It expires in 10 minutes.",
      ],
      ["Your one-time code is G-482913", "Your one-time code is [REDACTED:password]"],
      ["SMS code: 482913", "SMS code: [REDACTED:password]"],
      ["PIN code 4821", "PIN code [REDACTED:password]"],
      ["MFA code 123456 expired", "MFA code [REDACTED:password] expired"],
      ["security answer: Fluffy1998", "security answer: [REDACTED:password]"],
      ["Security answer - Rex", "Security answer - [REDACTED:password]"],
      [
        "Recovery codes: 7a8b-9c0d 1e2f-3a4b 5c6d-7e8f",
        "Recovery codes: [REDACTED:password] [REDACTED:password] [REDACTED:password]",
      ],
      ["backup codes: 12345678, 87654321", "backup codes: [REDACTED:password], [REDACTED:password]"],
      // what opens a door, an alarm or a gate, with a keypad's # kept
      ["Reminder: door code changed to 4821#", "Reminder: door code changed to [REDACTED:password]#"],
      ["Alarm code: 1234", "Alarm code: [REDACTED:password]"],
      ["gate code #1234", "gate code #[REDACTED:password]"],
    ]);
    keeps([
      "error code 500",
      "zip code 94107",
      "QR code attached",
      "exit code 1",
      "status code 404 returned",
      "country code: 44",
      "time code 00:01:02",
      "the verification code was sent to your phone",
      "security answer required",
      "Enter the PIN code",
    ]);
  });

  it("masks the digits after a PIN's or a card code's name, which the prose test refuses", () => {
    masksTo([
      ["please use passcode 739184 to join", "please use passcode [REDACTED:password] to join"],
      ["pin 4821", "pin [REDACTED:password]"],
      ["otp 123456", "otp [REDACTED:password]"],
      ["cvc=123", "cvc=[REDACTED:password]"],
      ["CVV 123", "CVV [REDACTED:password]"],
      ["the CVV is 123", "the CVV is [REDACTED:password]"],
      ["cvv2 0456", "cvv2 [REDACTED:password]"],
      ["exp 12/28 cvc 987", "exp 12/28 cvc [REDACTED:password]"],
      ["Card: 4111 1111 1111 1111, CVV 123", "Card: [REDACTED:credit_card], CVV [REDACTED:password]"],
      ["ATM PIN 4821", "ATM PIN [REDACTED:password]"],
    ]);
    keeps([
      "pin 2",
      "pin numpy to 1.24",
      "passcode required",
      "CVV required",
      "CVV is the 3 digit code",
      "cvv 12345",
      "cvc: 12",
    ]);
  });

  it("masks a password named with what it is on or of, then `is`", () => {
    masksTo([
      ["the admin panel login is admin / Adm1nPanel#", "the admin panel login is admin / [REDACTED:password]"],
      ["google app password: abcd efgh ijkl mnop", "google app password: [REDACTED:password]"],
      ["the root pw on db01 is Wint3rIsC0ming", "the root pw on db01 is [REDACTED:password]"],
      [
        "the password of the admin account is Wint3rIsC0ming",
        "the password of the admin account is [REDACTED:password]",
      ],
    ]);
    keeps([
      "password of at least 12 characters is required",
      "password on file is expired",
      "token at the gateway is rotated",
    ]);
  });

  it("masks a key named by the word before it, with no operator (`private key 0x…`)", () => {
    const hex = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    masksTo([
      [`eth private key 0x${hex}`, "eth private key [REDACTED:key]"],
      [`import the account with private key ${hex}`, "import the account with private key [REDACTED:key]"],
      [`wallet key 0x${hex}`, "wallet key [REDACTED:key]"],
    ]);
    keeps([`the public key ${hex}`, `sort key ${hex}`, "primary key id", "api key rotation is due", "secret key base"]);
  });
});

describe("more assignment syntax", () => {
  it("reads R's <-, YAML's tags and anchors before a value, and configparser's fallback", () => {
    masksTo([
      ['password <- "Tr0ub4dor3xq"', 'password <- "[REDACTED:password]"'],
      ['db.changeUserPassword("bob", "Tr0ub4dor3xq")', 'db.changeUserPassword("bob", "[REDACTED:password]")'],
      ["password: !!str Tr0ub4dor3xq", "password: !!str [REDACTED:password]"],
      ["password: &pw Tr0ub4dor3xq", "password: &pw [REDACTED:password]"],
      [
        'password = config.get("db", "password", fallback="Tr0ub4dor3xq")',
        'password = config.get("db", "password", fallback="[REDACTED:password]")',
      ],
    ]);
    keeps([
      "value <- password",
      "if (password<-3) x",
      "password: *pw",
      'password = config.get("db", "password", fallback=None)',
    ]);
  });
});

describe("browser automation", () => {
  it("masks what a script types into an input whose selector or label names a credential", () => {
    masksTo([
      ["page.fill('#password', 'Tr0ub4dor3xq')", "page.fill('#password', '[REDACTED:password]')"],
      [
        'await page.type("input[name=password]", "Tr0ub4dor3xq");',
        'await page.type("input[name=password]", "[REDACTED:password]");',
      ],
      [
        "await page.getByLabel('Password').fill('Tr0ub4dor3xq');",
        "await page.getByLabel('Password').fill('[REDACTED:password]');",
      ],
      [
        'driver.find_element(By.ID, "password").send_keys("Tr0ub4dor3xq")',
        'driver.find_element(By.ID, "password").send_keys("[REDACTED:password]")',
      ],
      ["cy.get('#password').type('Tr0ub4dor3xq')", "cy.get('#password').type('[REDACTED:password]')"],
      [
        "await page.locator('[data-test=password]').first().fill(\"Tr0ub4dor3xq\")",
        "await page.locator('[data-test=password]').first().fill(\"[REDACTED:password]\")",
      ],
      ['$("#password").val("Tr0ub4dor3xq");', '$("#password").val("[REDACTED:password]");'],
      [
        'document.getElementById("password").value = "Tr0ub4dor3xq";',
        'document.getElementById("password").value = "[REDACTED:password]";',
      ],
      ['<input type="password" value="Tr0ub4dor3xq" />', '<input type="password" value="[REDACTED:password]" />'],
    ]);
    keeps([
      "page.fill('#search', 'cheap flights')",
      "cy.get('#password').type(password)",
      "page.click('#forgot-password')",
      "cy.get('#password').should('be.visible')",
      '<input type="password" value="" />',
      '<input type="password" placeholder="Password">',
    ]);
  });
});

describe("names given by a field, a .netrc entry or a command's syntax", () => {
  it("reads a value named by the name field before it (Kubernetes env as YAML, HCL, JSON in a log)", () => {
    masksTo([
      [
        "env:\n- name: DB_PASSWORD\n  value: S3cretPass99\n- name: USER\n  value: bob",
        "env:\n- name: DB_PASSWORD\n  value: [REDACTED:password]\n- name: USER\n  value: bob",
      ],
      [
        'environment = [{ name = "DB_PASSWORD", value = "S3cretPass99" }]',
        'environment = [{ name = "DB_PASSWORD", value = "[REDACTED:password]" }]',
      ],
      [
        'saved {"Key": "db_password", "Value": "S3cretPass99"} ok',
        'saved {"Key": "db_password", "Value": "[REDACTED:password]"} ok',
      ],
      // a password with spaces on a YAML line of its own is masked to the end of the line
      ["- name: DB_PASSWORD\n  value: correct horse battery", "- name: DB_PASSWORD\n  value: [REDACTED:password]"],
      // the field names are those of structured records (named-pairs.ts): GitLab CI variables, HAR headers
      [
        "variables:\n  - variable: DB_PASSWORD\n    value: S3cretPass99",
        "variables:\n  - variable: DB_PASSWORD\n    value: [REDACTED:password]",
      ],
      [
        'log {"header": "X-Api-Key", "val": "k9F8s7D6f5G4h3J2"} x',
        'log {"header": "X-Api-Key", "val": "[REDACTED:api_key]"} x',
      ],
    ]);
    // the value field written before the name field, inline or on the line above in the same record
    masksTo([
      [
        'log {"value": "S3cretPass99", "name": "DB_PASSWORD"} x',
        'log {"value": "[REDACTED:password]", "name": "DB_PASSWORD"} x',
      ],
      [
        'env = [{ value = "S3cretPass99", name = "DB_PASSWORD" }]',
        'env = [{ value = "[REDACTED:password]", name = "DB_PASSWORD" }]',
      ],
      ["env:\n- value: S3cretPass99\n  name: DB_PASSWORD", "env:\n- value: [REDACTED:password]\n  name: DB_PASSWORD"],
    ]);
    // other short fields may stand between the name and the value
    masksTo([
      [
        'log {"name": "DB_PASSWORD", "type": "SecureString", "value": "S3cretPass99"} x',
        'log {"name": "DB_PASSWORD", "type": "SecureString", "value": "[REDACTED:password]"} x',
      ],
      [
        "- name: DB_PASSWORD\n  type: secret\n  value: S3cretPass99",
        "- name: DB_PASSWORD\n  type: secret\n  value: [REDACTED:password]",
      ],
      // up to seven fields between (Azure DevOps' variables: isSecret, allowOverride, …)
      [
        "- name: DB_PASSWORD\n  type: string\n  required: true\n  default: none\n  scope: prod\n  value: S3cretPass99",
        "- name: DB_PASSWORD\n  type: string\n  required: true\n  default: none\n  scope: prod\n  value: [REDACTED:password]",
      ],
    ]);
    keeps([
      // the next record's value is not the name's, nor is the next field's name
      "- name: DB_PASSWORD\n  type: secret\n- name: USER\n  value: bob",
      'log {"name": "DB_PASSWORD", "type": "x"}, {"name": "USER", "value": "bob"}',
      'log {"name": "USER", "value": "bob"}, {"name": "DB_PASSWORD", "valueFrom": "x"}',
      // the value above belongs to the record before (it is not in the name's own record)
      "env:\n- name: USER\n  value: bob\n- name: DB_PASSWORD\n  valueFrom: {secretKeyRef: {name: db}}",
      'log {"value": "bob", "name": "USER"}, {"name": "DB_PASSWORD"}',
      "- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef: {name: db, key: password}",
      "- name: DB_PASSWORD\n- value: another item",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell placeholder is the input under test
      "- name: DB_PASSWORD\n  value: ${DB_PASSWORD}",
      "name: password_policy\nvalue: strict",
    ]);
  });

  it("reads a Terraform variable's default, not the next block's", () => {
    masksTo([
      [
        'variable "db_password" {\n  type      = string\n  default   = "S3cretPass99"\n  sensitive = true\n}',
        'variable "db_password" {\n  type      = string\n  default   = "[REDACTED:password]"\n  sensitive = true\n}',
      ],
      [
        'variable "api_token" { default = "9sKq2Lx7Vb4Nw8Zr3Tf6" }',
        'variable "api_token" { default = "[REDACTED:token]" }',
      ],
    ]);
    keeps([
      'variable "region" {\n  default = "us-east-1"\n}',
      'variable "db_password" {\n  type = string\n}\nvariable "region" {\n  default = "S3cretPass99"\n}',
      'variable "db_password" {\n  default = var.fallback\n}',
    ]);
  });

  it("reads a .netrc entry, on one line or several (its value ends only at white space)", () => {
    masksTo([
      [
        "machine api.example.com login bob password S3cretPass99",
        "machine api.example.com login bob password [REDACTED:password]",
      ],
      [
        'machine h\n  login bob\n  password p@ss;w0rd"x\nmachine other',
        "machine h\n  login bob\n  password [REDACTED:password]\nmachine other",
      ],
    ]);
  });

  it("masks keytool's store and key passwords, PowerShell's plain-text SecureString and Dockerfile ENV", () => {
    masksTo([
      [
        "keytool -importkeystore -srcstorepass S3cr3tPw -deststorepass Other9Pw",
        "keytool -importkeystore -srcstorepass [REDACTED:password] -deststorepass [REDACTED:password]",
      ],
      [
        "$s = ConvertTo-SecureString 'S3cr3tPw' -AsPlainText -Force",
        "$s = ConvertTo-SecureString '[REDACTED:password]' -AsPlainText -Force",
      ],
      [
        'convertto-securestring -String "S3cr3tPw" -AsPlainText',
        'convertto-securestring -String "[REDACTED:password]" -AsPlainText',
      ],
      [
        "FROM node:20\nENV DB_PASSWORD S3cr3tPw\nRUN npm ci",
        "FROM node:20\nENV DB_PASSWORD [REDACTED:password]\nRUN npm ci",
      ],
    ]);
    // reading a SecureString back, or an ENV naming no credential, holds nothing
    keeps(["$s = Read-Host -AsSecureString", "ConvertFrom-SecureString $s", "ENV NODE_ENV production"]);
  });
});

describe("assignments on a shell line", () => {
  it("ends the value at the blank when a command follows, and runs it to the line's end otherwise", () => {
    masksTo([
      ["PGPASSWORD=S3cretPass99 psql -h db -U app", "PGPASSWORD=[REDACTED:password] psql -h db -U app"],
      ["export DB_PASSWORD=S3cretPass99 && ./deploy.sh", "export DB_PASSWORD=[REDACTED:password] && ./deploy.sh"],
      ["PASSWORD=S3cretPass99 npm run migrate", "PASSWORD=[REDACTED:password] npm run migrate"],
      ["API_TOKEN=abc123XYZ987 app serve --port 8080", "API_TOKEN=[REDACTED:token] app serve --port 8080"],
      // a .env line: an unquoted passphrase with spaces is the value, all of it
      ["DB_PASSWORD=correct horse battery staple", "DB_PASSWORD=[REDACTED:password]"],
      ["DB_PASSWORD=correct horse", "DB_PASSWORD=[REDACTED:password]"],
      // Java's system properties, and an account written against its password word
      ["java -Dpassword=S3cretPass99 -jar app.jar", "java -Dpassword=[REDACTED:password] -jar app.jar"],
      ["ROOTPASS=S3cretPass99 ./install.sh", "ROOTPASS=[REDACTED:password] ./install.sh"],
    ]);
    keeps(["java -Dfile.encoding=UTF-8 -Dpassword.policy=strict -jar app.jar", "BYPASS=1 ./install.sh"]);
  });
});

describe("calls", () => {
  it("masks the password among an auth call's or tuple's arguments, not names or a single argument", () => {
    masksTo([
      ['HTTPBasicAuth("bob", "S3cretPass99")', 'HTTPBasicAuth("bob", "[REDACTED:password]")'],
      ['requests.get(url, auth=("bob", "S3cretPass99"))', 'requests.get(url, auth=("bob", "[REDACTED:password]"))'],
      ["request.auth('bob', 'S3cretPass99')", "request.auth('bob', '[REDACTED:password]')"],
      [
        'DriverManager.getConnection(url, "bob", "S3cretPass99")',
        'DriverManager.getConnection(url, "bob", "[REDACTED:password]")',
      ],
      // credentials' constructors, and the login methods of smtplib, ftplib and imaplib
      ['new NetworkCredential("bob", "S3cretPass99")', 'new NetworkCredential("bob", "[REDACTED:password]")'],
      [
        'new PasswordAuthentication("bob", "S3cretPass99".toCharArray())',
        'new PasswordAuthentication("bob", "[REDACTED:password]".toCharArray())',
      ],
      ['new UsernamePasswordToken("bob", "S3cretPass99")', 'new UsernamePasswordToken("bob", "[REDACTED:password]")'],
      ['server.login("bob@example.com", "S3cretPass99")', 'server.login("[REDACTED:email]", "[REDACTED:password]")'],
      ["ftp.login('bob', 'S3cretPass99')", "ftp.login('bob', '[REDACTED:password]')"],
      ['c.Login("bob", "S3cretPass99")', 'c.Login("bob", "[REDACTED:password]")'],
    ]);
    keeps([
      "smtp.login(user, password)",
      'ftp.login("anonymous", "")',
      'auth("basic")',
      "HTTPBasicAuth(user, password)",
      'auth=("bob", PASSWORD)',
      "DriverManager.getConnection(url, props)",
      'pool.getConnection("db")',
    ]);
  });

  it("masks a client's connect given its logon by position, and JWT and HMAC keys given as literals", () => {
    masksTo([
      [
        'pymysql.connect("db", "bob", "S3cretPass99", "app")',
        'pymysql.connect("db", "bob", "[REDACTED:password]", "app")',
      ],
      [
        'paramiko.SSHClient().connect(hostname, 22, "bob", "S3cretPass99")',
        'paramiko.SSHClient().connect(hostname, 22, "bob", "[REDACTED:password]")',
      ],
      [
        'jwt.encode(payload, "S3cretPass99", algorithm="HS256")',
        'jwt.encode(payload, "[REDACTED:token]", algorithm="HS256")',
      ],
      ["jwt.sign(payload, 'S3cretPass99')", "jwt.sign(payload, '[REDACTED:token]')"],
      [
        'curl_setopt($ch, CURLOPT_USERPWD, "bob:S3cretPass99");',
        'curl_setopt($ch, CURLOPT_USERPWD, "bob:[REDACTED:password]");',
      ],
      // a literal HMAC key: Python, Node, Go
      ['hmac.new(b"S3cretPass99", msg, hashlib.sha256)', 'hmac.new(b"[REDACTED:secret]", msg, hashlib.sha256)'],
      ["crypto.createHmac('sha256', 'S3cretPass99')", "crypto.createHmac('sha256', '[REDACTED:secret]')"],
      ['hmac.New(sha256.New, []byte("S3cretPass99"))', 'hmac.New(sha256.New, []byte("[REDACTED:secret]"))'],
      // PHP's logons by position
      ['new mysqli("db", "bob", "S3cretPass99", "app");', 'new mysqli("db", "bob", "[REDACTED:password]", "app");'],
      [
        'mysqli_connect("db", "bob", "S3cretPass99", "app");',
        'mysqli_connect("db", "bob", "[REDACTED:password]", "app");',
      ],
      ["new PDO('mysql:host=db', 'bob', 'S3cretPass99');", "new PDO('mysql:host=db', 'bob', '[REDACTED:password]');"],
    ]);
    keeps([
      'signal.connect("clicked", "on_click", "handler")',
      'MySQLdb.connect("localhost", "root", "", "app")',
      'db.connect("a", "b")',
      "jwt.sign(payload, process.env.JWT_SECRET)",
      'sqlite3.connect("app.db")',
      'curl_setopt($ch, CURLOPT_USERPWD, $user . ":" . $pass);',
      "crypto.createHmac('sha256', secret)",
      "hmac.new(key, msg, hashlib.sha256)",
      "the HMAC is computed over the body",
      "$pdo = new PDO($dsn, $user, $pass);",
      'new mysqli("db", "bob", getenv("DB_PASSWORD"), "app");',
      "use the PDO driver",
    ]);
  });
});

describe("setters", () => {
  it("masks a credential given alone to its setter or builder method, not a getter's name or a reference", () => {
    masksTo([
      ['user.setPassword("S3cretPass99")', 'user.setPassword("[REDACTED:password]")'],
      ['user.set_password("S3cretPass99")', 'user.set_password("[REDACTED:password]")'],
      ["client.setApiKey('abc123XYZ987')", "client.setApiKey('[REDACTED:api_key]')"],
      ['Builder().withPassword("S3cretPass99").build()', 'Builder().withPassword("[REDACTED:password]").build()'],
      [
        'DataSourceBuilder.create().password("S3cretPass99")',
        'DataSourceBuilder.create().password("[REDACTED:password]")',
      ],
      ['cfg.setPassword("S3cretPass99".toCharArray())', 'cfg.setPassword("[REDACTED:password]".toCharArray())'],
      ['users.setPassword("bob", "S3cretPass99")', 'users.setPassword("bob", "[REDACTED:password]")'],
    ]);
    keeps([
      'vault.getPassword("db-admin")',
      "user.setPassword(newPassword)",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell placeholder is the input under test
      'cfg.setPassword("${DB_PASSWORD}")',
      'cfg.setPassword("changeme")',
      'form.setPasswordLabel("Password")',
      'policy.setPasswordPolicy("strict")',
      'client.setTokenUrl("https://auth.example.com/token")',
      'map.setKey("left")',
    ]);
  });
});

describe("login sentences", () => {
  it("masks the password of a user/password pair after a login word, not ways to log in or times", () => {
    masksTo([
      ["login with admin/S3cretPass99", "login with admin/[REDACTED:password]"],
      ["log in as admin / S3cretPass99.", "log in as admin / [REDACTED:password]."],
      ["logon as sa/S3cretPass99", "logon as sa/[REDACTED:password]"],
      ["Login: admin:S3cretPass99", "Login: admin:[REDACTED:password]"],
      [
        "Sign in with ops / S3cretPass99 and check the dashboard",
        "Sign in with ops / [REDACTED:password] and check the dashboard",
      ],
      // a name for a user and a password, then both (the user was masked, the password left)
      ["username/password = admin / S3cretPass99", "username/password = admin / [REDACTED:password]"],
      ["Username / Password: admin / S3cretPass99", "Username / Password: admin / [REDACTED:password]"],
      ["creds → bob / S3cretPass99", "creds → [REDACTED:credential]"],
      // a bracket opened before the name closes after the value, and stays
      ["(password: S3cretPass99)", "(password: [REDACTED:password])"],
      ["{password: S3cretPass99}", "{password: [REDACTED:password]}"],
      // ssh's prompt for a key's passphrase
      [
        "Enter passphrase for key '/home/bob/.ssh/id_ed25519': S3cretPass99",
        "Enter passphrase for key '/home/bob/.ssh/id_ed25519': [REDACTED:password]",
      ],
      // a name for the password alone keeps its first value
      ["password = S3cretPass99 / rotate monthly", "password = [REDACTED:password] / rotate monthly"],
    ]);
    keeps([
      "login with google/github",
      "log in with SSO/SAML2",
      "last login: 2026-12-07T20:51:54.123456Z",
      "please login with admin/admin", // a plain word: held to the prose test
      "signin as root/$ROOT_PW",
      "the login/logout flow is broken",
      "see login.example.com/v2/auth123xyz",
    ]);
  });
});

describe("OAuth codes", () => {
  it("masks an authorization code in a callback or a token request, a code verifier and a device code", () => {
    masksTo([
      [
        "https://app.example.com/oauth/callback?code=4/0AX4XfWh7kq9Vn3bR2pLm8sT&state=xyz123",
        "https://app.example.com/oauth/callback?code=[REDACTED:token]&state=xyz123",
      ],
      [
        "GET /cb?state=af0ifjsldkj&code=SplxlOBeZQQYbYS6WxSbIA HTTP/1.1",
        "GET /cb?state=af0ifjsldkj&code=[REDACTED:token] HTTP/1.1",
      ],
      [
        "grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&redirect_uri=https%3A%2F%2Fc.example.com%2Fcb",
        "grant_type=authorization_code&code=[REDACTED:token]&redirect_uri=https%3A%2F%2Fc.example.com%2Fcb",
      ],
      [
        'POST /token body={"grant_type":"authorization_code","code":"SplxlOBeZQQYbYS6WxSbIA"}',
        'POST /token body={"grant_type":"authorization_code","code":"[REDACTED:token]"}',
      ],
      [
        "code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk&grant_type=authorization_code",
        "code_verifier=[REDACTED:token]&grant_type=authorization_code",
      ],
      ["x-device-code=3584d83530557fdd1f46af8289938c8ef79f9dc5", "x-device-code=[REDACTED:token]"],
    ]);
    keeps([
      "?code=94107-1234&state=CA", // a ZIP code
      "https://example.com/page?code=ABC123DEF456", // no OAuth parameter beside it
      "https://github.com/org/repo/search?q=code&type=code",
      "error code=E1234567 in module",
      'log: {"code": "PROMO2024X", "state": "expired"}',
      'log: {"code":"ERR_TIMEOUT","grant_type":"password"}',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell placeholder is the input under test
      "?code=${AUTH_CODE}&state=x",
      "device_code: TEMP-SENSOR-01",
      "decode=SplxlOBeZQQYbYS6WxSbIA&state=x",
    ]);
  });
});

describe("fallbacks", () => {
  it("masks the literal a variable falls back to, not the read of the variable or an empty default", () => {
    masksTo([
      [
        'const password = process.env.DB_PASSWORD || "S3cretPass99";',
        'const password = process.env.DB_PASSWORD || "[REDACTED:password]";',
      ],
      [
        "const password = process.env.DB_PASSWORD ?? `S3cretPass99`;",
        "const password = process.env.DB_PASSWORD ?? `[REDACTED:password]`;",
      ],
      [
        'password = os.environ.get("DB_PASSWORD") or "S3cretPass99"',
        'password = os.environ.get("DB_PASSWORD") or "[REDACTED:password]"',
      ],
      // a getter's default: the call's text stays (it was masked up to its first quote)
      ['password := getEnv("DB_PASSWORD", "S3cretPass99")', 'password := getEnv("DB_PASSWORD", "[REDACTED:password]")'],
      [
        'val password = sys.env.getOrElse("DB_PASSWORD", "S3cretPass99")',
        'val password = sys.env.getOrElse("DB_PASSWORD", "[REDACTED:password]")',
      ],
    ]);
    keeps([
      'const token = process.env.TOKEN || "";',
      'password = os.environ.get("DB_PASSWORD") or "changeme"',
      "const password = process.env.DB_PASSWORD || fallback;",
    ]);
  });
});

describe("escaped text", () => {
  it("ends a value at a written line break, which stays in the text", () => {
    masksTo([
      [
        "stringData:\\n  password: S3cretPass99\\n  username: bob",
        "stringData:\\n  password: [REDACTED:password]\\n  username: bob",
      ],
      [
        "env:\\n  - DB_PASSWORD=S3cretPass99\\n  - USER=bob",
        "env:\\n  - DB_PASSWORD=[REDACTED:password]\\n  - USER=bob",
      ],
      ["PASSWORD=correct horse\\nUSER=bob", "PASSWORD=[REDACTED:password]\\nUSER=bob"],
    ]);
  });
});

describe("tables", () => {
  it("masks the cells under a credential-named column of CSV, TSV and Markdown tables", () => {
    masksTo([
      [
        'name,password\nbob,S3cretPass99\namy,"An,0ther!"\n',
        'name,password\nbob,[REDACTED:password]\namy,"[REDACTED:password]"\n',
      ],
      [
        "user\tpassword\tapi_key\nbob\tS3cretPass99\t9sKq2Lx7Vb4Nw8Zr3Tf6\n\nafter the table",
        "user\tpassword\tapi_key\nbob\t[REDACTED:password]\t[REDACTED:api_key]\n\nafter the table",
      ],
      [
        "| user | DB Password |\n|---|:---:|\n| bob | S3cretPass99 |\n| amy | An0therPass |",
        "| user | DB Password |\n|---|:---:|\n| bob | [REDACTED:password] |\n| amy | [REDACTED:password] |",
      ],
      ["name;password\r\nbob;S3cretPass99\r\n", "name;password\r\nbob;[REDACTED:password]\r\n"],
    ]);
  });

  it("reads MySQL's and psql's result tables, and a Markdown table of settings by its rows", () => {
    masksTo([
      [
        "+----------+--------------+\n| username | password     |\n+----------+--------------+\n| bob      | S3cretPass99 |\n+----------+--------------+\n1 row in set (0.00 sec)",
        "+----------+--------------+\n| username | password     |\n+----------+--------------+\n| bob      | [REDACTED:password] |\n+----------+--------------+\n1 row in set (0.00 sec)",
      ],
      [
        " username |   password\n----------+--------------\n bob      | S3cretPass99\n(1 row)",
        " username |   password\n----------+--------------\n bob      | [REDACTED:password]\n(1 row)",
      ],
      // a setting's name in the first cell, its value in the second, decorated or not
      [
        "| Field | Value |\n|---|---|\n| Username | admin |\n| **Password** | `S3cretPass99` |\n| Host | db.example.com |",
        "| Field | Value |\n|---|---|\n| Username | admin |\n| **Password** | `[REDACTED:password]` |\n| Host | db.example.com |",
      ],
      // with no line under it, such a row is not a header: the rows below are settings too
      [
        "| password | S3cretPass99 |\n| host | db1 |\n| port | 5432 |",
        "| password | [REDACTED:password] |\n| host | db1 |\n| port | 5432 |",
      ],
    ]);
    // a setting's value is held to the prose test: a description or a plain word is not one
    keeps(["| password | The user's password |", "| password | required |", "| Password | changeme |"]);
  });

  it("reads on past a row of another width, masking every cell a split value could span", () => {
    masksTo([
      [
        "id,user,password\n1,bob,S3cretPass99\n2,al,An0ther,Pw77\n3,cy,Th1rdPw55x",
        "id,user,password\n1,bob,[REDACTED:password]\n2,al,[REDACTED:password]\n3,cy,[REDACTED:password]",
      ],
      [
        "user,password,role\nbob,S3cr,3tPw99,admin\ncy,Th1rdPw55x,dev",
        "user,password,role\nbob,[REDACTED:password],admin\ncy,[REDACTED:password],dev",
      ],
    ]);
    // a blank line or a line without the delimiter ends the table
    keeps(["user,password\nbob,$PW\n\nTotal, 3 users", "user,password\nbob,$PW\nnotes follow\nsee, 3 users"]);
  });

  it("reads a header only where a table starts, of column names, not sentences or references", () => {
    keeps([
      "I forgot my password, again\nbobby, S3cretPass99",
      "name,password_policy\nbob,strict",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell placeholder is the input under test
      "name,password\nbob,${PW}\namy,\n",
      // rows of a table with no credential column are not headers of their own
      "name,note\nuser0,reset password\nuser1,reset password",
    ]);
  });
});

describe("PowerShell's name and value lists", () => {
  it("reads the value beside a credential name under a Name/Value header (Get-ChildItem env:)", () => {
    const header = "Name                           Value\n----                           -----\n";
    masksTo([
      [
        `${header}HOME                           /root\nDB_PASSWORD                    Tr0ub4dor3xq`,
        `${header}HOME                           /root\nDB_PASSWORD                    [REDACTED:password]`,
      ],
    ]);
    keeps([
      "DB_PASSWORD                    prod2024db", // no header: a variable's name and a word
      `${header}HOME                           /root\n\nDB_PASSWORD                    prod2024db`, // a blank line ends the list
      `${header}PasswordPolicy                 strict`,
      `${header}DB_PASSWORD                    $env:DB_PASSWORD`,
    ]);
  });
});

describe("SQL INSERT values", () => {
  it("masks the value in a credential column's position, in every row", () => {
    masksTo([
      [
        "INSERT INTO users (name, password) VALUES ('bob', 'S3cretPass99')",
        "INSERT INTO users (name, password) VALUES ('bob', '[REDACTED:password]')",
      ],
      [
        "insert into users (name, `password`, api_token) values ('bob', 'S3cret''Pass', '9sKq2Lx7Vb4Nw8Zr3Tf6'),\n  ('amy', 'An0ther!', 'x7Vb4Nw8Zr3Tf69sKq2L')",
        "insert into users (name, `password`, api_token) values ('bob', '[REDACTED:password]', '[REDACTED:token]'),\n  ('amy', '[REDACTED:password]', '[REDACTED:token]')",
      ],
      [
        "INSERT OR REPLACE INTO creds (k, secret) VALUES ('x', 'S3cretPass99')",
        "INSERT OR REPLACE INTO creds (k, secret) VALUES ('x', '[REDACTED:secret]')",
      ],
      // an expression around the literal, a numeric PIN, a quote that never closes
      [
        "INSERT INTO users (name, password) VALUES ('bob', crypt('S3cretPass99', gen_salt('bf')))",
        "INSERT INTO users (name, password) VALUES ('bob', [REDACTED:password])",
      ],
      [
        "INSERT INTO cards (owner, pin) VALUES ('bob', 4821)",
        "INSERT INTO cards (owner, pin) VALUES ('bob', [REDACTED:password])",
      ],
      [
        "INSERT INTO users (name, password) VALUES ('bob', 'S3cret, still\nnext line",
        "INSERT INTO users (name, password) VALUES ('bob', '[REDACTED:password]\nnext line",
      ],
    ]);
  });

  it("leaves parameters, NULL, other columns and statements without values", () => {
    keeps([
      "INSERT INTO users (name, password) VALUES ($1, $2)",
      "INSERT INTO users (name, password) VALUES (?, ?)",
      "INSERT INTO users (name, password) VALUES (:name, :password)",
      "INSERT INTO users (name, password) VALUES ('bob', NULL)",
      "INSERT INTO t (a, b) VALUES ('S3cretPass99', 'y')",
      "INSERT INTO users (name, password) SELECT name, password FROM old",
    ]);
  });
});
