// Finding labels (`detector:email`) and mask tokens (`[REDACTED:email]`) come from a small, fixed
// vocabulary (detector names, finding types), so each is built once instead of once per finding.

/** Past this many distinct words a label is built afresh: a hostile policy cannot grow the cache. */
const MAX_CACHED = 1024;

function labeller(make: (word: string) => string): (word: string) => string {
  const cache = new Map<string, string>();
  return (word) => {
    let label = cache.get(word);
    if (label === undefined) {
      label = make(word);
      if (cache.size < MAX_CACHED) cache.set(word, label);
    }
    return label;
  };
}

/** `detector:<name>`, the detector field of a content detector's finding. */
export const detectorLabel = labeller((name) => `detector:${name}`);

/** `[REDACTED:<type>]`, what the redact strategy leaves in place of a value. */
export const redactedToken = labeller((type) => `[REDACTED:${type}]`);
