// Values a CI job declares secret through its runner's log commands: GitHub Actions'
// `::add-mask::X` (X is masked in the job's log from then on) and Azure Pipelines'
// `##vso[task.setvariable variable=NAME;issecret=true]X`, or a variable named like a credential.
import { classifyKey } from "../key-names";
import { pushPassword } from "./command-tokens";
import { foldedWordStarts } from "./text-starts";
import type { Match } from "./types";

/** The rest of the line from `at`, without a closing quote the line's echo put around the command. */
function restOfLine(text: string, at: number): { start: number; end: number } | null {
  let end = at;
  while (end < text.length && end - at < 4096 && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
  while (end > at && /["'\s]/.test(text[end - 1]!)) end--;
  return end > at ? { start: at, end } : null;
}

function scanAddMask(text: string, out: Match[]): void {
  for (const at of foldedWordStarts(text, "add-mask::")) {
    if (!text.startsWith("::", at - 2)) continue;
    const value = restOfLine(text, at + 10);
    pushPassword(out, text, value, "secret"); // a reference (`$TOKEN`) is left, as for every command's value
  }
}

const SET_VARIABLE = /vso\[task\.setvariable ([^\]\n]{1,512})\]/y;

function scanSetVariable(text: string, out: Match[]): void {
  for (const at of foldedWordStarts(text, "vso[task.setvariable")) {
    SET_VARIABLE.lastIndex = at;
    const m = SET_VARIABLE.exec(text);
    if (!m) continue;
    const properties = m[1]!;
    const name = /(?:^|;)variable=([^;]{1,256})/.exec(properties)?.[1];
    const secret =
      /(?:^|;)issecret=true(?:;|$)/i.test(properties) || (name !== undefined && classifyKey(name) !== null);
    const value = secret ? restOfLine(text, SET_VARIABLE.lastIndex) : null;
    if (value) pushPassword(out, text, value, "secret");
  }
}

export function scanCiCommands(text: string, out: Match[]): void {
  scanAddMask(text, out);
  scanSetVariable(text, out);
}
