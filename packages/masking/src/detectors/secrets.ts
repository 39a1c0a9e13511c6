// Provider credentials with a recognisable shape: a fixed prefix and a body of known alphabet and
// length. Each rule is bounded (no unbounded repetition) and anchored on a literal, so the rules cost
// nothing on strings that do not contain their prefix. Bodies that are obviously placeholders
// (`ghp_xxxx…`, `AKIAXXXX…`) are left alone: they are documentation, not credentials.
import { isMaskedBody, longestSequence, shannonEntropy } from "../text-stats";
import { type PatternSpec, patternDetector } from "./patterns";
import { eachPosition } from "./punctuation";
import type { Detector } from "./types";

// Every prefix starts with a word character, so \b is the same boundary and lets V8 scan for the literal.
const L = "\\b";
const R = "(?![A-Za-z0-9_])";

// gitleaks' global stop word: a value holding the whole alphabet is an example (`AIzaSyabcdef…`)
const ALPHABET = "abcdefghijklmnopqrstuvwxyz";

function rule(
  detector: string,
  type: string,
  literals: string[],
  source: string,
  opts: {
    group?: number;
    flags?: string;
    widen?: boolean;
    prefix?: number;
    valid?: (v: string) => boolean;
    /** gitleaks' per-rule floor on the match's Shannon entropy (bits per character): rejects filler. */
    entropy?: number;
    gate?: (text: string) => boolean;
    startsAt?: (text: string, at: number) => boolean;
  } = {},
): PatternSpec {
  const prefix = opts.prefix ?? 0;
  // `\b` and then the literal itself (or a group whose every alternative begins with one): every
  // match starts where a literal occurs
  const rest = source.startsWith(L) ? source.slice(L.length) : null;
  const startsWithLiteral = (s: string) => literals.some((l) => s.startsWith(escapeRegExp(l)));
  const anchored =
    rest !== null &&
    opts.flags === undefined &&
    (literals.every((l) => rest.startsWith(escapeRegExp(l))) ||
      (leadingAlternatives(rest)?.every(startsWithLiteral) ?? false));
  return {
    detector,
    type,
    literals,
    ...(anchored ? { anchored: true } : {}),
    re: new RegExp(source, `g${opts.flags ?? ""}`),
    ...(opts.group !== undefined ? { group: opts.group } : {}),
    ...(opts.widen ? { widen: true } : {}),
    ...(opts.gate ? { gate: opts.gate } : {}),
    ...(anchored && opts.startsAt ? { startsAt: opts.startsAt } : {}),
    valid: (v: string) =>
      !isMaskedBody(v.slice(prefix)) &&
      !v.includes(ALPHABET) &&
      (opts.entropy === undefined || shannonEntropy(v) >= opts.entropy) &&
      (opts.valid ? opts.valid(v) : true),
  };
}

/** The alternatives of a leading `(?:a|b|…)` group of a pattern source; null when it has none. */
export function leadingAlternatives(source: string): string[] | null {
  if (!source.startsWith("(?:")) return null;
  const alternatives: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 3;
  for (let i = 3; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")" && depth > 0) depth--;
    else if (c === "|" && depth === 0) {
      alternatives.push(source.slice(from, i));
      from = i + 1;
    } else if (c === ")") {
      alternatives.push(source.slice(from, i));
      return alternatives;
    }
  }
  return null;
}

function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/**
 * A JWT's header is base64url of a JSON object (`{"alg":…}`). A string whose first segment does not
 * decode to printable text from `{"` to a closing `}` is not a token any server would accept
 * (detect-secrets checks the same); unusual header fields still pass.
 */
function jwtHeaderValid(token: string): boolean {
  const dot = token.indexOf(".");
  const bytes = Buffer.from(dot < 0 ? token : token.slice(0, dot), "base64url");
  if (bytes.length < 2 || bytes[0] !== 0x7b || bytes[1] !== 0x22) return false;
  let last = bytes.length - 1;
  while (last > 0 && (bytes[last] === 0x20 || bytes[last] === 0x0a || bytes[last] === 0x0d)) last--;
  if (bytes[last] !== 0x7d) return false; // `{"alg":"HS256","typ":"JWT"`: the object never closes
  let printable = 0;
  for (const b of bytes) if ((b >= 32 && b < 127) || b === 9 || b === 10 || b === 13) printable++;
  return printable >= bytes.length * 0.95;
}

// [A-Za-z0-9_-]: what JWT parts and GitLab tokens are made of.
const TOKEN_PART = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") TOKEN_PART[c.charCodeAt(0)] = 1;

function isTokenPart(c: number): boolean {
  return c < 128 && TOKEN_PART[c] === 1;
}

/**
 * A start check (`startsAt`) for a rule whose match begins with a run of [A-Za-z0-9_-] that must
 * hold `min` to `max` characters from `skip` after the start, and be followed by `next`. Every start
 * inside one run shares that run's end, which is found once: without this, a rule reads up to `max`
 * characters from each start in a run that cannot match (`eyJ-eyJ-…` took 6.8 s for 1 MiB).
 */
function runFollowedBy(skip: number, min: number, max: number, next: string): (text: string, at: number) => boolean {
  let runText = "";
  let runFrom = -1;
  let runEnd = -1;
  return (text, at) => {
    const from = at + skip;
    if (text !== runText || from < runFrom || from >= runEnd) {
      let end = from;
      while (end < text.length && isTokenPart(text.charCodeAt(end))) end++;
      runText = text;
      runFrom = from;
      runEnd = end;
    }
    const length = runEnd - from;
    return length >= min && length <= max && text.startsWith(next, runEnd);
  };
}

/** A Discord token has two dots seven characters apart (its six-character middle part). */
function dotsSevenApart(text: string): boolean {
  let found = false;
  eachPosition(text, ".", (i) => {
    if (i + 7 < text.length && text.charCodeAt(i + 7) === 46) found = true;
    return found || i + 7 >= text.length ? text.length : i + 1;
  });
  return found;
}

const hasUpperLowerDigit = (v: string) => /[a-z]/.test(v) && /[A-Z]/.test(v) && /\d/.test(v);
const mixedCase = (v: string) => /[a-z]/.test(v) && /[A-Z]/.test(v);

export const SECRET_PATTERNS: PatternSpec[] = [
  // Our own credentials: one-time approval tokens and API keys (256 random bits, base64url).
  // Named here so they never depend on the entropy fallback's filters.
  rule("countersign", "countersign_token", ["cst_"], `${L}cst_[A-Za-z0-9_-]{43}${R}`, { prefix: 4 }),
  rule("countersign", "countersign_api_key", ["csk_"], `${L}csk_[A-Za-z0-9_-]{43}${R}`, { prefix: 4 }),
  // Cloud: AWS, GCP, Azure, Alibaba
  rule(
    "aws",
    "aws_access_key",
    ["AKIA", "ASIA", "ABIA", "ACCA", "A3T"],
    `${L}(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}${R}`,
    { prefix: 4 },
  ),
  rule("aws", "aws_bedrock_key", ["ABSK"], `${L}ABSK[A-Za-z0-9+/]{109,269}={0,2}(?![A-Za-z0-9+/=])`, { prefix: 30 }),
  rule(
    "aws",
    "aws_bedrock_key",
    ["bedrock-api-key-"],
    `bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/=%_-]{0,2048}`,
  ),
  rule("gcp", "gcp_api_key", ["AIza"], `${L}AIza[0-9A-Za-z_-]{35}${R}`, { prefix: 4, entropy: 4 }),
  rule("gcp", "gcp_oauth_token", ["ya29."], `${L}ya29\\.[0-9A-Za-z_-]{20,2048}`, { prefix: 5 }),
  rule("gcp", "gcp_refresh_token", ["1//0"], `${L}1//0[0-9A-Za-z_-]{40,512}`, { prefix: 4 }),
  rule(
    "azure",
    "azure_client_secret",
    ["Q~"],
    `(?<![A-Za-z0-9_~.])[A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])`,
    { prefix: 6 },
  ),
  rule("azure", "azure_storage_key", ["AccountKey="], `AccountKey=([A-Za-z0-9+/]{80,100}={0,2})`, { group: 1 }),
  rule("azure", "azure_sas_signature", ["sig="], `[?&;]sig=([A-Za-z0-9%+/=]{30,256})`, { group: 1 }),
  rule("alibaba", "alibaba_access_key", ["LTAI"], `${L}LTAI[A-Za-z0-9]{20}${R}`, { prefix: 4, entropy: 2 }),
  // Source hosting and CI
  rule("github", "github_token", ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"], `${L}gh[pousr]_[A-Za-z0-9]{36,251}${R}`, {
    prefix: 4,
    entropy: 3,
  }),
  rule("github", "github_token", ["github_pat_"], `${L}github_pat_[A-Za-z0-9_]{82}${R}`, { prefix: 11, entropy: 3 }),
  rule("gitlab", "gitlab_token", ["glpat-"], `${L}glpat-[A-Za-z0-9_-]{20}${R}`, { prefix: 6, entropy: 3 }),
  rule(
    "gitlab",
    "gitlab_token",
    ["glpat-", "glrt-"],
    `${L}(?:glpat-|glrt-t\\d_)[A-Za-z0-9_-]{27,300}\\.[0-9a-z]{2}[0-9a-z]{7}${R}`,
    // the prefix (6 or 8 characters) and 27 to 300 more, then the dot
    { prefix: 6, startsAt: runFollowedBy(0, 33, 308, ".") },
  ),
  rule(
    "gitlab",
    "gitlab_token",
    ["gldt-", "glrt-", "glft-", "glsoat-", "glffct-"],
    `${L}gl(?:dt|rt|ft|ffct)-[A-Za-z0-9_-]{20}${R}`,
    { prefix: 5 },
  ),
  rule("gitlab", "gitlab_token", ["glsoat-"], `${L}glsoat-[A-Za-z0-9_-]{20,50}${R}`, { prefix: 7, entropy: 3 }),
  rule("gitlab", "gitlab_token", ["glptt-"], `${L}glptt-[A-Za-z0-9_-]{40}${R}`, { prefix: 6, entropy: 3 }),
  rule("gitlab", "gitlab_token", ["glimt-"], `${L}glimt-[A-Za-z0-9_-]{25}${R}`, { prefix: 6, entropy: 3 }),
  rule("gitlab", "gitlab_token", ["gloas-"], `${L}gloas-[A-Za-z0-9_-]{64}${R}`, { prefix: 6, entropy: 3 }),
  rule("gitlab", "gitlab_token", ["glcbt-"], `${L}glcbt-(?:[0-9a-fA-F]{2}_)?[A-Za-z0-9_-]{20}${R}`, {
    prefix: 6,
    entropy: 3,
  }),
  rule("gitlab", "gitlab_token", ["glagent-"], `${L}glagent-[A-Za-z0-9_-]{50,1024}${R}`, { prefix: 8, entropy: 3 }),
  rule("gitlab", "gitlab_token", ["GR1348941"], `${L}GR1348941[A-Za-z0-9_-]{20,50}${R}`, { prefix: 9, entropy: 3 }),
  // Chat and collaboration
  rule("slack", "slack_token", ["xoxb-"], `${L}xoxb-\\d{8,14}-(?:\\d{8,14}-)?[A-Za-z0-9]{18,34}${R}`, {
    prefix: 5,
    entropy: 2,
  }),
  rule("slack", "slack_token", ["xoxp-", "xoxe-"], `${L}xox[pe]-\\d{8,14}-\\d{8,14}-\\d{8,14}-[A-Za-z0-9]{20,64}${R}`, {
    prefix: 5,
    entropy: 2,
  }),
  rule("slack", "slack_token", ["xoxo-", "xoxs-"], `${L}xox[os]-\\d{5,16}-\\d{5,16}-\\d{5,16}-[A-Fa-f0-9]{8,64}${R}`, {
    prefix: 5,
    entropy: 2,
  }),
  rule("slack", "slack_token", ["xoxa-", "xoxr-"], `${L}xox[ar]-(?:\\d-)?[0-9A-Za-z]{8,48}`, {
    prefix: 5,
    widen: true,
    entropy: 2,
  }),
  rule("slack", "slack_token", ["xapp-"], `${L}xapp-\\d-[A-Z0-9]{8,16}-\\d{8,16}-[a-z0-9]{32,80}${R}`, {
    prefix: 5,
    entropy: 2,
  }),
  rule("slack", "slack_token", ["xoxe."], `${L}xoxe\\.xox[bp]-\\d-[A-Za-z0-9]{100,200}${R}`, {
    prefix: 12,
    entropy: 2,
  }),
  rule("slack", "slack_token", ["xoxe-"], `${L}xoxe-\\d-[A-Za-z0-9]{100,200}${R}`, { prefix: 7, entropy: 2 }),
  rule(
    "slack",
    "slack_webhook",
    ["hooks.slack.com/"],
    `hooks\\.slack\\.com/(?:services|workflows|triggers)/([A-Za-z0-9_/+-]{20,300})`,
    { group: 1 },
  ),
  rule("teams", "teams_webhook", ["webhook.office.com"], `webhook\\.office\\.com/(webhookb2/[A-Za-z0-9@/_-]{40,400})`, {
    group: 1,
  }),
  // the older connector URL (outlook.office.com/webhook/…), still in configuration files
  rule(
    "teams",
    "teams_webhook",
    ["outlook.office"],
    `outlook\\.office(?:365)?\\.com/(webhook/[A-Za-z0-9@/_-]{40,400})`,
    { group: 1 },
  ),
  rule("discord", "discord_token", ["."], `[MNO][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}${R}`, {
    valid: hasUpperLowerDigit,
    gate: dotsSevenApart,
  }),
  rule(
    "discord",
    "discord_webhook",
    ["discord"],
    `discord(?:app)?\\.com/api/webhooks/(\\d{5,30}/[A-Za-z0-9_-]{30,100})`,
    { group: 1 },
  ),
  // also in the Bot API's URLs, where it follows `/bot` (`api.telegram.org/bot123…:AA…/sendMessage`)
  rule("telegram", "telegram_bot_token", [":A"], `(?:${L}|(?<=/bot))\\d{5,16}:A[A-Za-z0-9_-]{34}${R}`),
  // Payments and commerce
  rule("stripe", "stripe_key", ["sk_", "rk_"], `${L}[sr]k_(?:test|live|prod)_[A-Za-z0-9]{10,247}${R}`, {
    prefix: 8,
    entropy: 2,
  }),
  rule("stripe", "stripe_webhook_secret", ["whsec_"], `${L}whsec_[A-Za-z0-9+/=]{24,128}`, { prefix: 6 }),
  rule("square", "square_token", ["EAAA", "sq0atp-"], `${L}(?:EAAA|sq0atp-)[A-Za-z0-9_-]{22,60}${R}`, {
    prefix: 4,
    entropy: 2,
  }),
  rule("square", "square_secret", ["sq0csp-"], `${L}sq0csp-[A-Za-z0-9_-]{43}${R}`, { prefix: 7 }),
  rule(
    "shopify",
    "shopify_token",
    ["shpat_", "shpca_", "shppa_", "shpss_"],
    `${L}shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}${R}`,
    { prefix: 6 },
  ),
  rule("easypost", "easypost_token", ["EZAK", "EZTK"], `${L}EZ[AT]K[A-Za-z0-9]{54}${R}`, { prefix: 4, entropy: 2 }),
  // Messaging and email
  rule("twilio", "twilio_key", ["SK", "AC"], `${L}(?:SK|AC)[0-9a-f]{32}${R}`, { prefix: 2, entropy: 3 }),
  rule("sendgrid", "sendgrid_key", ["SG."], `${L}SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}${R}`, {
    prefix: 3,
    entropy: 2,
  }),
  rule("mailchimp", "mailchimp_key", ["-us"], `${L}[0-9a-f]{32}-us\\d{1,2}${R}`),
  rule("mailgun", "mailgun_key", ["key-"], `${L}key-[0-9a-f]{32}${R}`, { prefix: 4 }),
  // Package registries
  rule("npm", "npm_token", ["npm_"], `${L}npm_[A-Za-z0-9]{36}${R}`, { prefix: 4, entropy: 2 }),
  rule("pypi", "pypi_token", ["pypi-AgE"], `${L}pypi-AgE[A-Za-z0-9_-]{70,1024}`, { prefix: 8, entropy: 3 }),
  rule("rubygems", "rubygems_token", ["rubygems_"], `${L}rubygems_[a-f0-9]{48}${R}`, { prefix: 9, entropy: 2 }),
  rule("nuget", "nuget_key", ["oy2"], `${L}oy2[a-z0-9]{43}${R}`, { prefix: 3, valid: (v) => /\d/.test(v) }),
  rule("docker", "docker_token", ["dckr_pat_"], `${L}dckr_pat_[A-Za-z0-9_-]{27}${R}`, { prefix: 9 }),
  rule("clojars", "clojars_token", ["CLOJARS_"], `${L}CLOJARS_[a-z0-9]{60}${R}`, { prefix: 8, entropy: 2 }),
  rule("artifactory", "artifactory_token", ["AKCp"], `${L}AKCp[A-Za-z0-9]{69}${R}`, { prefix: 4, entropy: 4.5 }),
  rule("artifactory", "artifactory_token", ["cmVmdGtu"], `${L}cmVmdGtu[A-Za-z0-9]{56}${R}`, {
    prefix: 8,
    entropy: 4.5,
  }),
  // AI providers
  rule(
    "openai",
    "openai_key",
    ["T3BlbkFJ"],
    `${L}sk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{16,250}T3BlbkFJ[A-Za-z0-9_-]{16,250}${R}`,
  ),
  rule("anthropic", "anthropic_key", ["sk-ant-"], `${L}sk-ant-[a-z]{2,8}\\d{2}-[A-Za-z0-9_-]{80,100}AA${R}`),
  rule("llm", "llm_api_key", ["sk-"], `${L}sk-(?!ant-)(?:proj-|svcacct-|admin-|or-v1-)?[A-Za-z0-9_-]{32,200}${R}`, {
    prefix: 3,
    valid: (v) => /\d/.test(v) && longestSequence(v) < 8,
  }),
  rule("llm", "llm_api_key", ["gsk_"], `${L}gsk_[A-Za-z0-9]{52}${R}`, { prefix: 4 }),
  rule("llm", "llm_api_key", ["xai-"], `${L}xai-[A-Za-z0-9]{80}${R}`, { prefix: 4 }),
  rule("llm", "llm_api_key", ["pplx-"], `${L}pplx-[A-Za-z0-9]{48}${R}`, { prefix: 5, entropy: 4 }),
  rule("llm", "llm_api_key", ["r8_"], `${L}r8_[A-Za-z0-9]{37}${R}`, { prefix: 3 }),
  rule("llm", "llm_api_key", ["lsv2_"], `${L}lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}${R}`, { prefix: 8 }),
  rule("llm", "llm_api_key", ["pcsk_"], `${L}pcsk_[A-Za-z0-9_]{40,120}${R}`, { prefix: 5 }),
  rule("llm", "llm_api_key", ["fw_"], `${L}fw_[A-Za-z0-9]{24}${R}`, { prefix: 3, valid: hasUpperLowerDigit }),
  rule("huggingface", "huggingface_token", ["hf_"], `${L}hf_[A-Za-z]{34}${R}`, {
    prefix: 3,
    valid: mixedCase,
    entropy: 2,
  }),
  rule("huggingface", "huggingface_token", ["api_org_"], `${L}api_org_[A-Za-z]{34}${R}`, {
    prefix: 8,
    valid: mixedCase,
    entropy: 2,
  }),
  // Tokens in JWT form
  rule(
    "jwt",
    "jwt",
    ["eyJ"],
    `${L}eyJ[A-Za-z0-9_-]{4,8192}\\.ey[A-Za-z0-9_-]{2,16384}(?:\\.[A-Za-z0-9_+/=-]{0,8192})?`,
    // the header, 4 to 8192 characters after `eyJ`, then the payload
    { valid: jwtHeaderValid, startsAt: runFollowedBy(3, 4, 8192, ".ey") },
  ),
  // Infrastructure and SaaS
  rule("hashicorp", "vault_token", ["hvs."], `${L}hvs\\.[A-Za-z0-9_-]{90,120}${R}`, { prefix: 4, entropy: 3.5 }),
  rule("hashicorp", "vault_token", ["hvb."], `${L}hvb\\.[A-Za-z0-9_-]{138,300}${R}`, { prefix: 4, entropy: 4 }),
  rule("hashicorp", "vault_token", ["s."], `${L}s\\.[A-Za-z0-9]{24}${R}`, {
    prefix: 2,
    valid: hasUpperLowerDigit,
    entropy: 3.5,
  }),
  rule("hashicorp", "terraform_token", [".atlasv1."], `${L}[a-z0-9]{14}\\.atlasv1\\.[a-z0-9_=-]{60,70}${R}`, {
    entropy: 3.5,
  }),
  rule("cloudflare", "cloudflare_origin_ca_key", ["v1.0-"], `${L}v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}${R}`, {
    entropy: 2,
  }),
  rule("databricks", "databricks_token", ["dapi"], `${L}dapi[a-f0-9]{32}(?:-\\d)?${R}`, { prefix: 4, entropy: 3 }),
  rule("digitalocean", "digitalocean_token", ["doo_v1_", "dop_v1_", "dor_v1_"], `${L}do[opr]_v1_[a-f0-9]{64}${R}`, {
    prefix: 6,
    entropy: 3,
  }),
  // SonarQube's user, project-analysis and global-analysis tokens
  rule("sonarqube", "sonarqube_token", ["squ_", "sqp_", "sqa_"], `${L}(?:squ_|sqp_|sqa_)[a-f0-9]{40}${R}`, {
    prefix: 4,
    entropy: 3,
  }),
  // a service token names its config: `dp.st.prd.…`
  rule(
    "doppler",
    "doppler_token",
    ["dp."],
    `${L}dp\\.(?:pt|st|sa|ct|scim|audit)\\.(?:[a-z0-9_-]{1,32}\\.)?[A-Za-z0-9]{40,44}${R}`,
    {
      entropy: 2,
    },
  ),
  rule("dropbox", "dropbox_token", ["sl."], `${L}sl\\.[A-Za-z0-9_-]{130,152}${R}`, { prefix: 3 }),
  rule("dynatrace", "dynatrace_token", ["dt0c01."], `${L}dt0c01\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{64}${R}`, {
    entropy: 4,
  }),
  rule("figma", "figma_token", ["figd_"], `${L}figd_[A-Za-z0-9_-]{40}${R}`, { prefix: 5 }),
  rule("airtable", "airtable_token", ["pat"], `${L}pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}${R}`, { prefix: 3 }),
  rule("adobe", "adobe_client_secret", ["p8e-"], `${L}p8e-[A-Za-z0-9]{32}${R}`, { prefix: 4, entropy: 2 }),
  rule("linear", "linear_token", ["lin_api_"], `${L}lin_api_[A-Za-z0-9]{40}${R}`, { prefix: 8, entropy: 2 }),
  rule("newrelic", "newrelic_key", ["NRAK-"], `${L}NRAK-[A-Z0-9]{27}${R}`, { prefix: 5 }),
  rule("postman", "postman_token", ["PMAK-"], `${L}PMAK-[a-f0-9]{24}-[a-f0-9]{34}${R}`, { prefix: 5, entropy: 3 }),
  rule("pulumi", "pulumi_token", ["pul-"], `${L}pul-[a-f0-9]{40}${R}`, { prefix: 4, entropy: 2 }),
  rule("prefect", "prefect_token", ["pnu_"], `${L}pnu_[A-Za-z0-9]{36}${R}`, { prefix: 4, entropy: 2 }),
  rule("readme", "readme_token", ["rdme_"], `${L}rdme_[a-z0-9]{70}${R}`, { prefix: 5, entropy: 2 }),
  rule("scalingo", "scalingo_token", ["tk-us-"], `${L}tk-us-[A-Za-z0-9_-]{48}${R}`, { prefix: 6, entropy: 2 }),
  rule("sentry", "sentry_token", ["sntrys_"], `${L}sntrys_eyJpYXQiO[A-Za-z0-9+/]{10,400}={0,2}_[A-Za-z0-9+/]{43}${R}`, {
    entropy: 4.5,
  }),
  rule("sentry", "sentry_token", ["sntryu_"], `${L}sntryu_[a-f0-9]{64}${R}`, { prefix: 7, entropy: 3.5 }),
  rule("sourcegraph", "sourcegraph_token", ["sgp_"], `${L}sgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}${R}`, {
    prefix: 4,
    entropy: 3,
  }),
  rule("grafana", "grafana_token", ["glc_"], `${L}glc_[A-Za-z0-9+/]{32,400}={0,2}`, { prefix: 4, entropy: 3 }),
  rule("grafana", "grafana_token", ["glsa_"], `${L}glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}${R}`, { prefix: 5, entropy: 3 }),
  rule("grafana", "grafana_token", ["eyJrIjoi"], `${L}eyJrIjoi[A-Za-z0-9]{70,400}={0,2}`, { entropy: 3 }),
  rule("heroku", "heroku_key", ["HRKU-"], `${L}HRKU-AA[0-9A-Za-z_-]{58}${R}`, { prefix: 7, entropy: 4 }),
  rule("flyio", "flyio_token", ["fo1_"], `${L}fo1_[A-Za-z0-9_-]{43}${R}`, { prefix: 4, entropy: 4 }),
  rule("flyio", "flyio_token", ["fm1", "fm2"], `${L}fm[12][ar]?_[A-Za-z0-9+/]{100,4096}={0,3}`, {
    prefix: 5,
    entropy: 4,
  }),
  rule("notion", "notion_token", ["ntn_"], `${L}ntn_\\d{11}[A-Za-z0-9]{35}${R}`, {
    prefix: 4,
    valid: mixedCase,
    entropy: 4,
  }),
  rule("notion", "notion_token", ["secret_"], `${L}secret_[A-Za-z0-9]{43}${R}`, {
    prefix: 7,
    valid: hasUpperLowerDigit,
  }),
  rule("octopus", "octopus_key", ["API-"], `${L}API-[A-Z0-9]{26}${R}`, { prefix: 4, entropy: 3 }),
  rule(
    "onepassword",
    "onepassword_secret_key",
    ["A3-"],
    `${L}A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}${R}`,
    { prefix: 3 },
  ),
  rule("onepassword", "onepassword_token", ["ops_eyJ"], `${L}ops_eyJ[A-Za-z0-9+/]{250,8192}={0,3}`, {
    prefix: 7,
    entropy: 4,
  }),
  rule("openshift", "openshift_token", ["sha256~"], `${L}sha256~[A-Za-z0-9_-]{43}${R}`, { prefix: 7, entropy: 3.5 }),
  rule("intra42", "intra42_secret", ["s-s4t2"], `${L}s-s4t2(?:ud|af)-[a-f0-9]{64}${R}`, { entropy: 3 }),
  rule(
    "age",
    "age_secret_key",
    ["AGE-SECRET-KEY-1"],
    `${L}AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}${R}`,
    { prefix: 16 },
  ),
  rule("atlassian", "atlassian_token", ["ATATT3"], `${L}ATATT3[A-Za-z0-9_=-]{150,250}`, { prefix: 6, entropy: 3.5 }),
  rule("facebook", "facebook_token", ["EAAM", "EAAC"], `${L}EAA[MC][A-Za-z0-9]{80,400}${R}`, { prefix: 4, entropy: 4 }),
  rule("facebook", "facebook_token", ["|", "%7C"], `${L}\\d{15,16}(?:\\||%7C)[0-9A-Za-z_-]{27,40}${R}`),
  rule("mapbox", "mapbox_token", ["sk.eyJ"], `${L}sk\\.eyJ[A-Za-z0-9_-]{50,1024}\\.[A-Za-z0-9_-]{20,200}`),
  rule("planetscale", "planetscale_token", ["pscale_"], `${L}pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_=.-]{32,64}${R}`, {
    prefix: 10,
    entropy: 3,
  }),
  rule("tailscale", "tailscale_key", ["tskey-"], `${L}tskey-[a-z]{3,10}-[A-Za-z0-9]{8,32}-[A-Za-z0-9]{16,64}${R}`),
  rule("supabase", "supabase_token", ["sbp_"], `${L}sbp_[a-f0-9]{40}${R}`, { prefix: 4 }),
  rule("typeform", "typeform_token", ["tfp_"], `${L}tfp_[A-Za-z0-9_.=-]{59}${R}`, { prefix: 4 }),
  // password hashes in crypt(3)'s modular format: bcrypt, argon2, sha512-crypt and sha256-crypt, md5-crypt
  // and Apache's apr1, yescrypt (/etc/shadow, htpasswd, a users table), Cisco's types 8 (PBKDF2) and 9
  // (scrypt); cracked offline, so never shown
  rule(
    "password_hash",
    "password_hash",
    ["$2a$", "$2b$", "$2y$", "$argon2", "$6$", "$5$", "$1$", "$apr1$", "$y$", "$8$", "$9$"],
    `\\$(?:[89]\\$[./A-Za-z0-9]{14}\\$[./A-Za-z0-9]{43}|2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}|argon2(?:id|i|d)\\$v=\\d{1,3}\\$m=\\d{1,10},t=\\d{1,5},p=\\d{1,3}\\$[A-Za-z0-9+/]{8,128}\\$[A-Za-z0-9+/]{16,256}|[156]\\$(?:rounds=\\d{1,9}\\$)?[./A-Za-z0-9]{1,16}\\$[./A-Za-z0-9]{22,86}|apr1\\$[./A-Za-z0-9]{1,8}\\$[./A-Za-z0-9]{22}|y\\$[./A-Za-z0-9]{1,8}\\$[./A-Za-z0-9]{1,86}\\$[./A-Za-z0-9]{43})(?![./A-Za-z0-9])`,
  ),
  // Oracle's JDBC thin driver takes the logon before the database: `jdbc:oracle:thin:scott/tiger@//db:1521/svc`
  rule("oracle", "password", ["oracle:thin:"], `oracle:thin:[A-Za-z_][\\w$#.]{0,127}/([^@\\s"'/;]{1,256})@`, {
    group: 1,
    valid: (v) => !/^[$%{<]/.test(v),
  }),
  // Go's MySQL driver's DSN: `bob:pw@tcp(db:3306)/app`, `bob:pw@unix(/tmp/mysql.sock)/app`
  rule("mysql", "password", ["@tcp(", "@unix("], `(?<![^\\s"'\`=(,])[\\w.-]{1,64}:([^\\s"'@]{1,256})@(?:tcp|unix)\\(`, {
    group: 1,
    valid: (v) => !/^[$%{<]/.test(v),
  }),
  rule(
    "sidekiq",
    "sidekiq_secret",
    ["CONTRIBSYS"],
    `BUNDLE_(?:ENTERPRISE|GEMS)__CONTRIBSYS__COM\\s{0,8}[:=]\\s{0,8}["']?([a-f0-9]{8}:[a-f0-9]{8})`,
    { group: 1, flags: "i" },
  ),
];

export function secretPatternDetector(names?: Set<string>): Detector {
  const specs = names ? SECRET_PATTERNS.filter((s) => names.has(s.detector)) : SECRET_PATTERNS;
  return patternDetector("secrets", "secret", specs);
}

export const SECRET_PATTERN_DETECTORS = [...new Set(SECRET_PATTERNS.map((s) => s.detector))];
