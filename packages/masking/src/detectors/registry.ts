// The built-in detectors by name, the groups a policy can name, and assembly of the active set.

import { type AllowEntry, type AllowedValue, allowedValues, withAllowlist } from "./allowlist";
import { commandLinePasswordDetector } from "./command-line";
import {
  authHeaderDetector,
  cliCredentialsDetector,
  kubernetesSecretDetector,
  privateKeyDetector,
  urlCredentialsDetector,
} from "./credentials";
import { type CustomDetectorSpec, customDetector } from "./custom";
import { entropyDetector } from "./entropy";
import { keywordDetector } from "./keyword";
import {
  brazilCpfDetector,
  finnishIdDetector,
  type IdDetector,
  italianFiscalCodeDetector,
  koreanRrnDetector,
  nationalIdsDetector,
  polishPeselDetector,
  southAfricanIdDetector,
  spanishIdDetector,
  swedishIdDetector,
  turkishIdDetector,
  usItinDetector,
  usSsnDetector,
} from "./national-ids";
import { creditCardDetector, ibanDetector } from "./payment";
import { emailDetector, ipDetector, macDetector, phoneDetector } from "./pii";
import { bitlockerRecoveryDetector } from "./recovery-keys";
import { SECRET_PATTERN_DETECTORS, SECRET_PATTERNS, secretPatternDetector } from "./secrets";
import { seedPhraseDetector } from "./seed-phrases";
import { sqlValuesDetector } from "./sql-values";
import type { Detector } from "./types";

const STRUCTURAL_SECRETS: Detector[] = [
  privateKeyDetector,
  urlCredentialsDetector,
  authHeaderDetector,
  cliCredentialsDetector,
  commandLinePasswordDetector,
  sqlValuesDetector,
  kubernetesSecretDetector,
  seedPhraseDetector,
  bitlockerRecoveryDetector,
  keywordDetector,
  entropyDetector,
];
const PII: Detector[] = [emailDetector, phoneDetector, ipDetector, macDetector, creditCardDetector];
const NATIONAL_IDS: IdDetector[] = [
  usSsnDetector,
  usItinDetector,
  spanishIdDetector,
  italianFiscalCodeDetector,
  finnishIdDetector,
  swedishIdDetector,
  // before the Korean numbers, whose shape (a date, then a digit 1–8) a South African one also has:
  // its Luhn digit is the stricter test
  southAfricanIdDetector,
  koreanRrnDetector,
  brazilCpfDetector,
  turkishIdDetector,
  polishPeselDetector,
];
const IDENTIFIERS: Detector[] = [ibanDetector, ...NATIONAL_IDS];

export const DETECTOR_GROUPS: Record<string, string[]> = {
  secrets: [...SECRET_PATTERN_DETECTORS, ...STRUCTURAL_SECRETS.map((d) => d.name)],
  pii: PII.map((d) => d.name),
  identifiers: IDENTIFIERS.map((d) => d.name),
};

export const BUILTIN_DETECTOR_NAMES: string[] = Object.values(DETECTOR_GROUPS).flat();

/** Finding types that are credentials: a policy may not show them partially. */
export const SECRET_TYPES = new Set([
  ...SECRET_PATTERNS.map((s) => s.type),
  ...["private_key", "url_credentials", "authorization", "credential", "kubernetes_secret", "generic_secret"],
  ...["password", "secret", "token", "api_key", "private_key", "cookie", "connection_string", "session"],
  ...["access_key_id", "key", "binary", "seed_phrase", "bitlocker_recovery_key"],
]);

export function expandDetectorNames(selection: "default" | "none" | string[]): Set<string> {
  if (selection === "default") return new Set(BUILTIN_DETECTOR_NAMES);
  if (selection === "none") return new Set();
  const out = new Set<string>();
  for (const name of selection) for (const n of DETECTOR_GROUPS[name] ?? [name]) out.add(n);
  return out;
}

export interface DetectorSet {
  /** Run on every string. */
  text: Detector[];
  /** The built-in part of `text`: safe to run over many strings joined into one. */
  batchable: Detector[];
  /** The policy's custom detectors: their regexes may anchor on ^ and $, so they see one string at a time. */
  perString: Detector[];
  /** Run on the decimal form of large integers (card numbers sent as JSON numbers). */
  numeric: Detector[];
  /** Run on the decimal form of a nine-digit integer under a name for one (`{"ssn": 536221234}`). */
  numericIds: Detector[];
  /** The policy's `allow`: values no detector and no key-name rule masks; null when it lists none. */
  allowed: AllowedValue | null;
}

export function buildDetectors(
  selection: "default" | "none" | string[],
  custom: CustomDetectorSpec[],
  allow: AllowEntry[] = [],
): DetectorSet {
  const names = expandDetectorNames(selection);
  const allowed = allowedValues(allow);
  const filtered = (d: Detector) => (allowed ? withAllowlist(d, allowed) : d);
  const text: Detector[] = [];
  const providers = new Set(SECRET_PATTERN_DETECTORS.filter((n) => names.has(n)));
  if (providers.size > 0) text.push(filtered(secretPatternDetector(providers)));
  for (const d of [...STRUCTURAL_SECRETS, ...PII, ibanDetector]) if (names.has(d.name)) text.push(filtered(d));
  // last in the list, as they were one by one; one pass over the digit runs serves them all
  const ids = NATIONAL_IDS.filter((d) => names.has(d.name));
  if (ids.length > 0) text.push(filtered(nationalIdsDetector(ids)));
  const batchable = [...text];
  const perString = custom.map((c) => filtered(customDetector(c)));
  text.push(...perString);
  const numeric = [creditCardDetector, phoneDetector].filter((d) => names.has(d.name)).map(filtered);
  const numericIds = [usSsnDetector, usItinDetector].filter((d) => names.has(d.name)).map(filtered);
  return { text, batchable, perString, numeric, numericIds, allowed };
}
