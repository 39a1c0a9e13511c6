// A user and a password written after a login word, as people write them in a ticket or a chat:
// `login with admin/S3cretPass99`, `the panel's login is admin / S3cretPass99`, `log in as bob :
// S3cretPass99`, `sign in with bob@example.com / S3cretPass99`. The password is held to the prose
// test (it mixes letters and digits or looks random): `login with google/github` and `log in with
// SSO/SAML2` name ways to log in.
import { proseCredential, withoutTrailing } from "../text-stats";
import { isReference } from "./command-tokens";
import { foldedWordStarts } from "./text-starts";
import type { Match } from "./types";

const LOGIN_WORDS = ["login", "log in", "logon", "sign in", "signin"] as const;
// the user starts with a letter (`Last login: 2026-12-07T20:51:54Z` is a time), and is one word
const LOGIN_PAIR =
  /(?:log[ -]?in|log[ -]?on|sign[ -]?in)(?:[ \t]{0,4}:|[ \t]{1,4}is)?[ \t]{1,4}(?:(?:with|as|using)[ \t]{1,4})?[A-Za-z][\w.@+-]{0,127}[ \t]{0,2}[/:][ \t]{0,2}([^\s]{1,256})/diy;

// what ends the sentence after a password, not part of it
const SENTENCE_END = ".,!?;)'\"";

export function scanLoginSentences(text: string, out: Match[]): void {
  for (const word of LOGIN_WORDS) {
    for (const at of foldedWordStarts(text, word)) {
      if (at > 0 && /[A-Za-z]/.test(text[at - 1]!)) continue;
      LOGIN_PAIR.lastIndex = at;
      const m = LOGIN_PAIR.exec(text);
      if (m === null) continue;
      const value = withoutTrailing(m[1]!, SENTENCE_END);
      if (!proseCredential(value) || isReference(value)) continue;
      const start = m.indices![1]![0];
      out.push({ start, end: start + value.length, type: "password", detector: "keyword", category: "secret" });
    }
  }
}
