// The filters that keep non-secrets unmasked, each on synthetic strings, with the nearest case that
// must still be masked next to it (the promise is that secrets never leak: a filter must be narrow).
import { describe, expect, it } from "vitest";
import { scan } from "../scan-text";
import { body } from "../testing/fake-secrets";
import { hasFiller, looksWordy } from "../text-stats";
import { buildDetectors } from "./registry";

const secrets = buildDetectors(["secrets"], []).text;
const all = buildDetectors("default", []).text;
const typesIn = (text: string) => scan(text, secrets).map((m) => m.type);
const masks = (text: string, value: string) => {
  const at = text.indexOf(value);
  return scan(text, secrets).some((m) => m.start <= at && m.end >= at + value.length);
};

describe("keyword assignments: values that are not credentials", () => {
  it("punctuation only is syntax, not a password", () => {
    expect(typesIn('password = "!?.,-*~"')).toEqual([]);
    expect(typesIn("pwd: '&&--;;'")).toEqual([]);
    expect(masks('password = "q!?.,-*~"', "q!?.,-*~")).toBe(true);
  });

  it("without an operator only a closed string is a value", () => {
    expect(typesIn(`api_secret "orangeTree${"42"}';`)).toEqual([]);
    expect(typesIn('secret "unterminated value')).toEqual([]);
    expect(masks('api_secret "orangeTree42";', "orangeTree42")).toBe(true);
    // with an operator an unterminated value is still masked to the end of the line
    expect(masks('password = "orangeTree42', "orangeTree42")).toBe(true);
  });

  it("a lower-case name of a credential is a reference to one", () => {
    expect(typesIn("vaultSecret: mail-password")).toEqual([]);
    expect(typesIn("password: smtp_api_key")).toEqual([]);
    expect(masks("vaultSecret: mail-password-7Qx", "mail-password-7Qx")).toBe(true);
    expect(masks("password: correct-horse-battery", "correct-horse-battery")).toBe(true);
  });

  it("a package and its version is not a token", () => {
    expect(typesIn('deps = "org.sample.authtoken:tokenlib-2.4.1"')).toEqual([]);
    expect(typesIn("token: left-pad@1.3.0")).toEqual([]);
    expect(masks(`token: ${body(24, 11)}`, body(24, 11))).toBe(true);
  });

  it("SOPS ciphertext is not a secret", () => {
    expect(
      typesIn("mail-password: ENC[AES256_GCM,data:q1w2e3r4=,iv:Zm9vYmFyYmF6cXV4MTIz=,tag:YWJjZGVm==,type:str]"),
    ).toEqual([]);
  });

  it("names that negate the credential word are not credentials", () => {
    expect(typesIn("notSecret = Kq7vN2pX9rT4")).toEqual([]);
    expect(masks("secret = Kq7vN2pX9rT4", "Kq7vN2pX9rT4")).toBe(true);
  });

  it("an alphabet is not a generated key", () => {
    expect(typesIn('digitKey = "0123456789abcdefghijklmnopqrstuvwxyzQRST"')).toEqual([]);
    expect(masks(`digitKey = "${body(40, 12)}"`, body(40, 12))).toBe(true);
  });
});

describe("keyword assignments: code, references and templates are not values", () => {
  it("a name read through subscripts, calls or members is a reference", () => {
    for (const text of [
      'password = os.environ["DB_PASSWORD"]',
      "api_key = config['api_key']",
      "password = ENV['DB_PASSWORD']",
      'password := os.Getenv("DB_PASSWORD")',
      'const token = process.env["GITHUB_TOKEN"];',
      'password = process.env.DB_PASSWORD || ""',
      "password = os.environ['DB_PASSWORD'] or 'default'",
      'password = vault.read("secret/db")["password"]',
      'password = data["password"]',
    ]) {
      expect(typesIn(text), text).toEqual([]);
    }
    // a random-looking argument or name is still the secret itself
    const random = body(32, 61);
    expect(masks(`password = decrypt("${random}")`, random)).toBe(true);
    expect(masks(`password = ${random}.value`, random)).toBe(true);
    // one identifier with a bare subscript may be a password with brackets in it
    expect(masks("password = P4ss[w0rd]x", "P4ss[w0rd]x")).toBe(true);
  });

  it("a name inside an open template expression is template syntax", () => {
    expect(typesIn('password: !Sub "{{resolve:secretsmanager:MySecret:SecretString:password}}"')).toEqual([]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell placeholder is the input under test
    expect(typesIn("password=${DB_PASSWORD:-postgres}")).toEqual([]);
    expect(masks('greeting: "{{ name }}", secret: Kq7vN2pX9rT4', "Kq7vN2pX9rT4")).toBe(true);
  });

  it("a value made only of interpolations is a template", () => {
    expect(typesIn('password = f"{prefix}{suffix}"')).toEqual([]);
    expect(typesIn('dsn_password = "%(user)s:%(password)s"')).toEqual([]);
    expect(typesIn('token = "{{ a }}-{{ b }}"')).toEqual([]);
    expect(masks('password = f"{prefix}Kq7vN2pX9rT4"', "{prefix}Kq7vN2pX9rT4")).toBe(true);
  });

  it("a plain name indexed by a number or a name is code", () => {
    expect(typesIn("token = tokens[0]")).toEqual([]);
    expect(typesIn("password = row[idx];")).toEqual([]);
    expect(masks("password = P4ss[w0rd]", "P4ss[w0rd]")).toBe(true);
  });

  it("an Authorization scheme followed by a placeholder shows no credential", () => {
    expect(typesIn('"Authorization": "Bearer {{token}}"')).toEqual([]);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell placeholder is the input under test
    expect(typesIn("Authorization: Bearer ${TOKEN}")).toEqual([]);
    expect(masks(`Authorization: Bearer ${body(32, 65)}`, body(32, 65))).toBe(true);
  });

  it("words and small numbers joined by colons are an identifier", () => {
    expect(typesIn('"key": "user:1234:profile"')).toEqual([]);
    expect(masks(`"key": "${body(32, 66)}"`, body(32, 66))).toBe(true);
  });

  it("a value ending in the word example is an example", () => {
    expect(typesIn('secret_key = "django-insecure-example"')).toEqual([]);
    expect(masks(`secret_key = "django-insecure-${body(40, 62)}"`, body(40, 62))).toBe(true);
  });

  it("a stand-in word is a placeholder on its own or in a run of letters, not inside a real password", () => {
    expect(typesIn('password = "somefakekey"')).toEqual([]);
    expect(typesIn("api_key=fake_key_for_tests")).toEqual([]);
    expect(typesIn("secret: ops_eyJzaWduSW5B..[Redacted]")).toEqual([]);
    expect(typesIn("password=NotAFakeOne")).toEqual([]);
    // with digits or symbols around it the word is part of the password (these were left)
    expect(masks("password=MyFakeBank2024!", "MyFakeBank2024!")).toBe(true);
    expect(masks("DB_PASSWORD=NotAFakeOne99", "NotAFakeOne99")).toBe(true);
    expect(masks("password=dummy123", "dummy123")).toBe(true);
    expect(masks("token: Xq9-redactedZ7", "Xq9-redactedZ7")).toBe(true);
  });

  it("vendors' documented credentials end in EXAMPLE", () => {
    expect(typesIn("aws_access_key_id: AKIAIOSFODNN7EXAMPLE")).toEqual([]);
    expect(typesIn(`ABSK${body(40, 63)}EXAMPLE`)).toEqual([]);
    const id = `AKIA${body(16, 64, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")}`;
    expect(masks(`aws_access_key_id: ${id}`, id)).toBe(true);
  });
});

describe("high-entropy fallback: random-looking things that are not secrets", () => {
  it("words joined by separators were written by a person", () => {
    expect(typesIn("tkn_helloWorld42_testing_pretty_token")).toEqual([]);
    expect(typesIn("our-words_build-phrasesQZ71_904")).toEqual([]);
    const random = body(36, 21);
    expect(masks(`use ${random} now`, random)).toBe(true);
  });

  it("runs, repeated units and sequences mark filler", () => {
    expect(typesIn(`Zx9${"Ab3dE".repeat(6)}`)).toEqual([]);
    expect(typesIn(`Qw7Er${"m".repeat(12)}Ty8Ui9Op0As`)).toEqual([]);
  });

  it("a part of a dotted compound is not read on its own", () => {
    const part = body(30, 31);
    expect(typesIn(`Xy9.${part}`)).toEqual([]);
    expect(typesIn(`${part}.example.org`)).toEqual([]);
    // a full stop ending a sentence or an ellipsis joins nothing
    expect(masks(`the key is ${part}. Thanks`, part)).toBe(true);
    expect(masks(`the key is ${part}...`, part)).toBe(true);
    // a vendor's short prefix before the dot (`hvs.…`) is not a compound's part
    expect(masks(`use hvs.${part} now`, part)).toBe(true);
    expect(typesIn(`api.${part}.example.org`)).toEqual([]);
    expect(typesIn(`com.hvs.${part}`)).toEqual([]);
  });

  it("resource names, media data URIs, OpenSSH public keys and weak ETags are not secrets", () => {
    const b64 = body(48, 71, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
    expect(typesIn(`arn:aws:iam::123456789012:role/service-role/${body(36, 21)}`)).toEqual([]);
    expect(typesIn(`<img src="data:image/png;base64,${b64}">`)).toEqual([]);
    expect(typesIn(`ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${b64} user@host`)).toEqual([]);
    expect(typesIn(`"etag": "W/\\"5e1b-${body(24, 73)}\\""`)).toEqual([]);
    // the same bodies elsewhere are still secrets
    expect(masks(`data:text/plain;base64,${b64}`, b64)).toBe(true);
    expect(masks(`role ${body(36, 21)}`, body(36, 21))).toBe(true);
  });

  it("an encrypted PGP message (as SOPS stores its data key) is ciphertext", () => {
    const armored = `-----BEGIN PGP MESSAGE-----\n\n${body(64, 41, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}\n-----END PGP MESSAGE-----`;
    expect(typesIn(armored)).toEqual([]);
  });
});

describe("structure checks", () => {
  it("a JWT whose header does not decode to a JSON object is not a JWT", () => {
    const payload = Buffer.from('{"sub":"1"}').toString("base64url");
    expect(typesIn(`eyJh${"_".repeat(12)}.${payload}.${body(8, 51)}`)).not.toContain("jwt");
    const header = Buffer.from('{"alg":"HS256"}').toString("base64url");
    expect(typesIn(`${header}.${payload}.${body(43, 52)}`)).toContain("jwt");
    // `{"alg":"HS256","typ":"JWT"` with its closing brace cut off is not a header any server parses
    const open = Buffer.from('{"alg":"HS256","typ":"JWT"').toString("base64url");
    expect(typesIn(`${open}.${payload}.${body(43, 52)}`)).not.toContain("jwt");
  });

  it("an Authorization header whose credentials were elided shows only the scheme", () => {
    expect(typesIn("Authorization: Token")).toEqual([]);
    expect(typesIn("Authorization: Bearer")).toEqual([]);
  });

  it("digits inside a hex digest or an identifier are not a card number", () => {
    const card = "4111111111111111";
    expect(scan(`asset-9fc2a${card}b7e1.png`, all).map((m) => m.type)).not.toContain("credit_card");
    expect(scan(`card ${card} on file`, all).map((m) => m.type)).toContain("credit_card");
  });
});

describe("text statistics", () => {
  it("hasFiller: runs of 8, repeated units over 16 characters, sequences of 8", () => {
    expect(hasFiller("Ab1zzzzzzzzQ")).toBe(true);
    expect(hasFiller("x7ab12ab12ab12ab12ab12")).toBe(true);
    expect(hasFiller("Zq9abcdefghK")).toBe(true);
    expect(hasFiller("Zq9876543210")).toBe(true);
    for (let seed = 1; seed <= 200; seed++) expect(hasFiller(body(48, seed))).toBe(false);
  });

  it("looksWordy: two lower-case words of five covering 45%", () => {
    expect(looksWordy("qqz_gardenPlant51_window")).toBe(true);
    expect(looksWordy("Xq7pmLk2Wd9ZnR4tYv8B")).toBe(false);
    let wordy = 0;
    for (let seed = 1; seed <= 2000; seed++) if (looksWordy(body(32, seed))) wordy++;
    expect(wordy).toBeLessThan(10);
  });
});
