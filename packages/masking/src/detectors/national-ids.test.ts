import { describe, expect, it } from "vitest";
import {
  finnishIdDetector,
  italianFiscalCodeDetector,
  koreanRrnDetector,
  nationalIdsDetector,
  spanishIdDetector,
  swedishIdDetector,
  usItinDetector,
  usSsnDetector,
} from "./national-ids";
import type { Match } from "./types";

const SEPARATE = [
  usSsnDetector,
  usItinDetector,
  spanishIdDetector,
  italianFiscalCodeDetector,
  finnishIdDetector,
  swedishIdDetector,
  koreanRrnDetector,
];

function oneByOne(text: string): Match[] {
  const out: Match[] = [];
  const digits = text.replace(/\D/g, "").length;
  for (const d of SEPARATE) if (d.applies!({ digits } as never)) d.scan(text, out);
  return out;
}

function shared(text: string, detectors = SEPARATE): Match[] {
  const out: Match[] = [];
  nationalIdsDetector(detectors).scan(text, out);
  return out;
}

describe("national ids in one pass", () => {
  const texts = [
    "SSN 536-22-1234, ITIN 912-70-1234 and 536221234",
    "DNI 12345678Z, NIE X-1234567L y12345678z",
    "cf RSSMRA85T10A562S and RSSMRA85T10A562 and MRTMTT91D08F205J",
    "hetu 131052-308T, personnummer 19121212-1212, 121212-1212, 201212121212",
    "RRN 900101-1234567 and 9001011234567",
    "mixed 536-22-1234 131052-308T 12345678Z RSSMRA85T10A562S 900101-1234567 19121212-1212 end",
    "2024-05-01T10:00:00Z id=100000 536 22 1234 536.22.1234 123 45 6789",
  ];

  it("finds what the detectors find one by one, in the same order", () => {
    for (const text of texts) {
      expect(shared(text), text).toEqual(oneByOne(text));
      expect(shared(text).length, text).toBeGreaterThan(0);
    }
  });

  it("runs only the detectors it is given", () => {
    const text = texts[5]!;
    expect(shared(text, [usSsnDetector]).map((m) => m.type)).toEqual(["us_ssn"]);
    expect(shared(text, [koreanRrnDetector, finnishIdDetector]).map((m) => m.type)).toEqual(["kr_rrn", "fi_hetu"]); // in the order given
  });

  it("applies each detector's digit count gate", () => {
    // one run of 1-2 digits after six letters: enough digits for a codice fiscale's gate only
    expect(shared("RSSMRA85T10A562S").map((m) => m.type)).toEqual(oneByOne("RSSMRA85T10A562S").map((m) => m.type));
    expect(shared("ABCDEF12 x")).toEqual([]);
  });
});
