export interface RequestFields {
  action?: string;
  resource?: string;
  environment?: string;
  duration?: string;
  reason?: string;
}

export type SlashCommand =
  | { kind: "help" }
  | { kind: "list" }
  | { kind: "request"; fields: RequestFields }
  | { kind: "unknown"; word: string };

// A Map, not an object literal: the words looked up are the user's, and `constructor` or `__proto__`
// must not find Object.prototype's.
const KEYWORDS = new Map<string, keyof RequestFields>([
  ["on", "resource"],
  ["in", "environment"],
  ["for", "duration"],
  ["because", "reason"],
]);

/**
 * `/countersign request <action> [on <resource>] [in <environment>] [for <duration>] [because <reason>]`.
 * `because` takes the rest of the line as typed, so a reason may contain the other keywords.
 */
export function parseCommand(text: string): SlashCommand {
  const trimmed = text.trim();
  const [first = ""] = trimmed.split(/\s+/);
  const word = first.toLowerCase();
  if (word === "" || word === "help") return { kind: "help" };
  if (word === "list") return { kind: "list" };
  if (word !== "request") return { kind: "unknown", word: first };

  const rest = trimmed.slice(first.length).trim();
  const fields: RequestFields = {};
  const tokens = rest.length ? rest.split(/\s+/) : [];
  let current: keyof RequestFields = "action";
  const parts: Partial<Record<keyof RequestFields, string[]>> = {};
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const field = KEYWORDS.get(token.toLowerCase());
    if (field && current !== "reason" && parts[field] === undefined) {
      current = field;
      parts[field] = [];
      if (field === "reason") {
        // Keep the reason exactly as typed, spacing included.
        const at = indexOfToken(rest, i);
        fields.reason = rest.slice(at + token.length).trim() || undefined;
        break;
      }
      continue;
    }
    const list = parts[current] ?? [];
    list.push(token);
    parts[current] = list;
  }
  for (const key of ["action", "resource", "environment", "duration"] as const) {
    const value = parts[key]?.join(" ").trim();
    if (value) fields[key] = value;
  }
  return { kind: "request", fields };
}

/** Where the i-th whitespace-separated token starts in `text`. */
function indexOfToken(text: string, index: number): number {
  const pattern = /\S+/g;
  let match: RegExpExecArray | null = null;
  for (let i = 0; i <= index; i++) match = pattern.exec(text);
  return match?.index ?? text.length;
}
