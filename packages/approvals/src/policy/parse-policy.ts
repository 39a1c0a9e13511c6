import { createHash } from "node:crypto";
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type YAMLError } from "yaml";
import type { z } from "zod";
import { Policy } from "./policy-schema";

export type PolicyProblem = {
  /** Where in the document, dotted like `rules[1].require.approvals`; empty for YAML syntax errors. */
  path: string;
  message: string;
  /** 1-based position in the file, when it could be located. */
  line?: number;
  column?: number;
};

export type ParsePolicyResult =
  | { ok: true; policy: Policy; version: string; source: string }
  | { ok: false; problems: PolicyProblem[]; source: string };

export const DEFAULT_POLICY_SOURCE = "countersign.policy.yaml";

type Path = (string | number)[];

/** `sha256:` + hex SHA-256 of the exact bytes, so the version names what was on disk. */
export function policyVersion(content: string | Uint8Array): string {
  return `sha256:${createHash("sha256").update(content).digest("hex")}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && /^[^\s[\]"]+$/.test(key)) out += out === "" ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  const text = JSON.stringify(value) ?? String(value);
  return `${typeof value} ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`;
}

const EXPECTED: Record<string, string> = {
  object: "a mapping",
  array: "a list",
  string: "a string",
  int: "an integer",
};

const messages: z.core.$ZodErrorMap = (issue) => {
  if (issue.code !== "invalid_type") return undefined;
  if (issue.input === undefined) return "required";
  return `expected ${EXPECTED[issue.expected] ?? `a ${issue.expected}`}, got ${describe(issue.input)}`;
};

function expectation(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_value") return issue.values.map((value) => JSON.stringify(value)).join(" or ");
  if (issue.code === "invalid_type") return EXPECTED[issue.expected] ?? `a ${issue.expected}`;
  return issue.message;
}

/** Finds the node at `path` (or its nearest ancestor) to report a position. */
function locate(doc: ReturnType<typeof parseDocument>, path: Path, atKey: boolean): [number, number] | undefined {
  let node: unknown = doc.contents;
  let found = node;
  for (const [i, step] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value === step : p.key === step));
      if (!pair) break;
      node = atKey && i === path.length - 1 ? pair.key : pair.value;
    } else if (isSeq(node) && typeof step === "number") {
      node = node.items[step];
    } else {
      break;
    }
    if (isAlias(node)) node = node.resolve(doc);
    if (node == null) break;
    found = node;
  }
  const range = (found as { range?: [number, number, number] } | null)?.range;
  return range ? [range[0], range[1]] : undefined;
}

function toPath(path: readonly PropertyKey[]): Path {
  return path.map((key) => (typeof key === "number" ? key : String(key)));
}

function issueProblems(issue: z.core.$ZodIssue): { path: Path; message: string; atKey: boolean }[] {
  const path = toPath(issue.path);
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({ path: [...path, key], message: "unknown key", atKey: true }));
  }
  if (issue.code === "invalid_key") {
    const why = issue.issues.map((inner) => inner.message).join("; ");
    return [{ path, message: `invalid name: ${why}`, atKey: true }];
  }
  if (issue.code === "invalid_union") {
    // A branch that got inside the value (e.g. a list with a bad item) says exactly what is wrong.
    const deeper = issue.errors.find((branch) => branch.some((inner) => inner.path.length > 0));
    if (deeper) return deeper.flatMap((inner) => issueProblems({ ...inner, path: [...issue.path, ...inner.path] }));
    const options = issue.errors.flat().map(expectation);
    return [{ path, message: `expected ${options.join(" or ")}`, atKey: false }];
  }
  return [{ path, message: issue.message, atKey: false }];
}

function yamlProblem(error: YAMLError, lines: LineCounter, prefix = ""): PolicyProblem {
  const { line, col } = lines.linePos(error.pos[0]);
  // The library's own wording for this one gives advice about its API, not about the file.
  const message = error.code === "MULTIPLE_DOCS" ? "a policy is one YAML document; remove the ---" : error.message;
  return { path: "", message: `${prefix}${message}`, line, column: col };
}

/**
 * Parses and validates a policy file's content. Never throws: every problem found (YAML syntax,
 * schema, cross-references) comes back at once, so one `policy check` shows them all.
 */
export function parsePolicy(content: string | Uint8Array, source: string = DEFAULT_POLICY_SOURCE): ParsePolicyResult {
  try {
    let text: string;
    try {
      text = typeof content === "string" ? content : new TextDecoder("utf-8", { fatal: true }).decode(content);
    } catch {
      return { ok: false, source, problems: [{ path: "", message: "the file is not valid UTF-8" }] };
    }
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, merge: true, uniqueKeys: true });
    const yamlProblems = [
      ...doc.errors.map((error) => yamlProblem(error, lines)),
      ...doc.warnings.map((warning) => yamlProblem(warning, lines, "YAML warning: ")),
    ];
    if (yamlProblems.length > 0) return { ok: false, source, problems: yamlProblems };

    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      return { ok: false, source, problems: [{ path: "", message: `YAML: ${(error as Error).message}` }] };
    }
    if (data === null || data === undefined) {
      return {
        ok: false,
        source,
        problems: [{ path: "", message: "the file is empty; a policy starts with version: 1" }],
      };
    }

    const parsed = Policy.safeParse(data, { error: messages });
    if (parsed.success) return { ok: true, policy: parsed.data, version: policyVersion(content), source };

    const problems = parsed.error.issues.flatMap(issueProblems).map(({ path, message, atKey }): PolicyProblem => {
      const at = locate(doc, path, atKey);
      const position = at ? lines.linePos(at[0]) : undefined;
      return {
        path: formatPath(path),
        message,
        ...(position ? { line: position.line, column: position.col } : {}),
      };
    });
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    return { ok: false, source, problems };
  } catch (error) {
    // A bug here must surface as a refused policy, not as a crash at start.
    return { ok: false, source, problems: [{ path: "", message: `internal error: ${(error as Error).message}` }] };
  }
}
