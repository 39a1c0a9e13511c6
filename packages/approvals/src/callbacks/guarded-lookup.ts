import { promises as dns, type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { findBlockedRange } from "./ip-ranges";

export type ResolvedAddress = { address: string };
/** Resolves a host name to every address it has. Injectable so tests can play DNS rebinding. */
export type ResolveHost = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export const resolveHostWithSystemDns: ResolveHost = (hostname) =>
  dns.lookup(hostname, { all: true, order: "verbatim" });

export class CallbackAddressBlockedError extends Error {
  readonly code = "ERR_CALLBACK_ADDRESS_BLOCKED";
  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly range: string,
  ) {
    super(`callback host ${hostname} resolves to ${address}, a ${range} address`);
    this.name = "CallbackAddressBlockedError";
  }
}

export type GuardedLookupOptions = { allowPrivate: boolean; resolveHost?: ResolveHost };

function notFound(hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`callback host ${hostname} has no usable address`), {
    code: "ENOTFOUND",
    hostname,
  });
}

function wantedFamily(family: number | string | undefined): 4 | 6 | undefined {
  if (family === 4 || family === "IPv4") return 4;
  if (family === 6 || family === "IPv6") return 6;
  return undefined;
}

/**
 * A `lookup` for `http.request` that refuses the connection when any address of the host is
 * blocked. It runs at dial time and the socket connects only to the addresses it returns, so
 * a name that passed the submit-time check and later rebinds to a private address is caught,
 * and nothing is dialled in between.
 */
export function createGuardedLookup({
  allowPrivate,
  resolveHost = resolveHostWithSystemDns,
}: GuardedLookupOptions): LookupFunction {
  return (hostname, options, callback) => {
    // Through a promise so a resolver that throws synchronously still ends in the callback.
    Promise.resolve(hostname)
      .then(resolveHost)
      .then(
        (resolved) => {
          const addresses: LookupAddress[] = [];
          for (const { address } of resolved) {
            const family = isIP(address);
            // Judge every answer, not only the one that would be dialled: the order of answers is
            // the attacker's to choose.
            const range = allowPrivate && family !== 0 ? undefined : findBlockedRange(address);
            if (range) {
              callback(new CallbackAddressBlockedError(hostname, address, range.name), []);
              return;
            }
            addresses.push({ address, family });
          }
          const wanted = wantedFamily(options.family);
          const usable = wanted ? addresses.filter((a) => a.family === wanted) : addresses;
          const first = usable[0];
          if (!first) callback(notFound(hostname), []);
          else if (options.all) callback(null, usable);
          else callback(null, first.address, first.family);
        },
        (error: unknown) => {
          callback(error instanceof Error ? error : new Error(String(error)), []);
        },
      );
  };
}
