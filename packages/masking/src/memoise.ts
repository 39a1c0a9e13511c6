/**
 * A pure function of a string, memoised: payloads repeat the same keys and short values row after
 * row. The memo is emptied when it reaches `maxEntries`, so hostile input bounds its memory.
 */
export function memoise<T>(compute: (key: string) => T, maxEntries: number): (key: string) => T {
  const memo = new Map<string, T>();
  return (key) => {
    const known = memo.get(key);
    if (known !== undefined) return known;
    const result = compute(key);
    if (memo.size >= maxEntries) memo.clear();
    memo.set(key, result);
    return result;
  };
}
