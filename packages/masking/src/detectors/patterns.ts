// Runs many single-regex token rules cheaply: one trigger regex finds which literal prefixes occur
// at all, and only the rules owning those prefixes run. Most strings in a payload hit no trigger.
import { LiteralIndex } from "./literal-index";
import type { Category, Detector, Match } from "./types";

export interface PatternSpec {
  /** Detector name used in findings (`detector:<name>`) and in the policy's detector list. */
  detector: string;
  type: string;
  /** Must be global; compiled again with the `d` flag to locate `group`. */
  re: RegExp;
  /**
   * Literal substrings, one of which occurs in every match. Literals of one character are checked
   * with `includes`; an empty list runs the rule on every text.
   */
  literals: string[];
  /** Cheaper structural pre-check than the regex; false: no match can exist in this text. */
  gate?: (text: string) => boolean;
  group?: number;
  /** Extra check on the masked part; false drops the match. */
  valid?: (value: string) => boolean;
  /** Extend the match over following token characters, so a short pattern never leaves a tail. */
  widen?: boolean;
  /**
   * Every match starts where one of `literals` occurs (the pattern is `\b` and the literal, then
   * the rest): the pattern is then tried there only, not scanned over the whole text.
   */
  anchored?: boolean;
  /**
   * For an anchored rule: a cheap check at one position where a literal occurs; false when no match
   * can start there. With one, the rule is tried only where its literals occur even when they occur
   * too often for the index to list (they are then found one by one), never by a scan.
   */
  startsAt?: (text: string, at: number) => boolean;
}

const TOKEN_CHAR = /[A-Za-z0-9_-]/;
const MAX_WIDEN = 4096;

export function patternDetector(name: string, category: Category, specs: PatternSpec[]): Detector {
  const compiled = specs.map((s) => ({
    ...s,
    re: new RegExp(s.re.source, `${s.re.flags.replace("d", "")}d`),
    sticky: new RegExp(s.re.source, `${s.re.flags.replace(/[dgy]/g, "")}dy`),
  }));
  const byLiteral = new Map<string, number[]>();
  const always: number[] = [];
  const single: { chars: string[]; spec: number }[] = [];
  compiled.forEach((s, i) => {
    if (s.literals.length === 0) {
      always.push(i);
      return;
    }
    // a one-character literal ("." for Discord, "|" for Facebook) cannot be indexed: test it with includes
    if (s.literals.some((l) => l.length < 2)) {
      single.push({ chars: s.literals, spec: i });
      return;
    }
    for (const l of s.literals) {
      const list = byLiteral.get(l) ?? [];
      list.push(i);
      byLiteral.set(l, list);
    }
  });
  const index = new LiteralIndex(
    byLiteral.keys(),
    compiled.filter((s) => s.anchored).flatMap((s) => s.literals),
  );
  const specsOf = index.literals.map((l) => byLiteral.get(l)!);
  const idOf = new Map(index.literals.map((l, id) => [l, id]));

  return {
    name,
    category,
    // every provider token is at least 16 characters without whitespace
    applies: (p) => p.longestWord >= 16,
    scan(text: string, out: Match[]) {
      const run = new Set<number>(always);
      const present = index.present(text);
      for (const id of present) for (const i of specsOf[id]!) run.add(i);
      for (const s of single) if (s.chars.some((c) => text.includes(c))) run.add(s.spec);
      for (const i of run) {
        const spec = compiled[i]!;
        if (spec.gate && !spec.gate(text)) continue;
        let lists = spec.anchored ? spec.literals.map((l) => literalPositions(l, idOf, present, index)) : null;
        if (lists !== null && spec.startsAt && !lists.every((l) => l !== null)) {
          lists = spec.literals.map((l) => occurrences(text, l));
        }
        if (lists?.every((l) => l !== null)) {
          // tried where its literals occur, in order, never overlapping (as a global scan would find)
          const at = ascendingPositions(lists as number[][]);
          const re = spec.sticky;
          let done = 0;
          for (const p of at) {
            if (p < done || (spec.startsAt && !spec.startsAt(text, p))) continue;
            re.lastIndex = p;
            const m = re.exec(text);
            if (m === null || m[0].length === 0) continue;
            done = p + m[0].length;
            emit(spec, m, text, out, category);
          }
          continue;
        }
        const re = spec.re;
        re.lastIndex = 0;
        for (let m = re.exec(text); m !== null; m = re.exec(text)) {
          if (m[0].length === 0) {
            re.lastIndex++;
            continue;
          }
          emit(spec, m, text, out, category);
        }
      }
    },
  };
}

/**
 * Where `literal` occurs in the text `present` was read from: none when it does not occur, null
 * when it occurs too often to be tried one place at a time.
 */
function literalPositions(
  literal: string,
  idOf: Map<string, number>,
  present: number[],
  index: LiteralIndex,
): number[] | null {
  const id = idOf.get(literal);
  return id !== undefined && present.includes(id) ? (index.positions[id] as number[] | null) : [];
}

/** Every position where `literal` occurs in `text`, ascending. */
function occurrences(text: string, literal: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(literal); i >= 0; i = text.indexOf(literal, i + 1)) out.push(i);
  return out;
}

/** Adds the match of `spec` (its group, widened if it asks) to `out` when its value passes `valid`. */
function emit(spec: PatternSpec, m: RegExpExecArray, text: string, out: Match[], category: Category): void {
  const g = spec.group ?? 0;
  const span = m.indices?.[g];
  const value = m[g];
  if (!span || value === undefined) return;
  if (spec.valid && !spec.valid(value)) return;
  let end = span[1];
  if (spec.widen) while (end < text.length && end - span[0] < MAX_WIDEN && TOKEN_CHAR.test(text[end]!)) end++;
  out.push({ start: span[0], end, type: spec.type, detector: spec.detector, category });
}

/** The positions of several literals in one ascending list (most often only one of them occurs). */
function ascendingPositions(lists: number[][]): number[] {
  let only: number[] | null = null;
  for (const list of lists) {
    if (list.length === 0) continue;
    if (only !== null) return lists.flat().sort((a, b) => a - b);
    only = list;
  }
  return only ?? [];
}
