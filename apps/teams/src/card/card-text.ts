/** Untrusted text (masked, but written by the requester) must not become links or mentions in a card. */
export function plain(text: string): string {
  return text.replace(/\]\(/g, "] (").replace(/<(\/?at)>/gi, "‹$1›");
}

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? "null";
}

/** Adaptive Cards' DATE/TIME functions want RFC 3339 without fractions; Teams renders them in the viewer's zone. */
export function when(iso: string): string {
  const at = iso.replace(/\.\d+Z$/, "Z");
  return `{{DATE(${at}, SHORT)}} {{TIME(${at})}}`;
}

export function explanationLines(explanation: unknown): string[] {
  if (Array.isArray(explanation)) return explanation.filter((line): line is string => typeof line === "string");
  return typeof explanation === "string" ? [explanation] : [];
}
