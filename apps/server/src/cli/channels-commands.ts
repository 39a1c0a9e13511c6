import { loadConversationReference } from "@countersign/approvals";
import { formatProblems, loadPolicyFile } from "@countersign/approvals/policy/index";
import type { Command } from "commander";
import { loadConfig } from "../config";
import { resolvePolicyPath } from "../load-policy";
import { CliError, print } from "./output";
import { cliActor, withEngine } from "./with-engine";

interface ChannelStatus {
  name: string;
  platform: "slack" | "teams";
  target: string;
  /** Teams: whether the bot has a stored conversation reference (it was installed there); Slack: not checked. */
  reachable: boolean | null;
  detail: string;
}

export function registerChannelsCommands(program: Command): void {
  const channels = program.command("channels").description("the chat channels the policy names");
  channels
    .command("check")
    .description("list each policy channel and whether countersign can post there; exit 1 if a Teams one cannot")
    .option("--policy <file>", "the policy file (default: as the server would load it)")
    .option("--json", "machine-readable output")
    .action(async (options: { policy?: string; json?: boolean }) => {
      const path = options.policy ?? resolvePolicyPath(loadConfig(process.env).COUNTERSIGN_POLICY);
      const loaded = await loadPolicyFile(path);
      if (!loaded.ok) throw new CliError(formatProblems(path, loaded.problems));
      const statuses = await withEngine(async (engine) => {
        const ctx = engine.ctx(cliActor());
        const result: ChannelStatus[] = [];
        for (const [name, channel] of Object.entries(loaded.policy.channels ?? {})) {
          if (channel.slack) {
            result.push({
              name,
              platform: "slack",
              target: channel.slack.channel,
              reachable: null,
              detail: "not checked",
            });
            continue;
          }
          if (!channel.teams) continue;
          const reference = await loadConversationReference(ctx, "teams", channel.teams.conversation);
          result.push({
            name,
            platform: "teams",
            target: channel.teams.conversation,
            reachable: reference !== null,
            detail: reference
              ? "conversation reference stored"
              : "the bot was never installed in this conversation: add the countersign app to it (or mention it there once)",
          });
        }
        return result;
      });
      const missing = statuses.filter((s) => s.reachable === false);
      const human = () =>
        statuses.length
          ? statuses
              .map(
                (s) =>
                  `${s.reachable === false ? "✗" : s.reachable ? "✓" : "-"} ${s.name} (${s.platform} ${s.target}): ${s.detail}`,
              )
              .join("\n")
          : "the policy names no channels";
      if (missing.length) {
        print(options, { ok: false, channels: statuses }, human);
        throw new CliError(`countersign: ${missing.length} Teams channel(s) cannot be posted to`, 1);
      }
      print(options, { ok: true, channels: statuses }, human);
    });
}
