// The five ways the leak test hides a secret in an agent payload, and what an observer could read
// back from the masked result. Shared by the Vitest leak test and bench/masking.

export const EMBEDDINGS = ["nested", "array", "json-string", "base64", "url-encoded"] as const;
export type Embedding = (typeof EMBEDDINGS)[number];

export function embed(text: string, how: Embedding): Record<string, unknown> {
  const base = { resource: "svc://payments", reason: "rotate the credentials the agent found" };
  switch (how) {
    case "nested":
      return { ...base, params: { step: 2 }, context: { finding: { source: "repo scan", detail: { excerpt: text } } } };
    case "array":
      return { ...base, params: {}, context: { lines: ["starting scan", text, "scan done"] } };
    case "json-string":
      return { ...base, params: {}, context: { raw: JSON.stringify({ report: { matches: [{ line: text }] } }) } };
    case "base64":
      return { ...base, params: {}, context: { attachment: Buffer.from(text, "utf8").toString("base64") } };
    case "url-encoded":
      return { ...base, params: { callback: `https://ci.example.com/hook?state=${encodeURIComponent(text)}&n=1` } };
  }
}

/**
 * Everything an observer could recover from the masked payload: each string as it would be read,
 * carriers decoded. Encoded forms are judged by what they decode to (their letters can coincide
 * with a secret's, and mask labels inside them are percent- or base64-encoded).
 */
export function exposed(masked: unknown): string {
  const parts: string[] = [];
  const view = (v: string): string => {
    if (/^[A-Za-z0-9+/]{8,}={0,2}$/.test(v) && v.length % 4 === 0) return Buffer.from(v, "base64").toString("utf8");
    try {
      return decodeURIComponent(v);
    } catch {
      return v;
    }
  };
  const walk = (v: unknown, key: string) => {
    parts.push(key);
    if (typeof v === "string") {
      const seen = view(v);
      parts.push(seen);
      try {
        parts.push(JSON.stringify(JSON.parse(seen)));
      } catch {
        // not JSON
      }
    } else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, k);
    else parts.push(String(v));
  };
  walk(masked, "");
  return parts.join("\u0000");
}
