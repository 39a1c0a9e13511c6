// BitLocker's recovery password: eight blocks of six digits that unlock an encrypted Windows drive
// without its TPM or PIN, as help desks paste it into tickets. Each block is a multiple of 11 below
// 11 × 65 536 (the scheme's own check), which ordinary numbers in that shape fail.
import { digitRuns } from "../text-runs";
import type { Detector } from "./types";

const RECOVERY_PASSWORD = /\d{6}(?:-\d{6}){7}(?![\d-])/y;
const BLOCKS = 8;

function blocksValid(key: string): boolean {
  for (let b = 0; b < BLOCKS; b++) {
    const n = Number(key.slice(b * 7, b * 7 + 6));
    if (n % 11 !== 0 || n >= 11 * 65_536) return false;
  }
  return true;
}

export const bitlockerRecoveryDetector: Detector = {
  name: "bitlocker_recovery_key",
  category: "secret",
  applies: (p) => p.digits >= BLOCKS * 6 && p.dashes >= BLOCKS - 1,
  scan(text, out) {
    const runs = digitRuns(text);
    let done = 0;
    for (let r = 0; r < runs.length; r += 2) {
      const start = runs[r]!;
      if (runs[r + 1] !== 6 || start < done || text.charCodeAt(start + 6) !== 45 || text[start - 1] === "-") continue;
      RECOVERY_PASSWORD.lastIndex = start;
      const m = RECOVERY_PASSWORD.exec(text);
      if (m === null || !blocksValid(m[0])) continue;
      done = start + m[0].length;
      out.push({ start, end: done, type: "bitlocker_recovery_key", detector: this.name, category: "secret" });
    }
  },
};
