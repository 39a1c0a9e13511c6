// Network devices' configuration (Cisco IOS and NX-OS, Arista EOS and their likes), as a change to
// push or a running config an agent quotes: the secret follows its name after an encryption-type
// digit (`enable secret 0 …`, `username bob privilege 15 secret 0 …`, `password 7 …`), a hash
// algorithm (`message-digest-key 1 md5 …`) or a key format (`wpa-psk ascii …`), which the keyword
// detector would otherwise take for the value; the key names of routing and AAA (`key-string`,
// `authentication-key`) hold human-chosen keys, so on such a line they are strong. Type 7 is a
// reversible encoding and types 5, 8 and 9 are hashes cracked offline: all are masked.
import { pushPassword } from "./command-tokens";
import { foldedWordStarts } from "./text-starts";
import type { Match } from "./types";

// names whose value may follow a marker; `password`, `secret` and `key` alone only with a type digit
const DEVICE_NAMES = new Set(["key-string", "authentication-key", "message-digest-key", "wpa-psk", "pre-shared-key"]);
const PLAIN_NAMES = new Set(["password", "secret", "key"]);
// the line before a device name: words only (`ip ospf`, `wireless-lan ssid HOME`, `ntp`)
const DEVICE_LINE_BEFORE = /(?:^|\n)[ \t]{0,16}(?:[\w][\w.-]{0,63}[ \t]{1,4}){0,6}$/;
// the line before `password`, `secret` or `key`: nothing (in a block, `line vty 0 4` then ` password
// 7 …`) or a command that takes one (`reset the password 5 times` is a sentence)
const PLAIN_LINE_BEFORE =
  /(?:^|\n)[ \t]{0,16}(?:(?:username[ \t]{1,4}[^\s]{1,64}(?:[ \t]{1,4}privilege[ \t]{1,4}\d{1,2})?|enable|ppp[ \t]{1,4}(?:chap|pap)|(?:tacacs|radius)-server(?:[ \t]{1,4}host[ \t]{1,4}[^\s]{1,64})?|crypto[ \t]{1,4}isakmp)[ \t]{1,4})?$/;
const MARKERS =
  /[ \t]{1,4}(?:\d{1,3}[ \t]{1,4}md5[ \t]{1,4}|(?:ascii|hex)[ \t]{1,4}|(?:local|remote)[ \t]{1,4})?(?:([05-9])[ \t]{1,4})?(?=\S)/y;
const VALUE = /[^\s]{1,256}/y;

/**
 * The value of a device configuration line whose name (`text[s..e]`) is followed by its markers at
 * `e`, or null when the line is not one (the keyword detector then reads it as usual).
 */
export function deviceConfigValue(text: string, s: number, e: number): { start: number; end: number } | null {
  // a blank after the name, before anything is sliced: most names are followed by `=`, `:` or a quote
  const after = text.charCodeAt(e);
  if (after !== 32 && after !== 9) return null;
  const name = text.slice(s, e).toLowerCase();
  const plain = PLAIN_NAMES.has(name);
  if (!plain && !DEVICE_NAMES.has(name)) return null;
  MARKERS.lastIndex = e;
  const markers = MARKERS.exec(text);
  if (markers === null || (plain && markers[1] === undefined)) return null;
  if (!(plain ? PLAIN_LINE_BEFORE : DEVICE_LINE_BEFORE).test(text.slice(Math.max(0, s - 160), s))) return null;
  VALUE.lastIndex = MARKERS.lastIndex;
  const value = VALUE.exec(text);
  if (value === null) return null;
  const type = markers[1];
  const ok = type === undefined ? endsLine(text, VALUE.lastIndex) : typeFits(type, value[0]);
  return ok ? { start: value.index, end: value.index + value[0].length } : null;
}

/** Type 7 is hex, types 5, 8 and 9 are crypt-style hashes; 0 (plain) and 6 (AES) may be anything. */
function typeFits(type: string, value: string): boolean {
  if (type === "7") return /^[0-9A-Fa-f]{4,}$/.test(value);
  if (type === "0" || type === "6") return true;
  return value.startsWith("$");
}

// a value with no type before it ends its line (`key-string S3cret`), or a type digit follows it
// (NTP's `authentication-key 1 md5 S3cret 7`): `the key-string command sets the key` is prose
const LINE_END = /[ \t]{0,4}(?:\d[ \t]{0,4})?(?:\r?\n|$)/y;

function endsLine(text: string, at: number): boolean {
  LINE_END.lastIndex = at;
  return LINE_END.test(text);
}

// `snmp-server community S3cret RO`: the community string is the agent's password (`public` and
// `private`, the well-known defaults, say nothing)
const COMMUNITY = /snmp-server[ \t]{1,4}community[ \t]{1,4}(?:[07][ \t]{1,4})?([^\s]{1,256})/y;
const DEFAULT_COMMUNITIES = new Set(["public", "private"]);

export function scanSnmpCommunities(text: string, out: Match[]): void {
  for (const at of foldedWordStarts(text, "snmp-server")) {
    COMMUNITY.lastIndex = at;
    const m = COMMUNITY.exec(text);
    if (m === null || DEFAULT_COMMUNITIES.has(m[1]!.toLowerCase())) continue;
    const start = COMMUNITY.lastIndex - m[1]!.length;
    pushPassword(out, text, { start, end: COMMUNITY.lastIndex });
  }
}
