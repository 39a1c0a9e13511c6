import { globMatches, isGlob } from "./glob";
import { MATCH_KEYS, type MatchKey, type Policy, type PolicyRule } from "./policy-schema";

/** What rules are matched against; CLI `policy explain` may leave out everything but the action. */
export type MatchRequest = {
  action: string;
  resource?: string | null;
  environment?: string | null;
  requester?: { type?: string | null; id?: string | null } | null;
};

export type KeyCheck = { key: MatchKey; pattern: string; value: string | undefined; matched: boolean };

export type RuleTrace = {
  index: number;
  rule: PolicyRule;
  matched: boolean;
  checks: KeyCheck[];
  explanation: string[];
};

export type MatchedRule = { rule: PolicyRule; index: number; explanation: string[] };

export type MatchExplanation = {
  match: MatchedRule | null;
  /** Every rule tried, in order, up to and including the one that matched. */
  trace: RuleTrace[];
  explanation: string[];
};

function requestValue(request: MatchRequest, key: MatchKey): string | undefined {
  switch (key) {
    case "action":
      return request.action;
    case "resource":
      return request.resource ?? undefined;
    case "environment":
      return request.environment ?? undefined;
    case "requester.type":
      return request.requester?.type ?? undefined;
    case "requester.id":
      return request.requester?.id ?? undefined;
  }
}

function describeCheck({ key, pattern, value, matched }: KeyCheck): string {
  const p = JSON.stringify(pattern);
  if (value === undefined) {
    return matched ? `${key} is not given; ${p} matches anything` : `${key} is not given, so it cannot match ${p}`;
  }
  const v = JSON.stringify(value);
  if (!isGlob(pattern)) return matched ? `${key} is ${v}` : `${key} is ${v}, not ${p}`;
  return matched ? `${key} ${v} matches ${p}` : `${key} ${v} does not match ${p}`;
}

function traceRule(rule: PolicyRule, index: number, request: MatchRequest): RuleTrace {
  const checks: KeyCheck[] = [];
  for (const key of MATCH_KEYS) {
    const pattern = rule.match[key];
    if (pattern === undefined) continue;
    const value = requestValue(request, key);
    const matched = value === undefined ? /^\*+$/.test(pattern) : globMatches(pattern, value);
    checks.push({ key, pattern, value, matched });
  }
  const matched = checks.every((c) => c.matched);
  const explanation = checks.length === 0 ? ["match is empty, so it matches every request"] : checks.map(describeCheck);
  return { index, rule, matched, checks, explanation };
}

function label(trace: RuleTrace): string {
  return `rules[${trace.index}] "${trace.rule.name}"`;
}

/** The first rule, in order, whose every `match` key accepts the request; null when none does. */
export function matchRule(policy: Policy, request: MatchRequest): MatchedRule | null {
  for (const [index, rule] of policy.rules.entries()) {
    const trace = traceRule(rule, index, request);
    if (trace.matched) return { rule, index, explanation: trace.explanation };
  }
  return null;
}

/** The same decision as matchRule, with why each earlier rule was skipped (for `countersign policy explain`). */
export function explainMatch(policy: Policy, request: MatchRequest): MatchExplanation {
  const trace: RuleTrace[] = [];
  const explanation: string[] = [];
  for (const [index, rule] of policy.rules.entries()) {
    const step = traceRule(rule, index, request);
    trace.push(step);
    if (step.matched) {
      explanation.push(`${label(step)} matched: ${step.explanation.join("; ")}`);
      return { match: { rule, index, explanation: step.explanation }, trace, explanation };
    }
    const failed = step.checks.filter((c) => !c.matched).map(describeCheck);
    explanation.push(`${label(step)} skipped: ${failed.join("; ")}`);
  }
  explanation.push("no rule matched");
  return { match: null, trace, explanation };
}
