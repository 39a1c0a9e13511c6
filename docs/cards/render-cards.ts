// Renders the real Slack and Teams cards of a sample request to PNGs for the README:
//   npx tsx docs/cards/render-cards.ts        (needs Debian's chromium: apt-get install chromium)
// The cards come from the apps' own renderers, fed a request masked by the real masker.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createMasker } from "@countersign/masking";
import { renderCard } from "@countersign/slack/views/render-card";
import { buildRequestCard } from "@countersign/teams/card/build-request-card";
import { blockKitToHtml, SLACK_CSS } from "./block-kit-html";
import { sampleRequest } from "./sample-request";

const out = fileURLToPath(new URL("../images/", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "countersign-cards-"));
const view = sampleRequest(
  createMasker({
    policy: {
      fields: ["$..password"],
      detectors: "default",
      strategies: { email: "partial", credit_card: "last4" },
      custom: [],
    },
  }),
);

const slack = renderCard(view, { publicUrl: "https://countersign.example.com" });
const slackPage = `<!doctype html><meta charset="utf-8"><style>${SLACK_CSS}</style>
<div class="message"><div class="avatar">cs</div><div><span class="name">countersign</span><span class="app">APP</span>
${blockKitToHtml(slack.blocks as never)}</div></div>`;

const require = createRequire(import.meta.url);
const adaptiveCardsJs = readFileSync(require.resolve("adaptivecards/dist/adaptivecards.min.js"), "utf8");
const teamsCard = buildRequestCard(view, { actionable: true });
const teamsPage = `<!doctype html><meta charset="utf-8">
<style>body { margin: 0; background: #f5f5f5; font-family: "Segoe UI", "DejaVu Sans", sans-serif; }
#card { width: 560px; margin: 16px; background: #fff; border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.15); padding: 4px; }
.ac-pushButton { background: #5b5fc7; color: #fff; border: 0; border-radius: 4px; padding: 6px 16px; font-weight: 600; margin-right: 8px; }
.ac-textRun, .ac-textBlock { color: #242424; }</style>
<div id="card"></div><script>${adaptiveCardsJs}</script>
<script>
// Teams renders the card's markdown itself; the standalone renderer needs a processor for it.
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
  const esc = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  result.outputHtml = esc.replace(/\\*\\*(.+?)\\*\\*/g, "<b>$1</b>").replace(/_(.+?)_/g, "<i>$1</i>");
  result.didProcess = true;
};
const card = new AdaptiveCards.AdaptiveCard(); card.parse(${JSON.stringify(teamsCard)});
document.getElementById("card").appendChild(card.render());</script>`;

for (const [name, html, height] of [
  ["slack-card", slackPage, 810],
  ["teams-card", teamsPage, 750],
] as const) {
  const page = join(work, `${name}.html`);
  writeFileSync(page, html);
  execFileSync("chromium", [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    `--user-data-dir=${join(work, "profile")}`,
    `--window-size=700,${height}`,
    `--screenshot=${join(out, `${name}.png`)}`,
    `file://${page}`,
  ]);
  process.stdout.write(`wrote docs/images/${name}.png\n`);
}
