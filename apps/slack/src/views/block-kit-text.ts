// Block Kit's documented limits (docs.slack.dev/reference/block-kit): exceeding any is `invalid_blocks`.
export const LIMITS = {
  messageBlocks: 50,
  surfaceBlocks: 100,
  sectionText: 3000,
  fieldText: 2000,
  fields: 10,
  headerText: 150,
  contextText: 3000,
  buttonText: 75,
  modalTitle: 24,
  inputValue: 3000,
  privateMetadata: 3000,
  fallbackText: 3000,
} as const;

/** Slack's mrkdwn treats &, < and > as control characters: user data must be escaped. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** Cuts `text` to `max` characters, ending with a note that says how much was left out. */
export function cutWithNote(text: string, max: number, note: (omitted: number) => string): string {
  if (text.length <= max) return text;
  // The note's own length depends on the number, so reserve room for the widest possible one.
  const reserve = note(text.length).length + 1;
  const kept = Math.max(0, max - reserve);
  return `${text.slice(0, kept)}\n${note(text.length - kept)}`;
}

/** A plain cut with an ellipsis, for short fields such as headers and button labels. */
export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** A fenced block that survives any content: backtick runs cannot close it early. */
export function codeBlock(text: string): string {
  return `\`\`\`${escapeMrkdwn(text).replaceAll("```", "`\u200b``")}\`\`\``;
}

/** Slack renders `<!date^…>` in each reader's time zone; the fallback is for clients that cannot. */
export function slackDate(iso: string): string {
  const seconds = Math.floor(new Date(iso).getTime() / 1000);
  return `<!date^${seconds}^{date_short_pretty} at {time}|${iso}>`;
}

/**
 * `label`, then `raw` in a code block, cut (with a visible note) so the whole text fits `max`.
 * Cuts the raw text, not the escaped one, so an entity such as `&amp;` is never split.
 */
export function fitCodeSection(label: string, raw: string, max: number, note: (omitted: number) => string): string {
  const build = (kept: number) => {
    const omitted = raw.length - kept;
    const body = `${label}\n${codeBlock(raw.slice(0, kept))}`;
    return omitted > 0 ? `${body}\n${note(omitted)}` : body;
  };
  if (build(raw.length).length <= max) return build(raw.length);
  let low = 0;
  let high = raw.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (build(mid).length <= max) low = mid;
    else high = mid - 1;
  }
  return build(low);
}
