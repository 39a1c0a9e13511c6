// What the walk needs to know about an object key: the matches in it (keys are content too) and
// whether it names a credential. Payloads repeat the same keys row after row, so both come from
// one memo lookup.
import type { Detector, Match } from "./detectors/types";
import { classifyKey, type KeyClass } from "./key-names";
import { memoise } from "./memoise";
import { findMatches, scan } from "./scan-text";

export interface KeyFacts {
  /** Read-only, shared by every occurrence of the key. */
  matches: Match[];
  cls: KeyClass | null;
}

const MEMO_MAX_LENGTH = 256;

export function keyFacts(detectors: Detector[]): (key: string) => KeyFacts {
  const known = memoise((key) => ({ matches: scan(key, detectors), cls: classifyKey(key) }), 4096);
  return (key) =>
    key.length > MEMO_MAX_LENGTH ? { matches: findMatches(key, detectors), cls: classifyKey(key) } : known(key);
}
