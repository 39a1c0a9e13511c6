export type Category = "secret" | "identifier" | "pii" | "custom";

export interface Match {
  start: number;
  end: number;
  /** Finding type, e.g. `aws_access_key`, `email`, `iban`. */
  type: string;
  /** Detector name, e.g. `aws`, `keyword`, `email`. */
  detector: string;
  category: Category;
}

/** Character counts of a string, computed once so detectors can skip strings they cannot match. */
export interface TextProfile {
  length: number;
  digits: number;
  letters: number;
  /** Longest run without whitespace. */
  longestWord: number;
  at: number;
  colons: number;
  dashes: number;
  dots: number;
}

export interface Detector {
  name: string;
  category: Category;
  /** Cheap gate: false means `scan` could not match anything in a string with this profile. */
  applies?: (p: TextProfile) => boolean;
  /** Appends every match in `text` to `out`. Must run in time linear in `text.length`. */
  scan(text: string, out: Match[]): void;
}
