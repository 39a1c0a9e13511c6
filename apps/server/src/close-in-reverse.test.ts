import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { type Closer, closeInReverse } from "./close-in-reverse";

function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: pino({ level: "warn" }, sink), lines };
}

describe("closeInReverse", () => {
  it("closes last-opened first and goes on past a closer that fails", async () => {
    const { log, lines } = capturedLogger();
    const order: string[] = [];
    const closers: Closer[] = [
      ["redis", async () => order.push("redis")],
      [
        "database",
        async () => {
          order.push("database");
          throw new Error("pool already ended");
        },
      ],
      ["http listener", async () => order.push("http listener")],
    ];
    await closeInReverse(closers, log);
    expect(order).toEqual(["http listener", "database", "redis"]);
    expect(lines).toEqual([expect.objectContaining({ closing: "database", msg: "close failed" })]);
    expect(closers.map(([name]) => name)).toEqual(["redis", "database", "http listener"]);
  });

  it("names a closer that keeps shutdown waiting, and stops naming it once it is done", async () => {
    const { log, lines } = capturedLogger();
    await closeInReverse(
      [
        ["outbox relay", () => new Promise((resolve) => setTimeout(resolve, 130))],
        ["http listener", async () => {}],
      ],
      log,
      50,
    );
    const waits = lines.filter((line) => line.msg === "shutdown still waiting");
    expect(waits.length).toBeGreaterThanOrEqual(1);
    expect(waits.every((line) => line.closing === "outbox relay")).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(lines.filter((line) => line.msg === "shutdown still waiting").length).toBe(waits.length);
  });
});
