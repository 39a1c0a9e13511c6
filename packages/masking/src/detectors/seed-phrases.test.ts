import { describe, expect, it } from "vitest";
import { createMasker } from "../mask";

const m = createMasker();
// BIP-39's published test vectors (valid checksums)
const TWELVE = "legal winner thank year wave sausage worth useful legal winner thank yellow";
const OTHER_TWELVE = "letter advice cage absurd amount doctor acoustic avoid letter advice cage above";
const TWENTY_FOUR =
  "void come effort suffer camp survey warrior heavy shoot primary clutch crush open amazing screen patrol group space point ten exist slush involve unfold";
// twelve words of the list in alphabetical order: the checksum fails
const UNCHECKED = "abandon ability able about above absent absorb abstract absurd abuse access accident";

describe("BIP-39 recovery phrases", () => {
  it("a phrase whose checksum holds is masked wherever it is written", () => {
    for (const [text, masked] of [
      [TWELVE, "[REDACTED:seed_phrase]"],
      [TWENTY_FOUR, "[REDACTED:seed_phrase]"],
      [
        `MNEMONIC="${OTHER_TWELVE}" npx hardhat run deploy.js`,
        'MNEMONIC="[REDACTED:seed_phrase]" npx hardhat run deploy.js',
      ],
      [
        `write down these words ${TWELVE} and keep them safe`,
        "write down these words [REDACTED:seed_phrase] and keep them safe",
      ],
      [TWELVE.replaceAll(" ", ", "), "[REDACTED:seed_phrase]"],
      [
        TWELVE.split(" ")
          .map((w, i) => `${i + 1}. ${w}`)
          .join("\n"),
        "1. [REDACTED:seed_phrase]",
      ],
      [
        TWELVE.split(" ")
          .map((w, i) => `${i + 1}) ${w}`)
          .join(" "),
        "1) [REDACTED:seed_phrase]",
      ],
      [`${TWELVE}\n${OTHER_TWELVE}`, "[REDACTED:seed_phrase]\n[REDACTED:seed_phrase]"],
      // after more than twelve words that end like the list's: the run around each twelfth is read
      [
        `please store every word below where nobody could ever find them again ${TWELVE}`,
        "please store every word below where nobody could ever find them again [REDACTED:seed_phrase]",
      ],
    ]) {
      expect(m.maskText(text!), text).toBe(masked);
    }
  });

  it("a run of list words named as a phrase is masked without its checksum", () => {
    for (const name of ["seed phrase:", "Mnemonic -", "my recovery words are", "wallet backup:"]) {
      expect(m.maskText(`${name} ${UNCHECKED}`)).toBe(`${name} [REDACTED:seed_phrase]`);
    }
  });

  it("ordinary words stay, as do list words that fail the checksum with nothing naming them", () => {
    for (const text of [
      UNCHECKED,
      "The deploy will move the data to the new cluster after the team checks the backup and the logs",
      "we need you to review this change before the next release window opens today",
      // eleven words of a valid phrase
      TWELVE.split(" ").slice(0, 11).join(" "),
      // the phrase's words broken by other punctuation are not one phrase
      TWELVE.replaceAll(" ", "; "),
      TWELVE.toUpperCase(),
    ]) {
      expect(m.maskText(text), text).toBe(text);
    }
  });

  it("a phrase inside a structure is masked, and the finding says what it was", () => {
    const r = m.mask({ args: ["wallet", "import", TWELVE], note: `restore: ${TWENTY_FOUR}` });
    expect(r.masked).toEqual({
      args: ["wallet", "import", "[REDACTED:seed_phrase]"],
      note: "restore: [REDACTED:seed_phrase]",
    });
    expect(r.findings.map((f) => f.type)).toEqual(["seed_phrase", "seed_phrase"]);
  });

  it("a run of list words longer than real text holds is masked from where its checks run out", () => {
    const hostile = Array(2000).fill("abandon").join(" ");
    expect(m.maskText(hostile)).toMatch(/^(?:abandon ){40,60}\[REDACTED:seed_phrase\]$/);
  });
});
