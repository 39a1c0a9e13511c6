import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

describe("loadConfig", () => {
  it("starts with no configuration at all", () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.HOST).toBe("127.0.0.1");
    expect(c.publicUrl).toBe("http://127.0.0.1:3000");
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.CALLBACK_ALLOW_PRIVATE).toBe(false);
    expect(c.DATABASE_POOL_SIZE).toBe(10);
    expect(loadConfig({ DATABASE_POOL_SIZE: "24" }).DATABASE_POOL_SIZE).toBe(24);
  });

  it.each([
    [{ PORT: "seventy" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ REDIS_URL: "http://x" }, "REDIS_URL"],
    [{ COUNTERSIGN_SECRET_KEY: "c2hvcnQ=" }, "COUNTERSIGN_SECRET_KEY"],
    [{ NODE_ENV: "production" }, "COUNTERSIGN_SECRET_KEY"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ CALLBACK_ALLOW_PRIVATE: "yes" }, "CALLBACK_ALLOW_PRIVATE"],
    [{ DATABASE_POOL_SIZE: "0" }, "DATABASE_POOL_SIZE"],
    [{ DATABASE_POOL_SIZE: "many" }, "DATABASE_POOL_SIZE"],
  ])("refuses %o naming %s", (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as ConfigError).message.split("\n")).toHaveLength(1);
    }
  });

  it("never echoes a secret value in the message", () => {
    try {
      loadConfig({ COUNTERSIGN_SECRET_KEY: "not base64 at all!!" });
    } catch (error) {
      expect((error as Error).message).not.toContain("not base64");
    }
  });
});
