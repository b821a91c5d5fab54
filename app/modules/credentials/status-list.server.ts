// The W3C Bitstring Status List (https://www.w3.org/TR/vc-bitstring-status-list/): bit i (the
// first bit is the most significant bit of the first byte) is 1 when the credential with
// statusListIndex i is revoked; the list travels GZIP-compressed, base64url, multibase "u" prefix.
import zlib from "node:zlib";

export function encodeStatusList(indexes: Iterable<number>, size: number): string {
  const bits = new Uint8Array(Math.ceil(size / 8));
  for (const i of indexes) {
    if (!Number.isInteger(i) || i < 0 || i >= size) throw new Error(`status index ${i} is outside the list`);
    bits[i >> 3] = (bits[i >> 3] ?? 0) | (0x80 >> (i & 7));
  }
  return `u${zlib.gzipSync(bits).toString("base64url")}`;
}

/** The list's bits; throws on anything that is not a multibase base64url GZIP bitstring. */
export function decodeStatusList(encoded: string): Uint8Array {
  if (!encoded.startsWith("u")) throw new Error("the status list is not multibase base64url");
  return new Uint8Array(
    zlib.gunzipSync(Buffer.from(encoded.slice(1), "base64url"), { maxOutputLength: 16 * 1024 * 1024 }),
  );
}

/** Bit `index` of the list; null when the list is too short to hold it. */
export function statusBit(bits: Uint8Array, index: number): boolean | null {
  const byte = bits[index >> 3];
  if (byte === undefined || index < 0) return null;
  return (byte & (0x80 >> (index & 7))) !== 0;
}
