import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import {
  decideByPolicy,
  explainMatch,
  formatPath,
  type Policy,
  type PolicyProblem,
  REQUESTER_TYPES,
} from "@countersign/approvals/policy/index";
import { parse } from "yaml";
import { z } from "zod";

export const TEST_FILE_SUFFIX = ".policy-test.yaml";
const DECISION_MODES = ["approval_required", "auto_approved", "denied_by_policy"] as const;

const TestCase = z
  .object({
    name: z.string().min(1),
    request: z
      .object({
        action: z.string().min(1),
        resource: z.string().min(1).optional(),
        environment: z.string().min(1).optional(),
        requester: z
          .object({ type: z.enum(REQUESTER_TYPES), id: z.string().min(1), on_behalf_of: z.string().min(1).optional() })
          .strict(),
      })
      .strict(),
    expect: z
      .object({
        rule: z.string().min(1).nullable(),
        decision_mode: z.enum(DECISION_MODES),
        approvers: z.array(z.string()).optional(),
        required_approvals: z.number().int().min(0).optional(),
      })
      .strict(),
  })
  .strict();
type TestCase = z.infer<typeof TestCase>;

const PolicyTestFile = z.object({ cases: z.array(TestCase).min(1) }).strict();

export type LoadedTests = { ok: true; path: string; cases: TestCase[] } | { ok: false; problems: PolicyProblem[] };

/** The paths to test: each file as given, each directory's *.policy-test.yaml, else the current directory's. */
export async function findTestFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths.length ? paths : ["."]) {
    const isDirectory = await stat(path).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!isDirectory) {
      files.push(path);
      continue;
    }
    const names = (await readdir(path)).filter((name) => name.endsWith(TEST_FILE_SUFFIX)).sort();
    files.push(...names.map((name) => join(path, name)));
  }
  return files;
}

export async function loadTestFile(path: string): Promise<LoadedTests> {
  let document: unknown;
  try {
    document = parse(await readFile(path, "utf8"));
  } catch (error) {
    const message = (error as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : (error as Error).message;
    return { ok: false, problems: [{ path: "", message }] };
  }
  const result = PolicyTestFile.safeParse(document);
  if (result.success) return { ok: true, path, cases: result.data.cases };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
  };
}

export interface CaseResult {
  name: string;
  ok: boolean;
  failures: { field: string; expected: unknown; actual: unknown }[];
  actual: { rule: string | null; decision_mode: string; approvers: string[]; required_approvals: number };
  explanation: string[];
}

/** What the server would decide for the case's request (as create-request does), against what it expects. */
export function runCase(policy: Policy, test: TestCase): CaseResult {
  const { request, expect } = test;
  const explained = explainMatch(policy, request);
  const decision = decideByPolicy(policy, request);
  const actual = {
    rule: decision.rule?.name ?? null,
    decision_mode: decision.decisionMode,
    approvers: decision.approvers,
    required_approvals: decision.requiredApprovals,
  };
  const failures: CaseResult["failures"] = [];
  const check = (field: string, expected: unknown, got: unknown, same = expected === got) => {
    if (!same) failures.push({ field, expected, actual: got });
  };
  check("rule", expect.rule, actual.rule);
  check("decision_mode", expect.decision_mode, actual.decision_mode);
  if (expect.approvers)
    check("approvers", expect.approvers, actual.approvers, sameEmails(expect.approvers, actual.approvers));
  if (expect.required_approvals !== undefined)
    check("required_approvals", expect.required_approvals, actual.required_approvals);
  return { name: test.name, ok: failures.length === 0, failures, actual, explanation: explained.explanation };
}

// Order carries no meaning (any of them may decide) and the engine lower-cases emails.
function sameEmails(expected: string[], actual: string[]): boolean {
  const normalize = (list: string[]) => [...new Set(list.map((e) => e.trim().toLowerCase()))].sort().join("\n");
  return normalize(expected) === normalize(actual);
}
