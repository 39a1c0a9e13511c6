// Test fixtures for credentials. Built from parts at run time so no complete, real-looking token
// sits in the source (secret scanners on the repository would flag them).

/** Deterministic pseudo-random string over `alphabet`. */
export function body(
  length: number,
  seed = 1,
  alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
): string {
  let s = seed >>> 0;
  let out = "";
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s ^ (s >>> 15), 2246822507) + 0x9e3779b9) >>> 0;
    out += alphabet[s % alphabet.length];
  }
  return out;
}

const HEX = "0123456789abcdef";
const UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export const fake = {
  awsAccessKey: () => ["AK", "IA", body(16, 2, UPPER_DIGITS)].join(""),
  gcpApiKey: () => ["AI", "za", "Sy", body(33, 3)].join(""),
  githubToken: () => ["gh", "p_", body(36, 4)].join(""),
  gitlabToken: () => ["gl", "pat-", body(20, 5)].join(""),
  slackBotToken: () => ["xo", "xb-", "1234567890", "12-", "2364535789652-", body(24, 6)].join(""),
  stripeKey: () => ["sk", "_live_", body(24, 7)].join(""),
  npmToken: () => ["np", "m_", body(36, 8)].join(""),
  twilioKey: () => ["S", "K", body(32, 9, HEX)].join(""),
  sendgridKey: () => ["S", "G.", body(22, 10), ".", body(43, 11)].join(""),
  openaiKey: () => ["sk-", "proj-", body(20, 12), "T3Blbk", "FJ", body(20, 13)].join(""),
  anthropicKey: () => ["sk-", "ant-", "api03-", body(93, 14), "AA"].join(""),
  azureClientSecret: () => [body(3, 15), "8Q", "~", body(34, 16)].join(""),
  jwt: () =>
    [
      Buffer.from('{"alg":"HS256","typ":"JWT"}').toString("base64url"),
      Buffer.from('{"sub":"agent-7","iat":1700000000}').toString("base64url"),
      body(43, 17),
    ].join("."),
  privateKey: () =>
    [
      "-----BEGIN RSA PRIVATE",
      " KEY-----\n",
      body(64, 18),
      "\n",
      body(64, 19),
      "\n-----END RSA PRIVATE",
      " KEY-----",
    ].join(""),
  generic: () => body(40, 20),
};
