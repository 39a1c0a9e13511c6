import { hostname, userInfo } from "node:os";
import { parseDuration } from "@countersign/approvals/policy/index";
import {
  type CountersignClient,
  CountersignError,
  CountersignUnreachableError,
  createClient,
  type RequesterType,
  type RequestView,
} from "@countersign/client";
import type { Command } from "commander";
import { CliError, print } from "./output";

interface RequestOptions {
  action: string;
  resource?: string;
  environment?: string;
  reason?: string;
  params?: string;
  context?: string;
  requesterId?: string;
  requesterType: string;
  onBehalfOf?: string;
  ttl?: string;
  wait?: boolean;
  timeout: string;
  json?: boolean;
}

type Printed = Pick<RequestView, "id" | "status" | "token">;

const EXIT = { approved: 0, denied: 2, expired: 3, cancelled: 2 } as const;

export function registerClientCommands(program: Command): void {
  program
    .command("request")
    .description("ask for approval of one action; with --wait, print the token and exit 0 on approval")
    .requiredOption("--action <action>", "e.g. db.export")
    .option("--resource <resource>", "what the action touches")
    .option("--environment <environment>", "e.g. production")
    .option("--reason <reason>", "why")
    .option("--params <json>", "the exact parameters the action will run with (JSON object)")
    .option("--context <json>", "display-only context (JSON object)")
    .option("--requester-id <id>", "who asks (default: user@host)")
    .option("--requester-type <type>", "agent, pipeline or human", "pipeline")
    .option("--on-behalf-of <email>", "the person the requester acts for")
    .option("--ttl <duration>", "how long approvers have, e.g. 15m")
    .option("--wait", "wait for the decision (exit 0 approved, 2 denied, 3 expired or timed out)")
    .option("--timeout <duration>", "how long --wait waits", "30m")
    .option("--json", "machine-readable output")
    .action(async (options: RequestOptions) => {
      const client = clientFromEnv();
      const timeoutSeconds = parseDurationOption(options.timeout, "--timeout");
      const input = {
        action: options.action,
        resource: options.resource,
        environment: options.environment,
        reason: options.reason,
        requester: {
          // The server validates the type; the CLI passes on whatever it was given.
          type: options.requesterType as RequesterType,
          id: options.requesterId ?? `${userInfo().username}@${hostname()}`,
          onBehalfOf: options.onBehalfOf,
        },
        params: parseJsonOption(options.params, "--params") ?? {},
        context: parseJsonOption(options.context, "--context"),
        ttlSeconds: options.ttl ? parseDurationOption(options.ttl, "--ttl") : undefined,
      };
      let view: Printed = await api(client.createRequest(input));
      if (options.wait && view.status === "pending") {
        view = await api(client.waitForDecision(view.id, { timeoutMs: timeoutSeconds * 1000 }));
      }
      report(options, view, Boolean(options.wait));
    });

  program
    .command("decide <id> <verdict>")
    .description("approve or deny a request as the key's approver")
    .option("--reason <reason>", "why (required to deny under some rules)")
    .option("--json", "machine-readable output")
    .action(async (id: string, verdict: string, options: { reason?: string; json?: boolean }) => {
      if (verdict !== "approve" && verdict !== "deny") throw new CliError("the verdict is approve or deny");
      const view = await api(clientFromEnv().decide(id, verdict, options.reason));
      print(options, view, () => `${id}: ${view.status} (${view.approvals} of ${view.required_approvals} approvals)`);
    });

  program
    .command("redeem <token>")
    .description("spend a one-time token (once); prints what was approved")
    .option("--params-digest <digest>", "refuse unless the approved params have this digest")
    .option("--json", "machine-readable output")
    .action(async (token: string, options: { paramsDigest?: string; json?: boolean }) => {
      const result = await api(clientFromEnv().redeem(token, { paramsDigest: options.paramsDigest }));
      print(
        options,
        result,
        () => `redeemed: ${result.action} (${result.request_id}), approved by ${result.approved_by.join(", ")}`,
      );
    });
}

/** The client commands' connection: COUNTERSIGN_URL and COUNTERSIGN_API_KEY. */
function clientFromEnv(): CountersignClient {
  const apiKey = process.env.COUNTERSIGN_API_KEY;
  if (!apiKey) throw new CliError("COUNTERSIGN_API_KEY is not set: create one with `countersign keys create`");
  return createClient({ baseUrl: process.env.COUNTERSIGN_URL ?? "http://127.0.0.1:3000", apiKey });
}

/** The API's refusals as one line (code: detail (field errors)); --json prints the problem itself. */
async function api<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof CountersignUnreachableError) throw new CliError(error.message);
    if (!(error instanceof CountersignError)) throw error;
    const fields = error.errors.length ? ` (${error.errors.map((e) => `${e.path}: ${e.message}`).join("; ")})` : "";
    throw new CliError(`${error.problem.code}: ${error.detail}${fields}`, 1, error.problem);
  }
}

function report(options: RequestOptions, view: Printed, waited: boolean): void {
  if (view.status === "approved") {
    print(options, view, () => view.token ?? `${view.id}: approved (the token went to the callback URL)`);
    return;
  }
  if (view.status === "pending") {
    if (waited) throw new CliError(`${view.id}: still pending when --timeout ran out`, EXIT.expired, view);
    print(options, view, () => `${view.id}: pending`);
    return;
  }
  throw new CliError(`${view.id}: ${view.status}`, EXIT[view.status], view);
}

function parseJsonOption(value: string | undefined, name: string): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed = JSON.parse(value) as unknown;
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
    return parsed as Record<string, unknown>;
  } catch {
    throw new CliError(`${name} must be a JSON object`);
  }
}

function parseDurationOption(value: string, name: string): number {
  try {
    return parseDuration(value);
  } catch (error) {
    throw new CliError(`${name}: ${(error as Error).message}`);
  }
}
