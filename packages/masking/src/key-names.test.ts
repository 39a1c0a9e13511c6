import { describe, expect, it } from "vitest";
import { classifyKey } from "./key-names";

describe("classifyKey", () => {
  it("normalises case and separators", () => {
    for (const k of ["apiKey", "api_key", "API-KEY", "x-api-key", "ApiKey", "apikey"]) {
      expect(classifyKey(k), k).toMatchObject({ type: "api_key", strength: "strong" });
    }
    for (const k of ["password", "PASSWORD", "db_pass", "userPwd", "passwd", "new_password"]) {
      expect(classifyKey(k)?.type, k).toBe("password");
    }
    expect(classifyKey("AWS_SECRET_ACCESS_KEY")?.strength).toBe("strong");
    expect(classifyKey("client_secret")?.type).toBe("secret");
    expect(classifyKey("private_key")?.type).toBe("private_key");
    expect(classifyKey("Authorization")?.type).toBe("authorization");
    expect(classifyKey("set-cookie")?.type).toBe("cookie");
    expect(classifyKey("dsn")?.type).toBe("connection_string");
    expect(classifyKey("connectionString")?.type).toBe("connection_string");
    expect(classifyKey("session_id")?.type).toBe("session");
    // "to"/"for" after the credential word only qualify it; one credential after them is still one
    expect(classifyKey("tokenForUser")?.type).toBe("token");
    expect(classifyKey("password_to_use")?.type).toBe("password");
    expect(classifyKey("BindToParentToken")?.type).toBe("token");
    // second factors: one-time codes and the seeds they are made from
    for (const k of ["passcode", "recovery_codes", "backupCode", "totp_seed", "mfaSeed", "seed_phrase", "mnemonic"]) {
      expect(classifyKey(k)?.strength, k).toBe("strong");
    }
    // an account written against its password word
    for (const k of ["ROOTPASS", "adminpass", "dbpwd", "MYSQL_ROOTPW", "smtpPass", "bindpw"]) {
      expect(classifyKey(k), k).toMatchObject({ type: "password", strength: "strong" });
    }
    for (const k of ["bypass", "compass", "overpass", "trespass", "encompass"]) expect(classifyKey(k), k).toBeNull();
    for (const k of ["status_code", "random_seed", "seed", "error_codes"]) expect(classifyKey(k), k).toBeNull();
    // a wallet's recovery phrase by its other names
    for (const k of ["recovery_phrase", "backupPhrase", "seed_words", "mnemonic_words", "wallet_seed", "seed_phrase"]) {
      expect(classifyKey(k), k).toMatchObject({ type: "seed_phrase", strength: "strong" });
    }
    for (const k of ["recovery_phrase_hint", "password words", "seed_word_count"]) expect(classifyKey(k), k).toBeNull();
    for (const k of ["cvv2", "cvc_code", "CVC2"]) expect(classifyKey(k), k).toMatchObject({ type: "password" });
    // plurals: a list of passwords or of API keys is as secret as one (these were left)
    for (const k of ["passwords", "userPasswords", "db_passwds", "passphrases"]) {
      expect(classifyKey(k), k).toMatchObject({ type: "password", strength: "strong" });
    }
    for (const k of ["apiKeys", "api_keys", "accessKeys"]) {
      expect(classifyKey(k), k).toMatchObject({ type: "api_key", strength: "strong" });
    }
    expect(classifyKey("privateKeys")?.type).toBe("private_key");
    // a bare list of keys is generic, and public, primary or sort keys are not secrets
    expect(classifyKey("keys")?.strength).toBe("weak");
    for (const k of ["publicKeys", "primary_keys", "sortKeys", "pathToPasswords"]) expect(classifyKey(k), k).toBeNull();
  });

  it("knows the word for password in other languages, and Redis's password settings", () => {
    const names = ["Passwort", "db_passwort", "Kennwort", "passord", "senha", "contraseña", "contrasena_db"];
    names.push(
      "wachtwoord",
      "hasło",
      "lösenord",
      "salasana",
      "пароль",
      "пароль_бд",
      "密码",
      "数据库密码",
      "パスワード",
    );
    names.push("비밀번호", "requirepass", "masterauth", "mot_de_passe", "motDePasse", "motdepasse", "psk", "wifi_psk");
    for (const k of names) expect(classifyKey(k), k).toMatchObject({ type: "password", strength: "strong" });
    for (const k of ["Benutzername", "usuario", "имя", "用户名"]) expect(classifyKey(k), k).toBeNull();
  });

  it("knows codes that unlock an account or confirm a login, and security answers, by their last words", () => {
    for (const k of ["pin_code", "PIN code", "unlockCode", "puk_code", "sms_code", "verificationCode", "mfa_code"])
      expect(classifyKey(k), k).toMatchObject({ type: "password", strength: "strong" });
    for (const k of ["security_answer", "securityQuestionAnswer", "challenge_answer"])
      expect(classifyKey(k), k).toMatchObject({ type: "password", strength: "strong" });
    for (const k of ["error_code", "zip_code", "country_code", "status_code", "security_code_scanning"])
      expect(classifyKey(k), k).toBeNull();
    for (const k of ["question_answer", "faq_answer", "answer"]) expect(classifyKey(k), k).toBeNull();
    // SonarQube's sonar.login holds a token, or a user name beside sonar.password
    expect(classifyKey("sonar.login")).toMatchObject({ type: "token", strength: "weak" });
    expect(classifyKey("login")).toBeNull();
  });

  it("leaves names that describe a credential rather than hold one", () => {
    for (const k of [
      "secret_name",
      "token_url",
      "tokenizer",
      "max_tokens",
      "password_policy",
      "secret_arn",
      "public_key",
      "csrf_token",
      "next_token",
      "author",
      "keyboard",
      "monkeys",
      "primaryKey",
      "keyVaultToStoreSecrets",
      "pathForTokens",
      "scopeToReadPasswords",
    ]) {
      expect(classifyKey(k), k).toBeNull();
    }
  });

  it("marks generic names weak so only generated-looking values are masked", () => {
    expect(classifyKey("key")?.strength).toBe("weak");
    expect(classifyKey("signature")?.strength).toBe("weak");
    expect(classifyKey("pin")?.numeric).toBe(true);
    expect(classifyKey("token")?.numeric).toBe(false);
  });
});
