import { createMasker } from "@countersign/masking";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";

function logged(object: Record<string, unknown>): Record<string, unknown> {
  const lines: string[] = [];
  const logger = createLogger("info", createMasker(), { write: (line: string) => void lines.push(line) });
  logger.info(object, "event");
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

describe("the log formatter", () => {
  it("masks every string it logs, nested ones included", () => {
    const line = logged({
      body: { note: "password=S3cretPass99", list: ["token ghp_0123456789abcdefghijABCDEFGHIJ012345"] },
    });
    expect(JSON.stringify(line)).not.toContain("S3cretPass99");
    expect(JSON.stringify(line)).not.toContain("ghp_0123456789");
  });

  it("keeps a key named __proto__ (as JSON.parse gives it) as a masked key, not a prototype", () => {
    const fields = JSON.parse('{"__proto__": {"note": "password=S3cretPass99"}, "plain": "ok"}') as Record<
      string,
      unknown
    >;
    const line = logged(fields);
    expect(Object.hasOwn(line, "__proto__")).toBe(true);
    expect(line.__proto__).toEqual({ note: "password=[REDACTED:password]" });
    expect(line.plain).toBe("ok");
    // deeper down, pino's redaction drops such a key: nothing of it is written either way
    expect(JSON.stringify(logged({ body: fields }))).not.toContain("S3cretPass99");
  });
});
