// Detectors declared in the policy: a (safety-checked) regex or a list of words.
import type { Category, Detector } from "./types";

export interface CustomDetectorSpec {
  name: string;
  regex?: string | undefined;
  words?: string[] | undefined;
  ignore_case?: boolean | undefined;
  category?: "secret" | "pii" | "identifier" | undefined;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function customDetector(spec: CustomDetectorSpec): Detector {
  const flags = `g${spec.ignore_case || spec.words ? "i" : ""}u`;
  const source = spec.regex
    ? spec.regex
    : `(?<![\\p{L}\\p{N}_])(?:${[...(spec.words ?? [])]
        .sort((a, b) => b.length - a.length)
        .map(escapeRegex)
        .join("|")})(?![\\p{L}\\p{N}_])`;
  const re = new RegExp(source, flags);
  const category: Category = spec.category ?? "custom";
  return {
    name: spec.name,
    category,
    scan(text, out) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        out.push({ start: m.index, end: m.index + m[0].length, type: spec.name, detector: spec.name, category });
      }
    },
  };
}
