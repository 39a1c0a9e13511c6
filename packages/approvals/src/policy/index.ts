// Public surface of the policy module; the rest of the engine imports from here only.
export {
  type ApproverCheck,
  checkApprover,
  groupEmails,
  isEligibleApprover,
  isSelfApproval,
  type Requester,
  resolveApprovers,
} from "./approvers";
export { type DecisionMode, decideByPolicy, type PolicyDecision } from "./decide-by-policy";
export {
  DEFAULT_TTL_SECONDS,
  effectiveTtlSeconds,
  MAX_TTL_SECONDS,
  parseDuration,
  tryParseDuration,
  tryParseSpokenDuration,
} from "./duration";
export { compileGlob, globMatches, isGlob } from "./glob";
export { EXAMPLE_POLICY_PATH, loadPolicyFile } from "./load-policy-file";
export {
  explainMatch,
  type KeyCheck,
  type MatchExplanation,
  type MatchedRule,
  type MatchRequest,
  matchRule,
  type RuleTrace,
} from "./match-rule";
export {
  DEFAULT_POLICY_SOURCE,
  formatPath,
  type ParsePolicyResult,
  type PolicyProblem,
  parsePolicy,
  policyVersion,
} from "./parse-policy";
export { formatProblems, PolicyError, policyOrThrow } from "./policy-error";
export {
  DECISIONS,
  MATCH_KEYS,
  type MatchKey,
  Policy,
  PolicyChannel,
  PolicyRule,
  REQUESTER_TYPES,
  RuleMatch,
} from "./policy-schema";
