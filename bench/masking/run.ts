// Reproduces every figure in packages/masking/README.md:
//   npx tsx bench/masking/run.ts [--only=secrets,pii,stdnum,leak,speed,shapes,alloc] [--verbose]
import { createMasker } from "@countersign/masking";
import { measureAllocation } from "./allocation";
import { CORPORA_DIR, corporaAvailable } from "./corpora";
import { evaluatePii } from "./eval-pii";
import { evaluateSecrets, type FamilyResult } from "./eval-secrets";
import { evaluateStdnum } from "./eval-stdnum";
import { evaluateLeaks } from "./leak";
import { measureShapes } from "./shapes";
import { measureSpeed } from "./speed";

const args = process.argv.slice(2);
const only = args
  .find((a) => a.startsWith("--only="))
  ?.slice(7)
  .split(",");
const verbose = args.includes("--verbose");
const want = (part: string) => !only || only.includes(part);
const pct = (n: number, d: number) => (d === 0 ? "n/a" : (n / d).toFixed(3));

function table(head: string[], rows: (string | number)[][]): void {
  console.log(`| ${head.join(" | ")} |`);
  console.log(`|${head.map(() => "---").join("|")}|`);
  for (const r of rows) console.log(`| ${r.join(" | ")} |`);
  console.log();
}

// FP columns: any change to the text; changes by a secret detector (an email or IP masked by the
// PII detectors inside a negative secret example is not counted); the same, leaving out rows whose
// label contradicts a tp of the same corpus.
function secretRows(results: FamilyResult[]): (string | number)[][] {
  return results.map((f) => {
    const bySecret = f.fpChanged - f.fpPiiOnly;
    return [
      f.family,
      f.tp,
      pct(f.caught, f.tp),
      f.fp,
      pct(f.fpChanged, f.fp),
      pct(bySecret, f.fp),
      f.fpConflicting,
      pct(bySecret - f.fpConflictingChanged, f.fp - f.fpConflicting),
    ];
  });
}

async function main(): Promise<void> {
  if (want("secrets") || want("pii") || want("stdnum") || want("leak")) {
    if (!corporaAvailable()) {
      console.log(`corpora not found at ${CORPORA_DIR}: skipping the corpus figures`);
    } else {
      if (want("secrets")) {
        const head = [
          "family",
          "tp",
          "recall",
          "fp rows",
          "FP rate (any change)",
          "FP rate (secret masked)",
          "conflicting fp rows",
          "FP rate (secret masked, conflicting excluded)",
        ];
        const secretsOnly = createMasker({ policy: { detectors: ["secrets"] } });
        console.log("## Secrets, default detectors (what ships)\n");
        const all = evaluateSecrets(createMasker(), secretsOnly);
        table(head, secretRows(all));
        console.log("## Secrets, secret detectors only (PII detectors off)\n");
        table(head, secretRows(evaluateSecrets(secretsOnly)));
        if (verbose) {
          for (const f of all) {
            for (const m of f.misses)
              console.log(`MISS ${f.family} ${m.rule}: ${JSON.stringify(m.text.slice(0, 160))}`);
            for (const x of f.falsePositives) {
              const tag = x.piiOnly ? " [pii only]" : x.conflicting ? " [conflicting label]" : "";
              console.log(`FP ${f.family} ${x.rule}${tag}: ${JSON.stringify(x.output.slice(0, 160))}`);
            }
          }
        }
      }
      if (want("pii")) {
        console.log("## PII spans (Presidio recognizer tests, IoU ≥ 0.5)\n");
        const pii = evaluatePii();
        table(
          ["entity", "expected spans", "predicted", "precision", "recall"],
          pii.map((r) => [
            r.entity,
            r.expected,
            r.predicted,
            pct(r.matchedPredicted, r.predicted),
            pct(r.matchedExpected, r.expected),
          ]),
        );
        if (verbose)
          for (const r of pii) for (const m of r.misses) console.log(`MISS ${r.entity}: ${JSON.stringify(m.text)}`);
      }
      if (want("stdnum")) {
        console.log("## Check-digit validators (python-stdnum doctests)\n");
        table(
          ["format", "valid accepted", "invalid rejected", "accuracy"],
          evaluateStdnum().map((f) => [
            f.format,
            `${f.acceptedValid}/${f.valid}`,
            `${f.rejectedInvalid}/${f.invalid}`,
            pct(f.acceptedValid + f.rejectedInvalid, f.valid + f.invalid),
          ]),
        );
      }
      if (want("leak")) {
        console.log("## Leak test (every positive, five embeddings)\n");
        const l = evaluateLeaks(createMasker());
        table(
          ["positives", "payload checks", "missed in plain text", "caught in text but leaked in a payload"],
          [[l.secrets, l.checks, l.plainMisses, l.embeddingLeaks.length]],
        );
        if (verbose)
          for (const x of l.embeddingLeaks) console.log(`LEAK ${x.how}: ${JSON.stringify(x.text.slice(0, 120))}`);
      }
    }
  }
  if (want("speed")) {
    console.log("## Speed (~10 KiB agent payloads, same run)\n");
    const rows = await measureSpeed();
    table(
      ["tool", "input", "calls", "MB/s", "× secretlint (median of rounds)", "p50 ms", "p99 ms", "p99 ms alone"],
      rows.map((r) => [
        r.tool,
        r.input,
        r.calls,
        r.mbPerSec.toFixed(2),
        r.vsReference.toFixed(2),
        r.p50Ms.toFixed(3),
        r.p99Ms.toFixed(3),
        r.p99AloneMs.toFixed(3),
      ]),
    );
  }
  if (want("shapes")) {
    console.log("## Speed by payload shape (~10 KiB of one kind of content each, default detectors, in turns)\n");
    const rows = await measureShapes();
    table(
      ["payload", "KiB", "mask() p50 µs", "mask() p99 µs alone", "secretlint p50 µs", "mask() speed × secretlint"],
      rows.map((r) => [
        r.shape,
        r.kib.toFixed(1),
        r.maskP50Us.toFixed(0),
        r.maskP99AloneUs.toFixed(0),
        r.secretlintP50Us.toFixed(0),
        r.speedup.toFixed(2),
      ]),
    );
  }
  if (want("alloc")) {
    console.log("## Allocation per mask() call (same payloads, V8 sampling heap profiler)\n");
    const rows = await measureAllocation();
    table(
      ["tool", "KB per call", "most allocated by (KB per call)"],
      rows.map((r) => [
        r.tool,
        r.kbPerCall.toFixed(1),
        r.top.map((t) => `${t.fn} ${t.kbPerCall.toFixed(1)}`).join("; "),
      ]),
    );
  }
}

await main();
