// Strings that no built-in detector can match: a single ASCII word of 1 to 12 letters (names, plans,
// statuses, enum values: a third of the strings in a typical request). Every built-in rule needs a
// digit, punctuation, whitespace or more letters than that: provider bodies are 16+ characters,
// the codice fiscale 16, the entropy fallback 24, a keyword needs an operator or a quote after it.
// Custom detectors may match any word, so the shortcut holds only without them.

/** The longest word that cannot hold a finding. */
export const PLAIN_WORD_MAX = 12;

/** Whether `s` is 1 to 12 ASCII letters and nothing else. */
export function isShortPlainWord(s: string): boolean {
  const n = s.length;
  if (n === 0 || n > PLAIN_WORD_MAX) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i) | 32;
    if (c < 97 || c > 122) return false;
  }
  return true;
}
