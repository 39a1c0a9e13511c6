// Which of many literal strings occur in a text, in one pass. A regex alternation of a hundred
// literals is slow in V8 and a hundred `includes` calls read the text a hundred times; a table of
// the literals' first two characters rejects almost every position with one array read.

export class LiteralIndex {
  /** Bucket number + 1 for each pair of leading ASCII characters, 0 when no literal starts so. */
  private readonly table = new Uint16Array(128 * 128);
  private readonly buckets: number[][] = [];
  readonly literals: string[];

  constructor(literals: Iterable<string>) {
    this.literals = [...new Set(literals)];
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
  }

  /** Ids (indices into `literals`) of the literals that occur in `text`, each once. */
  present(text: string): number[] {
    const found: number[] = [];
    const table = this.table;
    const n = text.length - 1;
    let c1 = text.length > 0 ? text.charCodeAt(0) : 0;
    for (let i = 0; i < n; i++) {
      const c0 = c1;
      c1 = text.charCodeAt(i + 1);
      if ((c0 | c1) >= 128) continue;
      const b = table[(c0 << 7) | c1]!;
      if (b === 0) continue;
      for (const id of this.buckets[b - 1]!) {
        if (found.includes(id)) continue;
        const l = this.literals[id]!;
        if (l.length === 2 || text.startsWith(l, i)) found.push(id);
      }
    }
    return found;
  }
}

function pairKey(c0: number, c1: number): number {
  return c0 < 128 && c1 < 128 ? c0 * 128 + c1 : -1;
}
