// V8 reads a string one character at a time (`charCodeAt`) about three times slower than it reads
// a typed array; a hot pass over a long text copies it into one first (`Buffer#write` as UTF-16 is a
// plain copy of the code units, lone surrogates included) and reads that instead.

/** Kept between calls up to this many characters (2 MiB); a longer text gets a buffer of its own. */
const KEEP_CHARS = 1 << 20;

let buffer = Buffer.allocUnsafeSlow(2 * 65_536);
let units = new Uint16Array(buffer.buffer, buffer.byteOffset, buffer.length >> 1);

/**
 * The UTF-16 code units of `text` in a typed array, valid until the next call (the array is reused,
 * and may be longer than `text`: read indices below `text.length` only).
 */
export function codeUnits(text: string): Uint16Array {
  if (text.length > units.length) {
    const b = Buffer.allocUnsafeSlow(2 * text.length);
    const u = new Uint16Array(b.buffer, b.byteOffset, text.length);
    if (text.length <= KEEP_CHARS) {
      buffer = b;
      units = u;
    }
    b.write(text, 0, "utf16le");
    return u;
  }
  buffer.write(text, 0, "utf16le");
  return units;
}
