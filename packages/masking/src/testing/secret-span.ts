// Which part of a labelled example is "the secret": the thing that must not survive masking.
// The corpora do not say for gitleaks (and not always for detect-secrets), so it is derived here,
// independently of the masker's own detectors: the value after an assignment, the userinfo of a URL,
// the credentials after `curl -u`, or else the longest token-like run.

const PIECE = /[^\s"'`,;()<>{}[\]]+/g;
const ASSIGNMENT = /^[A-Za-z0-9_$][\w.$-]{0,47}(?:::?=|:=|=>|=|:)(.+)$/;

function unwrapAssignments(piece: string): string {
  let p = piece.replace(/^[-$]+/, "");
  for (let i = 0; i < 4; i++) {
    const m = ASSIGNMENT.exec(p);
    if (!m || p.includes("://")) break;
    p = m[1]!;
  }
  return p.replace(/^[=:]+|[.,:;=]+$/g, "");
}

/** A piece that names something (a key, a tag, a function) rather than being a value. */
function isName(text: string, start: number, end: number): boolean {
  const before = text.slice(Math.max(0, start - 2), start);
  if (before.endsWith("<") || before.endsWith("</")) return true;
  const after = text.slice(end, end + 6).replace(/^["'`\]]?\s*/, "");
  return /^(?:\(|[:.?]?=|=>|:(?!\/\/))/.test(after) || /^[-$]*[A-Za-z_][\w.$-]{0,47}[=:]$/.test(text.slice(start, end));
}

function urlSegment(piece: string): string {
  return piece
    .slice(piece.indexOf("://") + 3)
    .split(/[/?&=#]/)
    .slice(1)
    .reduce((a, b) => (b.length > a.length ? b : a), "");
}

function longestPiece(text: string): string | null {
  let best = "";
  for (const m of text.matchAll(PIECE)) {
    const start = m.index;
    const end = start + m[0].length;
    for (const part of m[0].split(/[?&]/)) {
      let piece = unwrapAssignments(part);
      const embedded = /(?:^|[/:])_?[A-Za-z][\w.-]{0,47}=(.+)$/.exec(piece);
      if (embedded && !piece.includes("://")) piece = embedded[1]!;
      if (piece.includes("://")) piece = urlSegment(piece);
      if (piece.length === 0 || /^(.)\1*$/.test(piece)) continue;
      const assigned = !part.replace(/^[-$]+/, "").startsWith(piece.replace(/[.,:;=]+$/, ""));
      if (!assigned && isName(text, start, end)) continue;
      if (piece.length > best.length) best = piece;
    }
  }
  return best.length >= 6 ? best : null;
}

function urlUserinfo(text: string): string | null {
  const m = /[a-z][a-z0-9+.-]*:\/\/([^@/\s"']+)@/i.exec(text);
  return m ? m[1]! : null;
}

function curlUser(text: string): string | null {
  const m =
    /(?:^|\s)(?:-u|--user)(?:\s+|=)((?:"[^"\n]*"|'[^'\n]*'|[^\s"':]+)(?::(?:"[^"\n]*"|'[^'\n]*'|[^\s"']*))?)/.exec(
      text,
    );
  return m ? m[1]!.replace(/["']/g, "") : null;
}

function headerValue(text: string): string | null {
  const auth = /Authorization:\s*(?:(?:Bearer|Basic|Token|Api-Token)\s+)?([^"'\s]+)/i.exec(text);
  if (auth) return auth[1]!;
  const headers = [...text.matchAll(/(?:-H|--header)\s+["']([\w-]+):\s*([^"'\s]+)/gi)];
  const h = headers.filter((x) => !/^(?:content-type|accept)$/i.test(x[1]!)).pop();
  return h ? h[2]! : null;
}

function longestLine(text: string, from: RegExp, to: RegExp): string | null {
  const start = text.search(from);
  if (start < 0) return null;
  const rest = text.slice(start);
  const end = rest.search(to);
  const body = end >= 0 ? rest.slice(0, end) : rest;
  let best = "";
  for (const line of body.split(/\\n|\n/)) {
    const l = line.trim();
    if (l.length > best.length && !l.includes("-----")) best = l;
  }
  return best.length > 0 ? best : null;
}

function kubernetesValue(text: string): string | null {
  const data = text.search(/\b(?:data|stringData):/);
  if (data < 0) return null;
  let best = "";
  for (const line of text.slice(data).split("\n").slice(1)) {
    const m = /^[\t ]+(?:["']?[\w.-]+["']?:[\t ]*)?["']?([A-Za-z0-9+/=]{8,})["']?\s*$/.exec(line);
    if (m && m[1]!.length > best.length) best = m[1]!;
  }
  return best || null;
}

/** null: the example has no secret to check (a file name, a bare keyword). */
export function gitleaksSecret(rule: string, text: string): string | null {
  if (text.trim().length === 0 || rule === "gcp-service-account") return null;
  if (rule === "sidekiq-sensitive-url") return urlUserinfo(text);
  if (rule === "curl-auth-user") return curlUser(text);
  if (rule === "curl-auth-header") return headerValue(text) ?? longestPiece(text);
  if (rule === "slack-webhook-url") return /slack\.com\/\w+\/(\S+)/.exec(text)?.[1] ?? null;
  if (rule === "kubernetes-secret-yaml") return kubernetesValue(text);
  if (rule === "private-key") return longestLine(text, /-----BEGIN/, /-----END/);
  return longestPiece(text);
}

export function detectSecretsSecret(text: string, secret: string | null | undefined): string | null {
  if (secret) return secret;
  return urlUserinfo(text) ?? longestPiece(text);
}

/**
 * A secret leaked if any run of 8 of its characters (all of it, when shorter) is in the output,
 * unless that run also occurs in the input outside the secret (a key named like its value's prefix).
 */
export function leaked(secret: string, masked: string, input = ""): boolean {
  // the labels of mask tokens ("[REDACTED:rubygems_token]") are not secret material
  const output = masked.replace(/\[(?:REDACTED:[a-z0-9_]+|[a-z0-9_]+:fp_[0-9a-f]+)\]/g, "\u0000");
  const residue = input.split(secret).join("\u0000");
  const n = Math.min(8, secret.length);
  for (let i = 0; i + n <= secret.length; i++) {
    const run = secret.slice(i, i + n);
    if (output.includes(run) && !residue.includes(run)) return true;
  }
  return false;
}
