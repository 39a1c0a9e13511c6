// Which of many literal strings occur in a text, in one pass. A regex alternation of a hundred
// literals is slow in V8 and a hundred `includes` calls read the text a hundred times; a table of
// the literals' first two characters rejects almost every position with one array read.

export class LiteralIndex {
  private readonly table = new Uint8Array(128 * 128);
  private readonly buckets = new Map<number, string[]>();

  constructor(literals: Iterable<string>) {
    for (const l of literals) {
      if (l.length < 2) throw new Error(`literal "${l}" is too short to index`);
      const key = pairKey(l.charCodeAt(0), l.charCodeAt(1));
      if (key < 0) throw new Error(`literal "${l}" must start with two ASCII characters`);
      this.table[key] = 1;
      const list = this.buckets.get(key) ?? [];
      list.push(l);
      this.buckets.set(key, list);
    }
  }

  /** The literals that occur in `text`. */
  present(text: string): Set<string> {
    const found = new Set<string>();
    const table = this.table;
    let c1 = text.length > 0 ? text.charCodeAt(0) : 0;
    for (let i = 0; i + 1 < text.length; i++) {
      const c0 = c1;
      c1 = text.charCodeAt(i + 1);
      if (c0 >= 128 || c1 >= 128 || table[c0 * 128 + c1] === 0) continue;
      for (const l of this.buckets.get(c0 * 128 + c1)!) if (!found.has(l) && text.startsWith(l, i)) found.add(l);
    }
    return found;
  }
}

function pairKey(c0: number, c1: number): number {
  return c0 < 128 && c1 < 128 ? c0 * 128 + c1 : -1;
}
