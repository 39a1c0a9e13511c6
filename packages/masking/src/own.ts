// Keys come from requests, and a request may name any key: `constructor`, `toString`, `__proto__`.
// A plain object used as a table answers those from Object.prototype (`ROOTS.constructor` is a
// function), and `out.__proto__ = v` sets a prototype instead of adding a key.

/** A lookup table without a prototype: only its own entries answer. */
export function table<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}

/** `obj[key] = value` as an own property for every key, `__proto__` included (as JSON.parse does). */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__")
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
}
