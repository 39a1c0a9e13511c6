import { createRequire } from "node:module";

// The package's ESM build has extensionless imports Node cannot load; its UMD bundle parses cards without a DOM.
const AC = createRequire(import.meta.url)("adaptivecards/dist/adaptivecards.js");

/** Every problem the Adaptive Cards SDK reports when parsing a card for schema 1.5 (empty when valid). */
export function cardProblems(card: unknown): string[] {
  const context = new AC.SerializationContext();
  context.targetVersion = AC.Versions.v1_5;
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const issue of parsed.validateProperties().allIssues ?? []) problems.push(issue.message);
  return problems;
}
