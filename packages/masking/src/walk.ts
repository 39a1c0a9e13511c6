// The structural walk: builds a masked copy of any JS value (never touching the input), applying
// field rules, key-name rules and, on every string (keys included), the content detectors.
import { Slot } from "./batch";
import type { MaskContext } from "./context";
import { isSeedPhraseList } from "./detectors/seed-phrases";
import type { Match } from "./detectors/types";
import type { Segment } from "./json-path";
import { classifyKey, type KeyClass } from "./key-names";
import { detectorLabel, redactedToken } from "./labels";
import { PathNode, type PathRef, pathOf } from "./lazy-path";
import { maskString } from "./mask-string";
import { itemsNamedBeside, namedItemsOf, namedValueOf, outputOfSecretRead } from "./named-pairs";
import { setOwn } from "./own";
import { findMatches } from "./scan-text";
import { DROP, type Replacement } from "./strategies";
import { isReferenceOnly, isUuid, looksRandom, proseCredential } from "./text-stats";

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
  path: PathRef,
  encoding: string | undefined,
  ctx: MaskContext,
): Replacement {
  const text = typeof value === "string" ? value : canonical(value);
  return ctx.replace(text, type, category, detector, path, encoding);
}

/** Keys are content too (`{"jo@example.com": …}`); the finding is reported on the parent object. */
function maskKey(
  key: string,
  matches: Match[],
  parentPath: PathRef,
  encoding: string | undefined,
  ctx: MaskContext,
): string {
  if (matches.length === 0) return key;
  let out = "";
  let at = 0;
  for (const m of matches) {
    const detector = `detector:${m.detector}:key`;
    const r = ctx.replace(key.slice(m.start, m.end), m.type, m.category, detector, parentPath, encoding, false);
    out += key.slice(at, m.start) + (r === DROP ? redactedToken(m.type) : r);
    at = m.end;
  }
  return out + key.slice(at);
}

// Every integer below this in magnitude has fewer than the 9 digits a numeric detector needs.
const FEWER_THAN_9_DIGITS = 100_000_000;

function numberValue(n: number | bigint, path: PathRef, encoding: string | undefined, ctx: MaskContext): unknown {
  if (Number.isInteger(n) && (n as number) < FEWER_THAN_9_DIGITS && (n as number) > -FEWER_THAN_9_DIGITS) return n;
  const digits = n.toString();
  if (digits.replace("-", "").length < 9) return n;
  let matches = findMatches(digits, ctx.policy.detectors.numeric);
  // a nine-digit number is an SSN or an ITIN only under a name for one: ids and sizes are numbers too
  if (matches.length === 0 && digits.length === 9 && namesTaxId(path)) {
    matches = findMatches(digits, ctx.policy.detectors.numericIds);
  }
  if (matches.length === 0) return n;
  const m = matches[0]!;
  const r = ctx.replace(digits, m.type, m.category, detectorLabel(m.detector), path, encoding);
  return r;
}

const TAX_ID_NAME = /ssn|social.?security|itin|tax.?(?:id|number)|\btin\b/i;

function namesTaxId(path: PathRef): boolean {
  return typeof path !== "string" && typeof path.seg === "string" && TAX_ID_NAME.test(path.seg);
}

function isBinary(value: object): boolean {
  return ArrayBuffer.isView(value) || value instanceof ArrayBuffer;
}

const KIND_SECRET = /^secret$/i;

export function walkValue(
  value: unknown,
  path: PathRef,
  states: Uint32Array | null,
  depth: number,
  decodeDepth: number,
  encoding: string | undefined,
  ctx: MaskContext,
  ancestors: Set<object>,
): unknown {
  const leaf = walkLeaf(value, path, undefined, false, states, decodeDepth, encoding, ctx);
  if (leaf !== NOT_LEAF) return leaf;
  const limits = ctx.policy.limits;
  if (++ctx.nodes > limits.maxNodes) return ctx.failClosed(path, "size_limit", encoding);
  switch (typeof value) {
    case "string": // one not deferred to a batch
      return maskString(value, path, states, decodeDepth, encoding, ctx, true);
    case "number": // an integer long enough for the numeric detectors
    case "bigint":
      return numberValue(value, path, encoding, ctx);
    case "function":
    case "symbol":
      return undefined;
  }
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
  // a container with more entries than the whole budget cannot fit: it goes whole, before a sparse
  // array of length 2^31 is spread out or a million keys are classified one by one
  if (entryCount(obj) > limits.maxNodes) return ctx.failClosed(path, "size_limit", encoding);
  ancestors.add(obj);
  try {
    if (Array.isArray(obj) || obj instanceof Set) {
      const items = Array.from(obj as Iterable<unknown>);
      // a recovery phrase given word by word: each word alone is an ordinary one
      if (isSeedPhraseList(items) && ctx.policy.detectors.text.some((d) => d.name === "seed_phrase")) {
        return maskWhole(items, "seed_phrase", "secret", "detector:seed_phrase", path, encoding, ctx);
      }
      return walkArray(items, path, states, depth, decodeDepth, encoding, ctx, ancestors);
    }
    const fromMap = obj instanceof Map;
    const own = fromMap ? mapEntries(obj) : ownEntries(obj, limits.maxNodes);
    if (typeof own === "string") return ctx.failClosed(path, own, encoding);
    return walkObject(own[0], own[1], fromMap, path, states, depth, decodeDepth, encoding, ctx, ancestors);
  } finally {
    ancestors.delete(obj);
  }
}

/** Entries of an array, Set or Map, read without iterating (0 for other objects). */
function entryCount(obj: object): number {
  if (Array.isArray(obj)) return obj.length;
  if (obj instanceof Set || obj instanceof Map) return obj.size;
  return 0;
}

const NOT_LEAF = Symbol("not-leaf");

/**
 * A string to defer to the batch, or a primitive no detector reads, met as the child `seg` of
 * `parent` (or at `parent` itself when `seg` is undefined): its path node is made only if something
 * is reported on it (most leaves report nothing). NOT_LEAF for anything else, which `walkValue` walks.
 */
function walkLeaf(
  value: unknown,
  parent: PathRef,
  seg: Segment | undefined,
  mayRepeat: boolean,
  states: Uint32Array | null,
  decodeDepth: number,
  encoding: string | undefined,
  ctx: MaskContext,
): unknown {
  switch (typeof value) {
    case "string":
      if (value.length > 0 && !(ctx.slots && decodeDepth === ctx.slotDepth)) return NOT_LEAF;
      break;
    case "number":
      if (Number.isInteger(value) && Math.abs(value) >= FEWER_THAN_9_DIGITS) return NOT_LEAF;
      break;
    case "boolean":
    case "undefined":
      break;
    default:
      if (value !== null) return NOT_LEAF;
  }
  if (++ctx.nodes > ctx.policy.limits.maxNodes)
    return ctx.failClosed(pathOf(parent, seg, mayRepeat), "size_limit", encoding);
  if (typeof value !== "string" || value.length === 0) return value;
  const slot = new Slot(value, parent, seg, mayRepeat, states, encoding, decodeDepth);
  ctx.slots!.push(slot);
  return slot;
}

type Entries = [keys: string[], values: unknown[]];

// Read whole before walking: a getter that throws makes the object unreadable, not half-masked.
function ownEntries(obj: object, maxKeys: number): Entries | "unreadable" | "size_limit" {
  try {
    const keys = Object.keys(obj);
    if (keys.length > maxKeys) return "size_limit";
    const values = new Array<unknown>(keys.length);
    for (let i = 0; i < keys.length; i++) values[i] = (obj as Record<string, unknown>)[keys[i]!];
    return [keys, values];
  } catch {
    return "unreadable";
  }
}

function mapEntries(map: Map<unknown, unknown>): Entries {
  const keys: string[] = [];
  const values: unknown[] = [];
  for (const [k, v] of map) {
    keys.push(String(k));
    values.push(v);
  }
  return [keys, values];
}

function walkArray(
  items: unknown[],
  path: PathRef,
  states: Uint32Array | null,
  depth: number,
  decodeDepth: number,
  encoding: string | undefined,
  ctx: MaskContext,
  ancestors: Set<object>,
): unknown[] {
  const out: unknown[] = [];
  const matcher = ctx.policy.fields;
  const mayRepeat = ctx.repeatedWalks > 0;
  const named = ctx.itemsNamed ?? namedItemsOf(items);
  ctx.itemsNamed = null;
  let nextNamed = 0;
  for (let i = 0; i < items.length; i++) {
    const childStates = states && matcher.alive(states) ? matcher.advance(states, i, items.length) : null;
    const field = childStates ? matcher.matched(childStates) : undefined;
    const name = named !== null && named[nextNamed]?.at === i ? named[nextNamed++] : undefined;
    let r = field || name ? NOT_LEAF : walkLeaf(items[i], path, i, mayRepeat, childStates, decodeDepth, encoding, ctx);
    if (r === NOT_LEAF) {
      const p = new PathNode(path, i, mayRepeat);
      if (field) r = maskWhole(items[i], "field", "field", `field:${field.source}`, p, encoding, ctx);
      else {
        r =
          name === undefined
            ? NOT_SENSITIVE
            : name.part
              ? maskPart(items[i] as string, name.part, p, encoding, ctx)
              : maskByKeyName(name.cls, name.detector, items[i], p, encoding, ctx);
        if (r === NOT_SENSITIVE)
          r = walkValue(items[i], p, childStates, depth + 1, decodeDepth, encoding, ctx, ancestors);
      }
    }
    if (r === DROP) continue;
    if (r instanceof Slot) {
      // the text stays unless its scan changes it (most do not)
      r.container = out;
      r.key = out.length;
      out.push(r.text);
    } else out.push(r === undefined ? null : r);
  }
  return out;
}

function walkObject(
  keys: string[],
  values: unknown[],
  /** Map keys may repeat once made strings. */
  keysRepeat: boolean,
  path: PathRef,
  states: Uint32Array | null,
  depth: number,
  decodeDepth: number,
  encoding: string | undefined,
  ctx: MaskContext,
  ancestors: Set<object>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const matcher = ctx.policy.fields;
  const kindAt = keys.indexOf("kind");
  const kind = kindAt >= 0 ? values[kindAt] : undefined;
  const k8sSecret = typeof kind === "string" && KIND_SECRET.test(kind);
  const facts = ctx.keyFactsOf(keys);
  const pair = ctx.lastPairFields;
  // a value named by the object's name field, or an OAuth request's code
  const named = pair === null ? ctx.lastOAuthCode : namedValueOf(pair, keys, values);
  // a tool call's output beside a command that prints a secret; a map of secrets by what they are for
  const outputAt = ctx.lastOutputAt;
  const outputCls = outputAt >= 0 ? outputOfSecretRead(keys, values) : null;
  const underSecrets = path instanceof PathNode && path.seg === "secrets";
  // a key that may be masked may come out as another key of the object (or of an object beside it)
  const pathsMayRepeat = keysRepeat || ctx.repeatedWalks > 0 || facts.some((f) => f.matches.length > 0);
  // once a key is renamed (masked), a later key may be written where it was
  let keysMayClash = keysRepeat;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const child = values[i];
    let outKey = maskKey(key, facts[i]!.matches, path, encoding, ctx);
    if (outKey !== key) {
      keysMayClash = true;
      for (let n = 2; Object.hasOwn(out, outKey); n++) outKey = `${outKey.replace(/#\d+$/, "")}#${n}`;
    }
    const seg: Segment = key;
    const childStates = states && matcher.alive(states) ? matcher.advance(states, seg) : null;
    const field = childStates ? matcher.matched(childStates) : undefined;
    const byName = named !== null && named.at === i && facts[i]!.cls === null;
    const cls = byName
      ? named.cls
      : (facts[i]!.cls ??
        codeUnder(path, key) ??
        (i === outputAt ? outputCls : null) ??
        (underSecrets ? inSecretsMap(child) : null));
    // a leaf no field rule and no key name selects: no path node unless it reports something
    let r =
      field || cls ? NOT_LEAF : walkLeaf(child, path, outKey, pathsMayRepeat, childStates, decodeDepth, encoding, ctx);
    if (r === NOT_LEAF) {
      const p = new PathNode(path, outKey, pathsMayRepeat);
      if (field) r = maskWhole(child, "field", "field", `field:${field.source}`, p, encoding, ctx);
      else if (k8sSecret && (key === "data" || key === "stringData") && child && typeof child === "object") {
        r = maskSecretData(child as object, p, encoding, ctx);
      } else {
        r = maskByKeyName(cls, byName ? named.detector : `key:${outKey}`, child, p, encoding, ctx);
        if (r === NOT_SENSITIVE) {
          ctx.itemsNamed = itemsNamedBeside(keys, values, i);
          r = walkValue(child, p, childStates, depth + 1, decodeDepth, encoding, ctx, ancestors);
          ctx.itemsNamed = null;
        }
      }
    }
    if (r === DROP || r === undefined) continue;
    if (r instanceof Slot) {
      r.container = out;
      r.key = outKey;
      // the scan writes its result after the walk: where keys may clash it must, to keep the last one
      r.rewrite = keysMayClash;
      setOwn(out, outKey, r.text);
    } else setOwn(out, outKey, r);
  }
  return out;
}

/**
 * `{"mfa": {"code": …}}`, `{"verification": {"code": …}}`: a code named by the key the object sits
 * under, as `mfa_code` would name it (`{"error": {"code": …}}` names none).
 */
function codeUnder(path: PathRef, key: string): KeyClass | null {
  if ((key !== "code" && key !== "codes") || !(path instanceof PathNode) || typeof path.seg !== "string") return null;
  return classifyKey(`${path.seg}_${key}`);
}

const SECRET_VALUE: KeyClass = { type: "secret", strength: "strong", numeric: false };

/**
 * `{"secrets": {"db": "S3cretPass99"}}`: a map of secrets by what they are for, whose keys name no
 * credential. A value is one when it would pass as one in a sentence (letters and digits, or random);
 * a path, a reference or a word (`{"secrets": {"provider": "vault", "path": "secret/db"}}`) stays.
 */
function inSecretsMap(child: unknown): KeyClass | null {
  if (typeof child !== "string") return null;
  if (/[\s/]/.test(child) || isReferenceOnly(child) || !proseCredential(child)) return null;
  return SECRET_VALUE;
}

const NOT_SENSITIVE = Symbol("not-sensitive");

/** `-pS3cret`, `scott/S3cret@orcl`: the flag, the user and the database stay, the password goes. */
function maskPart(
  item: string,
  part: { offset: number; end: number },
  path: PathRef,
  encoding: string | undefined,
  ctx: MaskContext,
) {
  const password = item.slice(part.offset, part.end);
  const r = ctx.replace(password, "password", "secret", "detector:cli_password", path, encoding, false);
  return item.slice(0, part.offset) + (r === DROP ? redactedToken("password") : r) + item.slice(part.end);
}

function maskByKeyName(
  cls: KeyClass | null,
  detector: string,
  value: unknown,
  path: PathRef,
  encoding: string | undefined,
  ctx: MaskContext,
): unknown {
  if (value === null || value === undefined || typeof value === "boolean") return NOT_SENSITIVE;
  if (!cls) return NOT_SENSITIVE;
  // a value the policy declares public is shown under any name
  const allowed = ctx.policy.detectors.allowed;
  if (allowed && (typeof value === "string" || typeof value === "number") && allowed(String(value)))
    return NOT_SENSITIVE;
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

function maskSecretData(data: object, path: PathRef, encoding: string | undefined, ctx: MaskContext): unknown {
  const out: Record<string, unknown> = {};
  const own = ownEntries(data, ctx.policy.limits.maxNodes);
  if (typeof own === "string") return ctx.failClosed(path, own, encoding);
  const [keys, values] = own;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const v = values[i];
    const k = maskKey(key, ctx.policy.keys(key).matches, path, encoding, ctx);
    const p = new PathNode(path, k, true);
    const r = maskWhole(v, "kubernetes_secret", "secret", "detector:kubernetes_secret", p, encoding, ctx);
    if (r !== DROP) setOwn(out, k, r);
  }
  return out;
}
