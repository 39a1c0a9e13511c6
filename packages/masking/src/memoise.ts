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

/**
 * A pure function of a string that remembers only its last answer: for checks asked about the same
 * token twice in a row (by two filters), where a memo of many entries would cost more than it saves.
 */
export function rememberLast<T>(compute: (key: string) => T): (key: string) => T {
  let lastKey: string | undefined;
  let last: T;
  return (key) => {
    if (key !== lastKey) {
      last = compute(key);
      lastKey = key;
    }
    return last;
  };
}
