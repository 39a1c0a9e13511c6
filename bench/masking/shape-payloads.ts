// ~10 KiB payloads of one shape each, for the speed bench across shapes: the agent payload of
// payloads.ts is one mix, and a masker can be fast on it and slow on a payload made mostly of one
// thing (ids, hashes, encoded text, bracketed log lines). Deterministic, like payloads.ts.
import { createHash } from "node:crypto";
import { prng } from "./payloads";

const TARGET = 10_240;

/** `{ items: [...] }` grown item by item to about TARGET bytes of JSON. */
function fill(item: (i: number) => unknown): Record<string, unknown> {
  const items: unknown[] = [];
  let size = 12;
  for (let i = 0; size < TARGET; i++) {
    const v = item(i);
    items.push(v);
    size += JSON.stringify(v).length + 1;
  }
  return { items };
}

function randomText(rand: () => number, length: number, alphabet: string): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(rand() * alphabet.length)];
  return out;
}

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const HEX = "0123456789abcdef";

export const SHAPES: Record<string, () => Record<string, unknown>> = {
  "prose, German and Japanese": () =>
    fill((i) => ({
      msg:
        i % 2
          ? "Der nächtliche Export schlug fehl, weil die Tabelle gesperrt war; wir versuchen es erneut"
          : "夜間のエクスポートはテーブルがロックされていたため失敗しました。再試行します。",
    })),
  "UUIDs and hashes": () => {
    const rand = prng(11);
    return fill((i) => {
      const digest = createHash("sha256").update(String(i));
      const uuid = randomText(rand, 32, HEX).replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-");
      return { id: uuid, sha: createHash("sha256").update(`h${i}`).digest("hex"), b64: digest.digest("base64") };
    });
  },
  "random ids (base64url)": () => {
    const rand = prng(12);
    return fill(() => ({ token_id: randomText(rand, 24, BASE64URL), n: Math.floor(rand() * 1e6) }));
  },
  "URL-encoded links": () =>
    fill((i) => ({ url: `https://example.com/search?q=caf%C3%A9%20${i}&next=%2Fhome%3Fa%3D1&p=50%25` })),
  numbers: () => fill((i) => ({ a: [i, i * 1.5, 123456789012 + i, -i], t: 1700000000000 + i })),
  "Kubernetes manifests as text": () =>
    fill((i) => ({
      manifest: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-${i}\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n      - name: web\n        image: registry.example.com/web:1.${i}.0\n`,
    })),
  "JSON in strings": () =>
    fill((i) => ({
      body: JSON.stringify({ user: "x", n: i, tags: ["a", "b"], nested: { ok: true, note: "{not json}" } }),
    })),
  "bracketed log lines": () =>
    fill((i) => ({ line: `[2024-05-01T10:00:${String(i % 60).padStart(2, "0")}Z] [INFO] {worker} done [${i}/500]` })),
};
