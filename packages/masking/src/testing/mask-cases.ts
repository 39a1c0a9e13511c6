// Table-driven text cases for the masker's tests: what each input masks to, and what comes back as it was.
import { expect } from "vitest";
import { createMasker } from "../mask";

const m = createMasker();

/** Each input masks to its expected text (with the default detectors). */
export function masksTo(cases: Array<[input: string, expected: string]>): void {
  for (const [input, expected] of cases) expect(m.maskText(input), input).toBe(expected);
}

/** Each text comes back as it was. */
export function keeps(texts: string[]): void {
  for (const text of texts) expect(m.maskText(text), text).toBe(text);
}
