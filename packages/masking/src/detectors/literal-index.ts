// Which of many literal strings occur in a text, in one pass. A regex alternation of a hundred
// literals is slow in V8 and a hundred `includes` calls read the text a hundred times; a table of
// the literals' first two characters rejects almost every position with one array read, and a mask
// of the third characters rejects most of the rest (common English pairs such as "se" or "li" start
// a literal or two but are rarely followed by its third character). The literals are registered with
// the text profile, whose pass records where they may start: the index then reads only those positions.
import { literalPairHits, registerLiterals } from "./text-starts";

export class LiteralIndex {
  /** Bucket number + 1 for each pair of leading ASCII characters, 0 when no literal starts so. */
  private readonly table = new Uint16Array(128 * 128);
  private readonly buckets: number[][] = [];
  /** Per bucket, four 32-bit words: the ASCII third characters its literals continue with. */
  private thirds = new Uint32Array(0);
  /** Per bucket: 1 when a literal of two characters (or a non-ASCII third one) makes every position a hit. */
  private anyThird = new Uint8Array(0);
  /** Per literal: the call in which it was last found, so `present` reports each literal once. */
  private readonly seen: Uint32Array;
  private call = 0;
  readonly literals: string[];
  /**
   * After `present`: the positions (ascending) of each tracked literal it reported, or null when
   * there were more than `MAX_POSITIONS` (a text made of the literal: the caller then scans).
   */
  readonly positions: (number[] | null)[];
  private readonly tracked: Uint8Array;

  /** `track`: the literals whose positions `present` records. */
  constructor(literals: Iterable<string>, track: Iterable<string> = []) {
    this.literals = [...new Set(literals)];
    this.seen = new Uint32Array(this.literals.length);
    this.positions = this.literals.map(() => []);
    const tracked = new Set(track);
    this.tracked = Uint8Array.from(this.literals, (l) => (tracked.has(l) ? 1 : 0));
    this.literals.forEach((l, id) => {
      if (l.length < 2) throw new Error(`literal "${l}" is too short to index`);
      const key = pairKey(l.charCodeAt(0), l.charCodeAt(1));
      if (key < 0) throw new Error(`literal "${l}" must start with two ASCII characters`);
      if (this.table[key] === 0) {
        this.buckets.push([]);
        this.table[key] = this.buckets.length;
      }
      this.buckets[this.table[key]! - 1]!.push(id);
    });
    registerLiterals(this.literals);
    this.thirds = new Uint32Array(this.buckets.length * 4);
    this.anyThird = new Uint8Array(this.buckets.length);
    this.buckets.forEach((ids, b) => {
      for (const id of ids) {
        const l = this.literals[id]!;
        const c = l.length > 2 ? l.charCodeAt(2) : -1;
        if (c < 0 || c >= 128) this.anyThird[b] = 1;
        else this.thirds[b * 4 + (c >> 5)]! |= 1 << (c & 31);
      }
    });
  }

  /** Ids (indices into `literals`) of the literals that occur in `text`, each once. */
  present(text: string): number[] {
    const found: number[] = [];
    if (++this.call === 0xffffffff) {
      this.seen.fill(0);
      this.call = 1;
    }
    const hits = literalPairHits(text);
    if (hits !== null) {
      for (const i of hits) this.test(text, i, found);
      return found;
    }
    // not profiled: the same test at every position, with a table read rejecting most of them first
    const table = this.table;
    const n = text.length - 1;
    let c1 = text.length > 0 ? text.charCodeAt(0) : 0;
    for (let i = 0; i < n; i++) {
      const c0 = c1;
      c1 = text.charCodeAt(i + 1);
      if ((c0 | c1) < 128 && table[(c0 << 7) | c1] !== 0) this.test(text, i, found);
    }
    return found;
  }

  /** The literals starting at `i`, added to `found` (and their positions recorded). */
  private test(text: string, i: number, found: number[]): void {
    const c0 = text.charCodeAt(i);
    const c1 = text.charCodeAt(i + 1);
    if ((c0 | c1) >= 128) return;
    const b = this.table[(c0 << 7) | c1]!;
    if (b === 0) return;
    if (this.anyThird[b - 1] === 0) {
      const c2 = i + 2 < text.length ? text.charCodeAt(i + 2) : 128;
      if (c2 >= 128 || (this.thirds[(b - 1) * 4 + (c2 >> 5)]! & (1 << (c2 & 31))) === 0) return;
    }
    const stamp = this.call;
    for (const id of this.buckets[b - 1]!) {
      const first = this.seen[id] !== stamp;
      // found already and no positions wanted (or too many): nothing more to learn here
      if (!first && (this.tracked[id] === 0 || this.positions[id] === null)) continue;
      const l = this.literals[id]!;
      if (l.length !== 2 && !text.startsWith(l, i)) continue;
      if (first) {
        this.seen[id] = stamp;
        found.push(id);
        if (this.tracked[id] === 0) continue;
        this.positions[id] = [];
      }
      const list = this.positions[id]!;
      if (list.length < MAX_POSITIONS) list.push(i);
      else this.positions[id] = null;
    }
  }
}

/** Past this many occurrences, trying a pattern at each costs more than one scan of the text. */
const MAX_POSITIONS = 256;

function pairKey(c0: number, c1: number): number {
  return c0 < 128 && c1 < 128 ? c0 * 128 + c1 : -1;
}
