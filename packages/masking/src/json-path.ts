// The subset of JSONPath (RFC 9535) that field rules need: child and recursive-descent segments,
// names, wildcards, indices and unions. Compiled once into steps, then matched incrementally while
// walking, so each node costs one bitmask update per rule instead of a re-match from the root.

export type Segment = string | number;

interface Step {
  descendant: boolean;
  names: string[] | null;
  indices: number[] | null;
  wildcard: boolean;
}

export interface CompiledPath {
  source: string;
  steps: Step[];
}

export class JsonPathError extends Error {}

const NAME_CHAR = /[A-Za-z0-9_$\-@]/;

export function parseJsonPath(source: string): CompiledPath {
  if (!source.startsWith("$")) throw new JsonPathError("must start with $");
  const steps: Step[] = [];
  let i = 1;
  const fail = (why: string): never => {
    throw new JsonPathError(`${why} at position ${i}`);
  };
  while (i < source.length) {
    let descendant = false;
    if (source.startsWith("..", i)) {
      descendant = true;
      i += 2;
    } else if (source[i] === ".") {
      i += 1;
    } else if (source[i] !== "[") {
      fail(`unexpected "${source[i]}"`);
    }
    if (source[i] === "[") {
      const close = findBracketEnd(source, i);
      if (close < 0) fail("unclosed [");
      steps.push(parseSelectors(source.slice(i + 1, close), descendant, fail));
      i = close + 1;
      continue;
    }
    if (source[i] === "*") {
      steps.push({ descendant, names: null, indices: null, wildcard: true });
      i += 1;
      continue;
    }
    const start = i;
    while (i < source.length && NAME_CHAR.test(source[i]!)) i++;
    if (i === start) fail("expected a name, * or [");
    steps.push({ descendant, names: [source.slice(start, i)], indices: null, wildcard: false });
  }
  if (steps.length > 30) throw new JsonPathError("too many segments (max 30)");
  return { source, steps };
}

function findBracketEnd(s: string, open: number): number {
  let quote: string | null = null;
  for (let i = open + 1; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "]") return i;
  }
  return -1;
}

function parseSelectors(inner: string, descendant: boolean, fail: (why: string) => never): Step {
  const step: Step = { descendant, names: null, indices: null, wildcard: false };
  const parts = splitUnion(inner.trim());
  if (parts.length === 0) fail("empty []");
  for (const raw of parts) {
    const part = raw.trim();
    if (part === "*") step.wildcard = true;
    else if (/^-?\d+$/.test(part)) {
      step.indices = [...(step.indices ?? []), Number(part)];
    } else if (/^'(?:[^'\\]|\\.)*'$|^"(?:[^"\\]|\\.)*"$/.test(part)) {
      step.names = [...(step.names ?? []), part.slice(1, -1).replace(/\\(.)/g, "$1")];
    } else fail(`unsupported selector "${part}" (names, indices, * only)`);
  }
  return step;
}

function splitUnion(s: string): string[] {
  const out: string[] = [];
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === ",") {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  if (s.length > 0) out.push(s.slice(start));
  return out;
}

function stepMatches(step: Step, seg: Segment, arrayLength: number): boolean {
  if (step.wildcard) return true;
  if (typeof seg === "number") {
    return step.indices?.some((n) => (n < 0 ? arrayLength + n : n) === seg) ?? false;
  }
  return step.names?.includes(seg) ?? false;
}

/**
 * Match state of a set of paths: bit p of states[r] means "the first p steps of path r match the path so far".
 */
export class PathMatcher {
  constructor(readonly paths: CompiledPath[]) {}

  initial(): Uint32Array {
    const s = new Uint32Array(this.paths.length);
    s.fill(1);
    return s;
  }

  /** States after descending into `seg`; `arrayLength` resolves negative indices. */
  advance(states: Uint32Array, seg: Segment, arrayLength = 0): Uint32Array {
    const next = new Uint32Array(states.length);
    for (let r = 0; r < this.paths.length; r++) {
      const steps = this.paths[r]!.steps;
      let bits = states[r]!;
      let out = 0;
      for (let p = 0; bits !== 0 && p < steps.length; p++, bits >>>= 1) {
        if ((bits & 1) === 0) continue;
        const step = steps[p]!;
        if (step.descendant) out |= 1 << p;
        if (stepMatches(step, seg, arrayLength)) out |= 1 << (p + 1);
      }
      next[r] = out;
    }
    return next;
  }

  /** The first path fully matched by `states`, if any. */
  matched(states: Uint32Array): CompiledPath | undefined {
    for (let r = 0; r < this.paths.length; r++) {
      const n = this.paths[r]!.steps.length;
      if ((states[r]! >>> n) & 1) return this.paths[r];
    }
    return undefined;
  }

  /** False when no path can match anything below the current node, so the walk can stop advancing. */
  alive(states: Uint32Array): boolean {
    for (let r = 0; r < states.length; r++) if (states[r] !== 0) return true;
    return false;
  }
}

const SIMPLE_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function childPath(parent: string, seg: Segment): string {
  if (typeof seg === "number") return `${parent}[${seg}]`;
  if (SIMPLE_NAME.test(seg)) return `${parent}.${seg}`;
  return `${parent}['${seg.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}']`;
}
