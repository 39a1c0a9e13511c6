import { isIPv4, isIPv6 } from "node:net";

/** A special-purpose range a callback may not reach (unless private addresses are allowed). */
export type BlockedRange = { name: string; cidr: string };

type V4Range = BlockedRange & { base: number; mask: number };
type V6Range = BlockedRange & { base: bigint; mask: bigint };

const V4_BITS = 32;
const V6_BITS = 128n;
const V6_ALL = (1n << V6_BITS) - 1n;

function parseIPv4(address: string): number {
  const parts = address.split(".").map(Number);
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

function parseIPv6(address: string): bigint {
  let text = address;
  const groups: number[] = [];
  // A trailing dotted quad ("::ffff:1.2.3.4") stands for the last two 16-bit groups.
  const lastColon = text.lastIndexOf(":");
  const tail = text.slice(lastColon + 1);
  let v4Tail: number | undefined;
  if (tail.includes(".")) {
    v4Tail = parseIPv4(tail);
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [head = "", rest] = text.split("::");
  const headGroups = head === "" ? [] : head.split(":");
  const restGroups = rest === undefined || rest === "" ? [] : rest.split(":");
  const missing = 8 - headGroups.length - restGroups.length;
  for (const g of headGroups) groups.push(Number.parseInt(g, 16));
  for (let i = 0; rest !== undefined && i < missing; i++) groups.push(0);
  for (const g of restGroups) groups.push(Number.parseInt(g, 16));
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(g);
  if (v4Tail !== undefined) value = (value & ~0xffffffffn) | BigInt(v4Tail);
  return value;
}

function v4(cidr: string, name: string): V4Range {
  const [address = "", prefix = ""] = cidr.split("/");
  const bits = Number(prefix);
  const mask = bits === 0 ? 0 : (0xffffffff << (V4_BITS - bits)) >>> 0;
  return { name, cidr, base: (parseIPv4(address) & mask) >>> 0, mask };
}

function v6(cidr: string, name: string): V6Range {
  const [address = "", prefix = ""] = cidr.split("/");
  const bits = BigInt(prefix);
  const mask = (V6_ALL << (V6_BITS - bits)) & V6_ALL;
  return { name, cidr, base: parseIPv6(address) & mask, mask };
}

// IANA IPv4 special-purpose registry (RFC 6890 and successors), minus nothing: none of these
// hosts a public webhook receiver, and several (link-local, CGNAT, 192.0.0.0/24) carry cloud
// metadata services.
const V4_RANGES: readonly V4Range[] = [
  v4("0.0.0.0/8", "this-network"),
  v4("10.0.0.0/8", "private"),
  v4("100.64.0.0/10", "shared address space (CGNAT)"),
  v4("127.0.0.0/8", "loopback"),
  v4("169.254.0.0/16", "link-local (cloud metadata)"),
  v4("172.16.0.0/12", "private"),
  v4("192.0.0.0/24", "IETF protocol assignments"),
  v4("192.0.2.0/24", "documentation"),
  v4("192.88.99.0/24", "6to4 relay anycast"),
  v4("192.168.0.0/16", "private"),
  v4("198.18.0.0/15", "benchmarking"),
  v4("198.51.100.0/24", "documentation"),
  v4("203.0.113.0/24", "documentation"),
  v4("224.0.0.0/4", "multicast"),
  v4("255.255.255.255/32", "broadcast"),
  v4("240.0.0.0/4", "reserved"),
];

// Forms that carry an IPv4 address inside an IPv6 one: the socket ends up at that IPv4 host
// (directly, or through a translator/relay), so the embedded address is what gets judged.
const V6_EMBEDDING_V4: readonly (V6Range & { extract: (value: bigint) => number })[] = [
  { ...v6("::ffff:0:0/96", "IPv4-mapped"), extract: (value) => Number(value & 0xffffffffn) },
  { ...v6("64:ff9b::/96", "NAT64"), extract: (value) => Number(value & 0xffffffffn) },
  { ...v6("2002::/16", "6to4"), extract: (value) => Number((value >> 80n) & 0xffffffffn) },
];

const V6_RANGES: readonly V6Range[] = [
  v6("::/128", "unspecified"),
  v6("::1/128", "loopback"),
  v6("::/96", "IPv4-compatible (deprecated)"),
  v6("::ffff:0:0:0/96", "IPv4-translated"),
  v6("64:ff9b:1::/48", "local-use NAT64"),
  v6("100::/64", "discard-only"),
  v6("2001::/23", "IETF protocol assignments (incl. Teredo)"),
  v6("2001:db8::/32", "documentation"),
  v6("3fff::/20", "documentation"),
  v6("fc00::/7", "unique local (private)"),
  v6("fe80::/10", "link-local"),
  v6("fec0::/10", "site-local (deprecated)"),
  v6("ff00::/8", "multicast"),
];

// Everything outside global unicast is unallocated or special; refusing it wholesale keeps a
// future IANA assignment from silently becoming reachable.
const V6_GLOBAL_UNICAST = v6("2000::/3", "global unicast");

function findInV4(value: number): BlockedRange | undefined {
  const hit = V4_RANGES.find((range) => (value & range.mask) >>> 0 === range.base);
  return hit && { name: hit.name, cidr: hit.cidr };
}

function findInV6(value: bigint): BlockedRange | undefined {
  const carrier = V6_EMBEDDING_V4.find((range) => (value & range.mask) === range.base);
  if (carrier) {
    const inner = findInV4(carrier.extract(value));
    return inner && { name: `${carrier.name} ${inner.name}`, cidr: `${carrier.cidr} embedding ${inner.cidr}` };
  }
  const hit = V6_RANGES.find((range) => (value & range.mask) === range.base);
  if (hit) return { name: hit.name, cidr: hit.cidr };
  if ((value & V6_GLOBAL_UNICAST.mask) !== V6_GLOBAL_UNICAST.base)
    return { name: "reserved", cidr: "outside 2000::/3" };
  return undefined;
}

/**
 * The blocked range an IP address falls in, or undefined for a public address.
 * Anything that is not a plain IPv4/IPv6 literal counts as blocked: callers judge resolved
 * addresses, and an address we cannot read is not one we should dial.
 */
export function findBlockedRange(address: string): BlockedRange | undefined {
  const bare = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  if (isIPv4(bare)) return findInV4(parseIPv4(bare));
  // A zone id only picks the interface; the address itself decides the range.
  const withoutZone = bare.split("%")[0] ?? "";
  if (isIPv6(withoutZone)) return findInV6(parseIPv6(withoutZone));
  return { name: "not an IP address", cidr: "n/a" };
}

export function isBlockedAddress(address: string): boolean {
  return findBlockedRange(address) !== undefined;
}
