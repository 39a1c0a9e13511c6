// Credentials in a mail session's transcript (a client's debug log, a pasted telnet session):
// IMAP's `a001 LOGIN bob pw`; a SASL initial response (`AUTH PLAIN <base64>`, `a1 AUTHENTICATE
// XOAUTH2 <base64>`), which encodes the password or a bearer token; and the client's answer to SMTP
// AUTH LOGIN's password prompt (`334 UGFzc3dvcmQ6`, "Password:" in base64), the next client line.
import { pushPassword } from "./command-tokens";
import { foldedWordStarts } from "./text-starts";
import type { Match } from "./types";

// an IMAP argument: a quoted string (`\"` escapes) or an atom
const IMAP_LOGIN =
  /LOGIN[ \t]{1,4}(?:"(?:[^"\\\n]|\\.){0,256}"|[^\s"'()]{1,256})[ \t]{1,4}(?:"((?:[^"\\\n]|\\.){1,256})"|([^\s"'()]{1,256}))/diy;
// a command tag (`a001`, `A1`, `JNAN1`) at the start of a token
const TAG_BEFORE = /(?:^|[\s'"])[A-Za-z]{0,8}\d{1,6}[ \t]$/;

// `a001 LOGIN user pw`; a lower-case `login` only with a quoted password (`2 login admin again` is a sentence)
function scanImapLogin(text: string, out: Match[]): void {
  for (const at of foldedWordStarts(text, "login")) {
    if (!TAG_BEFORE.test(text.slice(Math.max(0, at - 20), at))) continue;
    IMAP_LOGIN.lastIndex = at;
    const m = IMAP_LOGIN.exec(text);
    if (m === null || (m[1] === undefined && !text.startsWith("LOGIN", at))) continue;
    const [start, end] = m.indices![m[1] === undefined ? 2 : 1]!;
    pushPassword(out, text, { start, end });
  }
}

// the mechanisms whose initial response holds a secret: PLAIN (`\0user\0password`), XOAUTH2 and
// OAUTHBEARER (a bearer token); LOGIN's holds only the user name
const SASL_INITIAL =
  /AUTH(?:ENTICATE)?[ \t]{1,4}(?:PLAIN|XOAUTH2|OAUTHBEARER)[ \t]{1,4}([A-Za-z0-9+/]{8,4096}={0,2})/diy;

function scanSaslInitialResponses(text: string, out: Match[]): void {
  for (const at of foldedWordStarts(text, "auth")) {
    SASL_INITIAL.lastIndex = at;
    const m = SASL_INITIAL.exec(text);
    if (m === null || (at > 0 && /\w/.test(text[at - 1]!))) continue;
    const [start, end] = m.indices![1]!;
    pushPassword(out, text, { start, end }, "credential");
  }
}

// a line the client sent, holding one base64 token: bare, or as a transcript or a library logs it
// (`C: …`, `> …`, `send: '…\r\n'`)
const CLIENT_LINE =
  /[ \t]{0,8}(?:(?:C:|>|send:)[ \t]{0,4})?(?:b?['"])?([A-Za-z0-9+/]{4,1024}={0,2})(?:\\r\\n)?['"]?[ \t\r]{0,4}(?:\n|$)/dy;
// a server's line: a reply code, or a transcript's or a library's mark for one
const SERVER_LINE = /[ \t]{0,8}(?:\d{3}[ -]|S:|<|reply:)/y;
const PASSWORD_PROMPTS = ["UGFzc3dvcmQ6", "cGFzc3dvcmQ6"]; // "Password:", "password:"

function scanSmtpAuthLogin(text: string, out: Match[]): void {
  for (const prompt of PASSWORD_PROMPTS) {
    for (const at of foldedWordStarts(text, prompt.toLowerCase())) {
      if (!text.startsWith(prompt, at)) continue;
      // the client's answer follows the server's lines (a library may log the prompt twice)
      let line = text.indexOf("\n", at) + 1;
      for (let n = 0; line > 0 && n < 4; n++) {
        SERVER_LINE.lastIndex = line;
        if (SERVER_LINE.test(text)) {
          line = text.indexOf("\n", line) + 1;
          continue;
        }
        CLIENT_LINE.lastIndex = line;
        const m = CLIENT_LINE.exec(text);
        if (m !== null && !m[1]!.startsWith(prompt)) {
          const [start, end] = m.indices![1]!;
          pushPassword(out, text, { start, end });
        }
        break;
      }
    }
  }
}

/** IMAP logins, SASL initial responses and answers to SMTP's AUTH LOGIN password prompt. */
export function scanMailSessions(text: string, out: Match[]): void {
  scanImapLogin(text, out);
  scanSaslInitialResponses(text, out);
  scanSmtpAuthLogin(text, out);
}
