import { describe, expect, it } from "vitest";
import { blockKitToHtml, mrkdwnToHtml } from "./block-kit-html";

describe("Block Kit → HTML for the README's screenshots", () => {
  it("escapes HTML everywhere, including inside code blocks", () => {
    expect(mrkdwnToHtml("<script>alert(1)</script>")).not.toContain("<script>");
    expect(mrkdwnToHtml("```<b>x</b>```")).toBe("<pre>&lt;b&gt;x&lt;/b&gt;</pre>");
  });

  it("renders mrkdwn: bold, code, links, dates and known emoji", () => {
    expect(mrkdwnToHtml("*Rule* `db.export` :white_check_mark:")).toBe("<b>Rule</b> <code>db.export</code> ✅");
    expect(mrkdwnToHtml("<https://x.example|docs>")).toBe('<a href="https://x.example">docs</a>');
    expect(mrkdwnToHtml("<!date^1795300000^{date}|2026-11-22>")).toBe("2026-11-22");
  });

  it("draws every block type the card uses", () => {
    const html = blockKitToHtml([
      { type: "header", text: { type: "plain_text", text: "Approval <requested>" } },
      { type: "section", text: { type: "mrkdwn", text: "hi" }, fields: [{ type: "mrkdwn", text: "*a*" }] },
      { type: "context", elements: [{ type: "mrkdwn", text: "ctx" }] },
      {
        type: "actions",
        elements: [{ type: "button", text: { type: "plain_text", text: "Approve" }, style: "primary" }],
      },
      { type: "divider" },
    ]);
    expect(html).toContain('<div class="header">Approval &lt;requested&gt;</div>');
    expect(html).toContain('<div class="fields"><div><b>a</b></div></div>');
    expect(html).toContain('<span class="button primary">Approve</span>');
    expect(html).toContain("<hr>");
  });
});
