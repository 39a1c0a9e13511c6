export type Command =
  | { type: "request"; action: string; resource?: string; duration?: string; reason?: string }
  | { type: "list" }
  | { type: "help" }
  | { type: "unknown"; text: string };

/** Removes `<at>bot</at>` mentions (a channel message names the bot) and Teams' non-breaking spaces. */
export function stripMentions(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, " ")
    .replace(/&nbsp;|\u00a0/g, " ")
    .trim();
}

/** `request <action> [on <resource>] [for <duration>] [because <reason>]`, `list`, `help`. */
export function parseCommand(input: string): Command {
  const text = stripMentions(input).replace(/\s+/g, " ").trim();
  const [word = "", ...rest] = text.split(" ");
  switch (word.toLowerCase()) {
    case "":
    case "help":
    case "?":
      return { type: "help" };
    case "list":
      return { type: "list" };
    case "request":
      return parseRequest(rest.join(" "));
    default:
      return { type: "unknown", text };
  }
}

function parseRequest(text: string): Command {
  // "because" ends the structured part: the reason may itself contain " on " or " for ".
  const because = text.search(/(^|\s)because\s/i);
  const reason =
    because >= 0
      ? text
          .slice(because)
          .replace(/^\s*because\s+/i, "")
          .trim()
      : undefined;
  const head = because >= 0 ? text.slice(0, because).trim() : text.trim();
  const match = /^(\S+)(?:\s+on\s+(.+?))?(?:\s+for\s+(.+?))?$/i.exec(head);
  if (!match) return { type: "request", action: head };
  const [, action = "", resource, duration] = match;
  return {
    type: "request",
    action,
    ...(resource ? { resource: resource.trim() } : {}),
    ...(duration ? { duration } : {}),
    ...(reason ? { reason } : {}),
  };
}
