import { LogLevel, type Logger as SlackLogger } from "@slack/bolt";
import type { Logger } from "pino";

/** Bolt and the WebClient log through our pino logger, so their lines are JSON and redacted like ours. */
export function slackLogger(log: Logger): SlackLogger {
  let level = LogLevel.INFO;
  const write =
    (method: "debug" | "info" | "warn" | "error") =>
    (...messages: unknown[]) => {
      const [first, ...rest] = messages;
      if (first instanceof Error) log[method]({ err: first }, rest.map(String).join(" ") || first.message);
      else log[method](messages.map((m) => (typeof m === "string" ? m : JSON.stringify(m))).join(" "));
    };
  return {
    debug: write("debug"),
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
