import { describe, expect, it } from "vitest";
import { checkCallbackUrl } from "./check-callback-url";

const strict = { allowPrivate: false };
const relaxed = { allowPrivate: true };

// Addresses and names that must never be reached from production. Each is an https URL, so the
// refusal can only come from the host; each passes with allowPrivate, so the URL itself parses.
const SSRF_HOST_PAYLOADS = [
  "https://127.0.0.1/hook",
  "https://127.0.0.1./hook",
  "https://2130706433/hook",
  "https://0x7f000001/hook",
  "https://0177.0.0.1/hook",
  "https://0x7f.1/hook",
  "https://127.1/hook",
  "https://127.0.1/hook",
  "https://127.000.000.001/hook",
  "https://%31%32%37.0.0.1/hook",
  "https://１２７.０.０.１/hook",
  "https://0.0.0.0/hook",
  "https://0/hook",
  "https://[::]/hook",
  "https://[::1]/hook",
  "https://[0:0:0:0:0:0:0:1]/hook",
  "https://[::ffff:127.0.0.1]/hook",
  "https://[::ffff:7f00:1]/hook",
  "https://[0:0:0:0:0:ffff:169.254.169.254]/hook",
  "https://[::127.0.0.1]/hook",
  "https://[64:ff9b::10.0.0.1]/hook",
  "https://[2002:a9fe:a9fe::1]/hook",
  "https://localhost/hook",
  "https://LOCALHOST./hook",
  "https://localhost../hook",
  "https://foo.localhost/hook",
  "https://Foo.LocalHost./hook",
  "https://metadata.google.internal/computeMetadata/v1/",
  "https://METADATA.GOOGLE.INTERNAL./computeMetadata/v1/",
  "https://metadata.goog/",
  "https://instance-data.ec2.internal/latest/meta-data/",
  "https://169.254.169.254/latest/meta-data/",
  "https://0xa9fea9fe/latest/meta-data/",
  "https://2852039166/latest/meta-data/",
  "https://10.0.0.1/hook",
  "https://10.255.255.255/hook",
  "https://172.16.0.1/hook",
  "https://172.31.255.254/hook",
  "https://192.168.1.1/hook",
  "https://0300.0250.0.1/hook",
  "https://100.64.0.1/hook",
  "https://100.100.100.200/hook",
  "https://192.0.0.192/hook",
  "https://224.0.0.1/hook",
  "https://255.255.255.255/hook",
  "https://240.0.0.1/hook",
  "https://[fc00::1]/hook",
  "https://[fd00:ec2::254]/hook",
  "https://[fe80::1]/hook",
  "https://[ff02::1]/hook",
  "https://printer.local/hook",
  "https://router.home.arpa/hook",
];

describe("checkCallbackUrl", () => {
  it.each(SSRF_HOST_PAYLOADS)("refuses %s unless private addresses are allowed", (url) => {
    const result = checkCallbackUrl(url, strict);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/address|local or metadata name/);
    expect(checkCallbackUrl(url, relaxed)).toEqual({ ok: true });
  });

  it.each([
    ["plain http", "http://example.com/hook", /scheme must be https, got http/],
    ["ftp", "ftp://example.com/hook", /scheme/],
    ["file", "file:///etc/passwd", /scheme/],
    ["gopher", "gopher://127.0.0.1:6379/_FLUSHALL", /scheme/],
    ["javascript", "javascript:alert(1)", /scheme/],
    ["user and password", "https://user:pass@example.com/hook", /user name or password/],
    ["user only", "https://user@example.com/hook", /user name or password/],
    ["userinfo hiding a loopback host", "https://example.com@127.0.0.1/hook", /user name or password/],
    ["not a URL", "not a url", /not a valid absolute URL/],
    ["a relative URL", "/hooks/countersign", /not a valid absolute URL/],
    ["an IPv6 zone id", "https://[fe80::1%25eth0]/hook", /not a valid absolute URL/],
    ["an empty string", "", /not a valid absolute URL/],
  ])("refuses %s", (_label, url, reason) => {
    const result = checkCallbackUrl(url, strict);
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });

  it("still refuses userinfo, other schemes and garbage when private addresses are allowed", () => {
    expect(checkCallbackUrl("https://user:pass@127.0.0.1/hook", relaxed).ok).toBe(false);
    expect(checkCallbackUrl("ftp://127.0.0.1/hook", relaxed)).toEqual({
      ok: false,
      reason: "callback URL scheme must be https or http, got ftp",
    });
    expect(checkCallbackUrl("not a url", relaxed).ok).toBe(false);
  });

  it("allows plain http only together with private addresses", () => {
    expect(checkCallbackUrl("http://127.0.0.1:8080/hook", relaxed)).toEqual({ ok: true });
    expect(checkCallbackUrl("http://127.0.0.1:8080/hook", strict).ok).toBe(false);
  });

  it.each([
    "https://ci.example.com/hooks/countersign",
    "https://example.com:8443/hook?x=1#frag",
    "https://93.184.215.14/hook",
    "https://172.15.255.255/hook",
    "https://172.32.0.1/hook",
    "https://100.128.0.1/hook",
    "https://[2606:4700:4700::1111]/hook",
    "https://[::ffff:8.8.8.8]/hook",
    "https://localhost.example.com/hook",
    "https://mylocalhost/hook",
    "https://internal.example.com/hook",
    // Names pass the submit-time check; what they resolve to is judged at dial time.
    "https://rebind.test/hook",
  ])("accepts %s", (url) => {
    expect(checkCallbackUrl(url, strict)).toEqual({ ok: true });
  });
});
