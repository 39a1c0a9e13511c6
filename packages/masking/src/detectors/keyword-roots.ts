// The words whose presence makes a name worth classifying (`db_password`, `apiKey`, `x-auth-token`):
// the keyword detector searches for them, and the text profile pass records where they start.
export const KEYWORD_ROOTS = [
  "pass",
  "pwd",
  "pw",
  "secret",
  "token",
  "key",
  "auth",
  "cred",
  "cookie",
  "session",
  "dsn",
  "sig",
  "bearer",
  "jwt",
  "pin",
  "otp",
  "cvv",
  "cvc",
  "salt",
  "conn",
  "access",
  // a Wi-Fi or IPsec pre-shared key (wpa_supplicant's `psk="…"`)
  "psk",
  // the word for password in other languages, when it holds no root above (`passwort` and `passord`
  // hold `pass`): Portuguese, Spanish without its ñ, Dutch, Polish and Swedish without their
  // diacritics, Finnish
  "senha",
  "contrasena",
  "wachtwoord",
  "haslo",
  "losenord",
  "salasana",
];

/**
 * The word for password in languages a lower-cased ASCII search cannot find: searched for only in
 * texts that are not ASCII (the profile pass records the roots above in ASCII texts).
 */
export const NON_ASCII_KEYWORD_ROOTS = [
  "contraseña",
  "hasło",
  "lösenord",
  "пароль",
  "密码",
  "密碼",
  "パスワード",
  "비밀번호",
];
