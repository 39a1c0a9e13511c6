// Policy authors can add their own regexes; a careless one must not be able to stall the server.
// The rule enforced here is the one the built-in detectors follow: every repetition is bounded
// ({m,n} with n ≤ 1000), no backreferences, and a repeated group contains neither another repetition
// nor an alternation. Then the work the engine can do from one start position is bounded by a
// constant, so a scan stays linear in the length of the input.

export const MAX_CUSTOM_REGEX_LENGTH = 512;
const MAX_BOUND = 1000;

interface Frame {
  quantified: boolean;
  alternation: boolean;
}

/** Why a custom pattern is unsafe or invalid, or null when it is acceptable. */
export function regexProblem(source: string): string | null {
  if (source.length === 0) return "is empty";
  if (source.length > MAX_CUSTOM_REGEX_LENGTH) return `is longer than ${MAX_CUSTOM_REGEX_LENGTH} characters`;
  try {
    new RegExp(source, "u");
  } catch (e) {
    return `does not compile: ${(e as Error).message}`;
  }
  const stack: Frame[] = [{ quantified: false, alternation: false }];
  let closed: Frame | null = null;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === "\\") {
      const next = source[i + 1] ?? "";
      if (/[1-9]/.test(next) || next === "k") return "uses a backreference";
      i++;
      closed = null;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    const top = stack[stack.length - 1]!;
    if (c === "[") {
      inClass = true;
      closed = null;
    } else if (c === "(") {
      stack.push({ quantified: false, alternation: false });
      if (source[i + 1] === "?") i += source[i + 2] === "<" && source[i + 3] !== "=" && source[i + 3] !== "!" ? 1 : 2;
      closed = null;
    } else if (c === ")") {
      const frame = stack.pop()!;
      const parent = stack[stack.length - 1]!;
      if (frame.quantified) parent.quantified = true;
      closed = frame;
    } else if (c === "|") {
      top.alternation = true;
      closed = null;
    } else if (c === "*" || c === "+") {
      return `uses an unbounded "${c}"; use a bounded repetition such as {1,64}`;
    } else if (c === "?" || (c === "{" && /^\{\d+(,\d*)?\}/.test(source.slice(i)))) {
      let max = 1;
      let min = 0;
      if (c === "{") {
        const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(source.slice(i))!;
        if (m[2] !== undefined && m[3] === "") return "uses an unbounded {n,}; give an upper bound";
        min = Number(m[1]);
        max = m[2] === undefined ? min : Number(m[3]);
        if (max > MAX_BOUND) return `repeats more than ${MAX_BOUND} times`;
        i += m[0].length - 1;
      }
      if (source[i + 1] === "?") i++;
      if (closed && max > 1 && (closed.quantified || closed.alternation)) {
        return "repeats a group that contains a repetition or an alternation (can backtrack catastrophically)";
      }
      // an exact count ({4}) gives the engine no choices, so it may sit inside a repeated group
      if (max > min) top.quantified = true;
      closed = null;
    } else {
      closed = null;
    }
  }
  return null;
}
