import { MaskingPolicy } from "@countersign/masking";
import { z } from "zod";
import { DEFAULT_TTL_SECONDS, MAX_TTL_SECONDS, tryParseDuration } from "./duration";
import { isGlob } from "./glob";

export const MATCH_KEYS = ["action", "resource", "environment", "requester.type", "requester.id"] as const;
export type MatchKey = (typeof MATCH_KEYS)[number];
export const REQUESTER_TYPES = ["agent", "pipeline", "human"] as const;
export const DECISIONS = ["require_approval", "auto_approve", "deny"] as const;

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const NAME_RULES = "must be 1 to 64 letters, digits, _ . or -, starting with a letter or digit";
const groupName = z.string().regex(NAME, { error: NAME_RULES });
const channelName = z.string().regex(NAME, { error: NAME_RULES });

const pattern = z.string().min(1, { error: "must not be empty (leave the key out to match anything)" }).max(1024);
// Actions are validated as [a-z0-9_.:-] on the way in, so a pattern outside that alphabet could never match.
const actionPattern = pattern.regex(/^[a-z0-9_.:*?-]+$/, {
  error: "actions are lowercase letters, digits and _ . : - (patterns may also use * and ?)",
});
const requesterTypePattern = pattern.refine((p) => isGlob(p) || (REQUESTER_TYPES as readonly string[]).includes(p), {
  error: `must be ${REQUESTER_TYPES.join(", ")} or a * glob`,
});

const RawMatch = z
  .object({
    action: actionPattern.optional(),
    resource: pattern.optional(),
    environment: pattern.optional(),
    requester: z.object({ type: requesterTypePattern.optional(), id: pattern.optional() }).strict().optional(),
    "requester.type": requesterTypePattern.optional(),
    "requester.id": pattern.optional(),
  })
  .strict();

/** A rule's conditions, normalised so that `requester: { type }` and `"requester.type"` are the same key. */
export const RuleMatch = RawMatch.superRefine((m, ctx) => {
  for (const key of ["type", "id"] as const) {
    if (m.requester?.[key] !== undefined && m[`requester.${key}`] !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: [`requester.${key}`],
        message: `given twice, as "requester.${key}" and as requester: { ${key} }; keep one`,
      });
    }
  }
}).transform((m): Partial<Record<MatchKey, string>> => {
  const values: Record<MatchKey, string | undefined> = {
    action: m.action,
    resource: m.resource,
    environment: m.environment,
    "requester.type": m["requester.type"] ?? m.requester?.type,
    "requester.id": m["requester.id"] ?? m.requester?.id,
  };
  const out: Partial<Record<MatchKey, string>> = {};
  for (const key of MATCH_KEYS) {
    const value = values[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
});
export type RuleMatch = z.infer<typeof RuleMatch>;

const ttl = z
  .string({ error: (iss) => (iss.input === undefined ? undefined : "must be a duration like 15m (units s, m, h, d)") })
  .refine(
    (text) => {
      const seconds = tryParseDuration(text);
      return seconds !== null && seconds >= 1 && seconds <= MAX_TTL_SECONDS;
    },
    { error: "must be a duration from 1s to 7d, like 15m (units s, m, h, d)" },
  );

export const ON_TIMEOUT = ["expire", "deny"] as const;
const EscalateTo = z
  .object({
    from: z.array(groupName).default([]),
    notify: z.array(channelName).default([]),
  })
  .strict();

export const PolicyRule = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, {
      error: "must be 1 to 128 letters, digits, _ . : or -, starting with a letter or digit",
    }),
    match: RuleMatch,
    decide: z.enum(DECISIONS).default("require_approval"),
    require: z
      .object({
        approvals: z.int().min(1).max(100).default(1),
        from: z.array(groupName).min(1, { error: "name at least one approver group" }),
      })
      .strict()
      .optional(),
    notify: z.array(channelName).default([]),
    ttl: ttl.default("15m"),
    // How long the one-time token lives once issued: 15 min at most (CONTRACT.md section 4), shorter if the rule says.
    token_ttl: ttl
      .refine((text) => (tryParseDuration(text) ?? Infinity) <= DEFAULT_TTL_SECONDS, {
        error: "must be at most 15m: a token never outlives 15 minutes",
      })
      .default("15m"),
    deny_reason: z.enum(["required", "optional"]).default("optional"),
    reason: z.string().min(1).max(2000).optional(),
    remind_every: ttl.optional(),
    escalate_after: ttl.optional(),
    escalate_to: EscalateTo.optional(),
    on_timeout: z.enum(ON_TIMEOUT).default("expire"),
  })
  .strict()
  .transform((rule) => ({
    ...rule,
    ttl_seconds: tryParseDuration(rule.ttl) ?? DEFAULT_TTL_SECONDS,
    token_ttl_seconds: tryParseDuration(rule.token_ttl) ?? DEFAULT_TTL_SECONDS,
    remind_every_seconds: rule.remind_every === undefined ? null : tryParseDuration(rule.remind_every),
    escalate_after_seconds: rule.escalate_after === undefined ? null : tryParseDuration(rule.escalate_after),
  }));
export type PolicyRule = z.infer<typeof PolicyRule>;

export const PolicyChannel = z
  .object({
    slack: z
      .object({ channel: z.string().min(1) })
      .strict()
      .optional(),
    teams: z
      .object({
        conversation: z.string().min(1),
        // http is allowed so tests and local setups can point at a Bot Connector on loopback.
        service_url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((channel, ctx) => {
    if ((channel.slack === undefined) === (channel.teams === undefined)) {
      ctx.addIssue({
        code: "custom",
        message: "give exactly one of slack: { channel } or teams: { conversation, service_url }",
      });
    }
  })
  .transform((channel) => (channel.slack ? { slack: channel.slack } : { teams: channel.teams! }));
export type PolicyChannel = z.infer<typeof PolicyChannel>;

type Issues = z.RefinementCtx;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function known(names: Record<string, unknown>, what: string): string {
  const list = Object.keys(names);
  return list.length === 0 ? `no ${what} are defined` : `known: ${list.join(", ")}`;
}

/**
 * Checks that span sections. It runs even when other parts of the file are invalid, so one
 * `policy check` reports every problem; hence it reads its input defensively.
 */
function crossCheck(value: unknown, ctx: Issues): void {
  if (!isRecord(value) || !Array.isArray(value.rules)) return;
  const groups = isRecord(value.approvers) ? value.approvers : undefined;
  const channels = isRecord(value.channels) ? value.channels : undefined;
  const names = new Map<string, number>();
  value.rules.forEach((rule: unknown, i) => {
    if (!isRecord(rule)) return;
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: "custom", path: ["rules", i, ...path], message });

    if (typeof rule.name === "string") {
      const first = names.get(rule.name);
      if (first === undefined) names.set(rule.name, i);
      else issue(["name"], `duplicate rule name "${rule.name}", already used by rules[${first}]`);
    }

    const decide = rule.decide ?? "require_approval";
    const require = rule.require;
    if (decide === "require_approval" && require === undefined) {
      issue(
        ["require"],
        "required when decide is require_approval (the default), e.g. { approvals: 1, from: [group] }",
      );
    }
    if ((decide === "auto_approve" || decide === "deny") && require !== undefined) {
      issue(["require"], `has no effect when decide is ${decide}; remove it or use decide: require_approval`);
    }
    if (decide !== "deny" && rule.reason !== undefined) {
      issue(["reason"], "is shown only when decide is deny");
    }

    if (groups && isRecord(require) && Array.isArray(require.from)) {
      const emails = new Set<string>();
      let countable = true;
      require.from.forEach((group: unknown, j) => {
        if (typeof group !== "string") {
          countable = false;
        } else if (!Object.hasOwn(groups, group)) {
          countable = false;
          issue(["require", "from", j], `unknown approver group "${group}" (${known(groups, "approver groups")})`);
        } else {
          const members = groups[group];
          if (!Array.isArray(members)) countable = false;
          else for (const member of members) if (typeof member === "string") emails.add(member.trim().toLowerCase());
        }
      });
      const approvals = require.approvals ?? 1;
      if (countable && typeof approvals === "number" && approvals > emails.size) {
        issue(
          ["require", "approvals"],
          `needs ${approvals} approvals but ${require.from.join(", ")} ${require.from.length === 1 ? "has" : "have"} only ${emails.size} distinct approver${emails.size === 1 ? "" : "s"}`,
        );
      }
    }

    if (channels && Array.isArray(rule.notify)) {
      rule.notify.forEach((channel: unknown, j) => {
        if (typeof channel === "string" && !Object.hasOwn(channels, channel)) {
          issue(["notify", j], `unknown channel "${channel}" (${known(channels, "channels")})`);
        }
      });
    }

    checkWaiting(rule, decide, { groups, channels }, issue);
  });
}

/** remind_every, escalate_after / escalate_to and on_timeout only mean something while a request waits. */
function checkWaiting(
  rule: Record<string, unknown>,
  decide: unknown,
  names: { groups?: Record<string, unknown>; channels?: Record<string, unknown> },
  issue: (path: (string | number)[], message: string) => void,
): void {
  if (decide === "auto_approve" || decide === "deny") {
    // on_timeout has a default, so only a value other than it is a mistake here.
    for (const key of ["remind_every", "escalate_after", "escalate_to", "on_timeout"]) {
      const value = rule[key];
      if (value !== undefined && !(key === "on_timeout" && value === "expire")) {
        issue([key], `has no effect when decide is ${decide}; requests never wait`);
      }
    }
    return;
  }
  if (decide !== "require_approval") return;
  const ttlSeconds = typeof rule.ttl === "string" ? (tryParseDuration(rule.ttl) ?? null) : DEFAULT_TTL_SECONDS;
  for (const key of ["remind_every", "escalate_after"]) {
    const seconds = typeof rule[key] === "string" ? tryParseDuration(rule[key]) : null;
    if (seconds !== null && ttlSeconds !== null && seconds >= ttlSeconds) {
      issue([key], `must be shorter than the rule's ttl (${rule.ttl ?? "15m"}), or it would never happen`);
    }
  }
  if (rule.escalate_after !== undefined && rule.escalate_to === undefined) {
    issue(["escalate_to"], "required with escalate_after, e.g. { from: [group], notify: [channel] }");
  }
  if (rule.escalate_to !== undefined && rule.escalate_after === undefined) {
    issue(["escalate_after"], "required with escalate_to: how long to wait before escalating, e.g. 1h");
  }
  const to = rule.escalate_to;
  if (!isRecord(to)) return;
  const from = Array.isArray(to.from) ? to.from : [];
  const notify = Array.isArray(to.notify) ? to.notify : [];
  if (from.length === 0 && notify.length === 0) {
    issue(["escalate_to"], "name approver groups to add (from) or channels to post in (notify), or both");
  }
  const { groups, channels } = names;
  if (groups) {
    from.forEach((group: unknown, j) => {
      if (typeof group === "string" && !Object.hasOwn(groups, group)) {
        issue(["escalate_to", "from", j], `unknown approver group "${group}" (${known(groups, "approver groups")})`);
      }
    });
  }
  if (channels) {
    notify.forEach((channel: unknown, j) => {
      if (typeof channel === "string" && !Object.hasOwn(channels, channel)) {
        issue(["escalate_to", "notify", j], `unknown channel "${channel}" (${known(channels, "channels")})`);
      }
    });
  }
}

/** countersign.policy.yaml (CONTRACT.md section 5). */
export const Policy = z
  .object({
    version: z.literal(1, {
      error: (iss) => (iss.input === undefined ? "required; this format is version: 1" : "must be 1"),
    }),
    approvers: z.record(groupName, z.array(z.email({ error: "must be an email address" }))).default({}),
    channels: z.record(channelName, PolicyChannel).default({}),
    masking: MaskingPolicy.prefault({}),
    rules: z.array(PolicyRule).min(1, { error: "at least one rule is needed" }),
  })
  .strict()
  .superRefine(crossCheck, { when: () => true });
export type Policy = z.infer<typeof Policy>;
