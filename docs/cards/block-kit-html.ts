// A small Block Kit → HTML renderer for documentation screenshots: it draws the block types the
// Slack card uses (header, section with text and fields, context, actions, divider), Slack-style.

type Text = { type: string; text: string };
type Block = {
  type: string;
  text?: Text;
  fields?: Text[];
  elements?: (Text & { style?: string })[] | { type: string; text: Text; style?: string }[];
};

const EMOJI: Record<string, string> = {
  white_check_mark: "✅",
  no_entry: "⛔",
  hourglass_flowing_sand: "⏳",
  hourglass: "⌛",
  warning: "⚠️",
  lock: "🔒",
  bust_in_silhouette: "👤",
  robot_face: "🤖",
  scroll: "📜",
  clock3: "🕒",
  no_entry_sign: "🚫",
};

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Slack mrkdwn → HTML: code blocks, code, bold, italic, strike, links, dates, emoji, quotes. */
export function mrkdwnToHtml(text: string): string {
  const blocks: string[] = [];
  let html = text.replace(/```([\s\S]*?)```/g, (_m, code: string) => {
    blocks.push(`<pre>${escapeHtml(code.replace(/^\n/, ""))}</pre>`);
    return `\uE000${blocks.length - 1}\uE000`;
  });
  html = escapeHtml(html)
    .replace(/&lt;!date\^\d+\^[^|]*\|([^&]*)&gt;/g, "$1")
    .replace(/&lt;(https?:[^|&]*)\|([^&]*)&gt;/g, '<a href="$1">$2</a>')
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/(^|[\s(])\*([^*\n]+)\*/g, "$1<b>$2</b>")
    .replace(/(^|[\s(])_([^_\n]+)_/g, "$1<i>$2</i>")
    .replace(/(^|[\s(])~([^~\n]+)~/g, "$1<s>$2</s>")
    .replace(/:([a-z0-9_+-]+):/g, (m, name: string) => EMOJI[name] ?? m)
    .replace(/^&gt; ?(.*)$/gm, "<blockquote>$1</blockquote>")
    .replace(/\n/g, "<br>");
  return html.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => blocks[Number(i)] ?? "");
}

function textHtml(text: Text | undefined): string {
  if (!text) return "";
  return text.type === "mrkdwn" ? mrkdwnToHtml(text.text) : escapeHtml(text.text);
}

export function blockKitToHtml(blocks: Block[]): string {
  const parts = blocks.map((block) => {
    switch (block.type) {
      case "header":
        return `<div class="header">${textHtml(block.text)}</div>`;
      case "section": {
        const fields = block.fields?.length
          ? `<div class="fields">${block.fields.map((f) => `<div>${textHtml(f)}</div>`).join("")}</div>`
          : "";
        return `<div class="section">${textHtml(block.text)}${fields}</div>`;
      }
      case "context":
        return `<div class="context">${(block.elements as Text[]).map(textHtml).join(" ")}</div>`;
      case "divider":
        return "<hr>";
      case "actions":
        return `<div class="actions">${(block.elements as { text: Text; style?: string }[])
          .map((b) => `<span class="button ${b.style ?? ""}">${textHtml(b.text)}</span>`)
          .join("")}</div>`;
      default:
        return "";
    }
  });
  return parts.join("\n");
}

export const SLACK_CSS = `
body { margin: 0; background: #fff; font: 15px/1.46 -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1d1c1d; }
.message { display: flex; gap: 8px; padding: 16px 20px; width: 640px; }
.avatar { width: 36px; height: 36px; border-radius: 6px; background: #4a154b; color: #fff; display: flex; align-items: center; justify-content: center; font-weight: 700; }
.name { font-weight: 900; } .app { background: #e8e8e8; font-size: 10px; padding: 1px 3px; border-radius: 2px; margin-left: 4px; color: #616061; }
.header { font-size: 18px; font-weight: 900; margin: 6px 0; }
.section { margin: 6px 0; } .fields { display: grid; grid-template-columns: 1fr 1fr; gap: 6px 16px; margin-top: 6px; }
.context { color: #616061; font-size: 12px; margin: 6px 0; }
code { color: #e01e5a; background: #f6f6f6; border: 1px solid #e8e8e8; border-radius: 3px; padding: 0 3px; font-size: 12px; }
pre { background: #f8f8f8; border: 1px solid #e8e8e8; border-radius: 4px; padding: 8px; font-size: 12px; white-space: pre-wrap; margin: 4px 0; }
blockquote { border-left: 4px solid #ddd; margin: 0; padding-left: 8px; }
.actions { margin: 10px 0; } .button { display: inline-block; border: 1px solid #bbb; border-radius: 4px; padding: 4px 14px; margin-right: 8px; font-weight: 700; font-size: 13px; }
.button.primary { background: #007a5a; color: #fff; border-color: #007a5a; } .button.danger { color: #e01e5a; border-color: #e01e5a; }
hr { border: 0; border-top: 1px solid #eee; }
`;
