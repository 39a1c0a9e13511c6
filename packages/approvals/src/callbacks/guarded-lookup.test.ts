import type { LookupAddress, LookupOptions } from "node:dns";
import { describe, expect, it } from "vitest";
import { CallbackAddressBlockedError, createGuardedLookup, type ResolveHost } from "./guarded-lookup";

type LookupOutcome = { error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number };

// Drives the lookup exactly as net.connect does; nothing here opens a socket.
function lookup(resolveHost: ResolveHost, options: LookupOptions, allowPrivate = false): Promise<LookupOutcome> {
  const guarded = createGuardedLookup({ allowPrivate, resolveHost });
  return new Promise((resolve) => {
    guarded("callback.test", options, (error, address, family) => resolve({ error, address, family }));
  });
}

const answers =
  (...addresses: string[]): ResolveHost =>
  async () =>
    addresses.map((address) => ({ address }));

describe("createGuardedLookup", () => {
  it("passes public addresses through in both lookup shapes net.connect uses", async () => {
    const resolveHost = answers("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c");
    expect(await lookup(resolveHost, { all: true })).toEqual({
      error: null,
      address: [
        { address: "93.184.215.14", family: 4 },
        { address: "2606:2800:21f:cb07:6820:80da:af6b:8b2c", family: 6 },
      ],
      family: undefined,
    });
    expect(await lookup(resolveHost, {})).toEqual({ error: null, address: "93.184.215.14", family: 4 });
    expect(await lookup(resolveHost, { family: 6 })).toEqual({
      error: null,
      address: "2606:2800:21f:cb07:6820:80da:af6b:8b2c",
      family: 6,
    });
  });

  it.each([
    [["127.0.0.1"], "loopback"],
    [["169.254.169.254"], "link-local (cloud metadata)"],
    [["10.1.2.3"], "private"],
    [["::1"], "loopback"],
    [["::ffff:192.168.0.10"], "IPv4-mapped private"],
    [["64:ff9b::a9fe:a9fe"], "NAT64 link-local (cloud metadata)"],
    [["fd12:3456::1"], "unique local (private)"],
    // Any blocked answer refuses the host, wherever it sits and whatever family was asked for.
    [["93.184.215.14", "127.0.0.1"], "loopback"],
    [["93.184.215.14", "fe80::1"], "link-local"],
    [["not-an-address"], "not an IP address"],
  ])("refuses a host resolving to %j (%s)", async (addresses, range) => {
    for (const options of [{ all: true }, {}, { family: 4 }] satisfies LookupOptions[]) {
      const outcome = await lookup(answers(...addresses), options);
      expect(outcome.error).toBeInstanceOf(CallbackAddressBlockedError);
      expect(outcome.error?.message).toContain(`a ${range} address`);
      expect(outcome.error?.code).toBe("ERR_CALLBACK_ADDRESS_BLOCKED");
    }
  });

  it("lets private addresses through when they are allowed", async () => {
    expect(await lookup(answers("127.0.0.1", "::1"), { all: true }, true)).toEqual({
      error: null,
      address: [
        { address: "127.0.0.1", family: 4 },
        { address: "::1", family: 6 },
      ],
      family: undefined,
    });
  });

  it("reports a host with no usable address as not found, which is retryable", async () => {
    const none = await lookup(answers(), { all: true });
    expect(none.error?.code).toBe("ENOTFOUND");
    const wrongFamily = await lookup(answers("93.184.215.14"), { family: 6 });
    expect(wrongFamily.error?.code).toBe("ENOTFOUND");
  });

  it("passes resolver failures on", async () => {
    const failing: ResolveHost = async () => {
      throw Object.assign(new Error("getaddrinfo EAI_AGAIN callback.test"), { code: "EAI_AGAIN" });
    };
    const outcome = await lookup(failing, { all: true });
    expect(outcome.error?.code).toBe("EAI_AGAIN");
    expect(outcome.error).not.toBeInstanceOf(CallbackAddressBlockedError);

    const throwing: ResolveHost = () => {
      throw new Error("resolver exploded");
    };
    expect((await lookup(throwing, { all: true })).error?.message).toBe("resolver exploded");
  });
});
