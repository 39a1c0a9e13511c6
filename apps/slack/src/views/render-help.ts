/** `/countersign help` (and anything it does not understand). */
export const HELP_TEXT = [
  "*countersign*: a human approval in front of privileged actions.",
  "• `/countersign request <action> [on <resource>] [in <environment>] [for <duration>] [because <reason>]` asks for approval; with the action or reason missing, a form opens. You get a DM with the outcome.",
  "• `/countersign list` shows the requests you may approve or deny.",
  "• `/countersign help` shows this.",
  "Approvers decide with the buttons on the cards, in App Home, or over the API. You are matched to the policy's approvers by the email on your Slack profile.",
].join("\n");
