// The structural walk: builds a masked copy of any JS value (never touching the input), applying
// field rules, key-name rules and, on every string (keys included), the content detectors.
import { Slot } from "./batch";
import type { MaskContext } from "./context";
import { childPath, type Segment } from "./json-path";
import { classifyKey } from "./key-names";
import { maskString } from "./mask-string";
import { findMatches } from "./scan-text";
import { DROP, type Replacement } from "./strategies";
import { isReferenceOnly, isUuid, looksRandom } from "./text-stats";

function canonical(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v) =>
      v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, (v as Record<string, unknown>)[k]]),
          )
        : typeof v === "bigint"
          ? v.toString()
          : v,
    );
  } catch {
    return String(value);
  }
}

/** The whole value goes, whatever it holds: a field rule or a credential-named key matched. */
function maskWhole(
  value: unknown,
  type: string,
  category: "secret" | "field",
  detector: string,
  path: string,
  encoding: string | undefined,
  ctx: MaskContext,
): Replacement {
  const text = typeof value === "string" ? value : canonical(value);
  return ctx.replace(text, type, category, detector, path, encoding);
}

/** Keys are content too (`{"jo@example.com": …}`); the finding is reported on the parent object. */
function maskKey(key: string, parentPath: string, encoding: string | undefined, ctx: MaskContext): string {
  const matches = findMatches(key, ctx.policy.detectors.text);
  if (matches.length === 0) return key;
  let out = "";
  let at = 0;
  for (const m of matches) {
    const detector = `detector:${m.detector}:key`;
    const r = ctx.replace(key.slice(m.start, m.end), m.type, m.category, detector, parentPath, encoding, false);
    out += key.slice(at, m.start) + (r === DROP ? `[REDACTED:${m.type}]` : r);
    at = m.end;
  }
  return out + key.slice(at);
}

function numberValue(n: number | bigint, path: string, encoding: string | undefined, ctx: MaskContext): unknown {
  const digits = n.toString();
  if (digits.replace("-", "").length < 9) return n;
  const matches = findMatches(digits, ctx.policy.detectors.numeric);
  if (matches.length === 0) return n;
  const m = matches[0]!;
  const r = ctx.replace(digits, m.type, m.category, `detector:${m.detector}`, path, encoding);
  return r;
}

function isBinary(value: object): boolean {
  return ArrayBuffer.isView(value) || value instanceof ArrayBuffer;
}

const KIND_SECRET = /^secret$/i;

export function walkValue(
  value: unknown,
  path: string,
  states: Uint32Array | null,
  depth: number,
  decodeDepth: number,
  encoding: string | undefined,
  ctx: MaskContext,
  ancestors: Set<object>,
): unknown {
  const limits = ctx.policy.limits;
  if (++ctx.nodes > limits.maxNodes) return ctx.failClosed(path, "size_limit", encoding);
  switch (typeof value) {
    case "string":
      if (ctx.slots && decodeDepth === ctx.slotDepth && value.length > 0) {
        const slot = new Slot(value, path, states, encoding, decodeDepth);
        ctx.slots.push(slot);
        return slot;
      }
      return maskString(value, path, states, decodeDepth, encoding, ctx, true);
    case "number":
      return Number.isInteger(value) ? numberValue(value, path, encoding, ctx) : value;
    case "bigint":
      return numberValue(value, path, encoding, ctx);
    case "function":
    case "symbol":
      return undefined;
    case "object":
      break;
    default:
      return value;
  }
  if (value === null) return null;
  if (depth >= limits.maxDepth) return ctx.failClosed(path, "depth_limit", encoding);
  const obj = value as object;
  if (ancestors.has(obj)) return ctx.failClosed(path, "cycle", encoding);
  if (isBinary(obj)) return ctx.replace("", "binary", "secret", "detector:binary", path, encoding);
  const toJSON = (obj as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === "function") {
    let json: unknown;
    try {
      json = toJSON.call(obj);
    } catch {
      return ctx.failClosed(path, "unreadable", encoding);
    }
    if (json !== obj) return walkValue(json, path, states, depth + 1, decodeDepth, encoding, ctx, ancestors);
  }
  ancestors.add(obj);
  try {
    if (Array.isArray(obj) || obj instanceof Set) {
      return walkArray(
        Array.from(obj as Iterable<unknown>),
        path,
        states,
        depth,
        decodeDepth,
        encoding,
        ctx,
        ancestors,
      );
    }
    const entries = obj instanceof Map ? [...obj].map(([k, v]) => [String(k), v] as const) : ownEntries(obj);
    if (entries === null) return ctx.failClosed(path, "unreadable", encoding);
    return walkObject(entries, path, states, depth, decodeDepth, encoding, ctx, ancestors);
  } finally {
    ancestors.delete(obj);
  }
}

function ownEntries(obj: object): (readonly [string, unknown])[] | null {
  try {
    return Object.keys(obj).map((k) => [k, (obj as Record<string, unknown>)[k]] as const);
  } catch {
    return null;
  }
}

function walkArray(
  items: unknown[],
  path: string,
  states: Uint32Array | null,
  depth: number,
  decodeDepth: number,
  encoding: string | undefined,
  ctx: MaskContext,
  ancestors: Set<object>,
): unknown[] {
  const out: unknown[] = [];
  const matcher = ctx.policy.fields;
  for (let i = 0; i < items.length; i++) {
    const p = childPath(path, i);
    const childStates = states && matcher.alive(states) ? matcher.advance(states, i, items.length) : null;
    const field = childStates ? matcher.matched(childStates) : undefined;
    const r = field
      ? maskWhole(items[i], "field", "field", `field:${field.source}`, p, encoding, ctx)
      : walkValue(items[i], p, childStates, depth + 1, decodeDepth, encoding, ctx, ancestors);
    if (r === DROP) continue;
    if (r instanceof Slot) {
      r.container = out;
      r.key = out.length;
    }
    out.push(r === undefined ? null : r);
  }
  return out;
}

function walkObject(
  entries: (readonly [string, unknown])[],
  path: string,
  states: Uint32Array | null,
  depth: number,
  decodeDepth: number,
  encoding: string | undefined,
  ctx: MaskContext,
  ancestors: Set<object>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const matcher = ctx.policy.fields;
  const kind = entries.find(([k]) => k === "kind")?.[1];
  const k8sSecret = typeof kind === "string" && KIND_SECRET.test(kind);
  for (const [key, child] of entries) {
    let outKey = maskKey(key, path, encoding, ctx);
    if (outKey !== key) for (let n = 2; Object.hasOwn(out, outKey); n++) outKey = `${outKey.replace(/#\d+$/, "")}#${n}`;
    const p = childPath(path, outKey);
    const seg: Segment = key;
    const childStates = states && matcher.alive(states) ? matcher.advance(states, seg) : null;
    const field = childStates ? matcher.matched(childStates) : undefined;
    let r: unknown;
    if (field) {
      r = maskWhole(child, "field", "field", `field:${field.source}`, p, encoding, ctx);
    } else if (k8sSecret && (key === "data" || key === "stringData") && child && typeof child === "object") {
      r = maskSecretData(child as object, p, encoding, ctx);
    } else {
      r = maskByKeyName(key, outKey, child, p, encoding, ctx);
      if (r === NOT_SENSITIVE) r = walkValue(child, p, childStates, depth + 1, decodeDepth, encoding, ctx, ancestors);
    }
    if (r === DROP || r === undefined) continue;
    if (r instanceof Slot) {
      r.container = out;
      r.key = outKey;
    }
    out[outKey] = r;
  }
  return out;
}

const NOT_SENSITIVE = Symbol("not-sensitive");

function maskByKeyName(
  key: string,
  shownKey: string,
  value: unknown,
  path: string,
  encoding: string | undefined,
  ctx: MaskContext,
): unknown {
  if (value === null || value === undefined || typeof value === "boolean") return NOT_SENSITIVE;
  const cls = classifyKey(key);
  if (!cls) return NOT_SENSITIVE;
  const detector = `key:${shownKey}`;
  if (typeof value === "number" || typeof value === "bigint") {
    return cls.numeric ? maskWhole(value, cls.type, "secret", detector, path, encoding, ctx) : NOT_SENSITIVE;
  }
  if (typeof value === "string") {
    // `{"password": "${DB_PASSWORD}"}`: a template or variable reference holds no secret
    if (value.length === 0 || isReferenceOnly(value)) return NOT_SENSITIVE;
    if (cls.strength === "strong" || looksRandom(value) || (isUuid(value) && cls.type !== "access_key_id")) {
      return maskWhole(value, cls.type, "secret", detector, path, encoding, ctx);
    }
    return NOT_SENSITIVE;
  }
  return cls.strength === "strong"
    ? maskWhole(value, cls.type, "secret", detector, path, encoding, ctx)
    : NOT_SENSITIVE;
}

function maskSecretData(data: object, path: string, encoding: string | undefined, ctx: MaskContext): unknown {
  const out: Record<string, unknown> = {};
  for (const [key, v] of ownEntries(data) ?? []) {
    const k = maskKey(key, path, encoding, ctx);
    const p = childPath(path, k);
    const r = maskWhole(v, "kubernetes_secret", "secret", "detector:kubernetes_secret", p, encoding, ctx);
    if (r !== DROP) out[k] = r;
  }
  return out;
}
