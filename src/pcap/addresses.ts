// Addresses as text. Decoders keep MACs and IPv4 addresses as numbers (cheap to count and
// compare on the hot path); these turn them into the usual notation for output.

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** "00:1b:21:0a:0b:0c" from any number of bytes: colon-separated lower-case hex. */
export function hexColon(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i++) s += (i > 0 ? ":" : "") + HEX[b[i] ?? 0];
  return s;
}

/** "00:1b:21:0a:0b:0c" from a MAC held as a 48-bit number (ByteCursor.mac). */
export function macText(mac: number): string {
  const hi = Math.floor(mac / 4294967296);
  const lo = mac >>> 0;
  return `${HEX[hi >>> 8]}:${HEX[hi & 0xff]}:${HEX[lo >>> 24]}:${HEX[(lo >>> 16) & 0xff]}:${HEX[(lo >>> 8) & 0xff]}:${HEX[lo & 0xff]}`;
}

/** The 48-bit number for "00:1b:21:0a:0b:0c" (tests and lookups); NaN when it is not a MAC. */
export function macNumber(text: string): number {
  const parts = text.split(":");
  if (parts.length !== 6 || parts.some((p) => !/^[0-9a-f]{2}$/i.test(p))) return Number.NaN;
  return parts.reduce((n, p) => n * 256 + Number.parseInt(p, 16), 0);
}

/** Group bit of the first octet: broadcast and multicast destinations. */
export function isGroupMac(mac: number): boolean {
  return (Math.floor(mac / 1099511627776) & 1) === 1;
}

/** "192.0.2.1" from an IPv4 address held as an unsigned 32-bit number. */
export function ipv4Text(ip: number): string {
  return `${ip >>> 24}.${(ip >>> 16) & 0xff}.${(ip >>> 8) & 0xff}.${ip & 0xff}`;
}

/** RFC 5952 text for 16 bytes: lower-case, the longest run (2+) of zero groups as "::". */
export function ipv6Text(b: Uint8Array): string {
  const g: number[] = [];
  for (let i = 0; i < 16; i += 2) g.push(((b[i] ?? 0) << 8) | (b[i + 1] ?? 0));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  const hex = (a: number[]) => a.map((x) => x.toString(16)).join(":");
  if (best < 0) return hex(g);
  return `${hex(g.slice(0, best))}::${hex(g.slice(best + bestLen))}`;
}

/** An address by IANA address family number (1 IPv4, 2 IPv6; others as colon hex), as text. */
export function ianaAddressText(family: number, b: Uint8Array): string {
  if (family === 1 && b.length === 4) return `${b[0]}.${b[1]}.${b[2]}.${b[3]}`;
  if (family === 2 && b.length === 16) return ipv6Text(b);
  return hexColon(b);
}

const latin1 = new TextDecoder("latin1");
const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Text from a TLV value: UTF-8 when valid, else Latin-1 (never throws). */
export function bytesText(b: Uint8Array): string {
  try {
    return utf8.decode(b);
  } catch {
    return latin1.decode(b);
  }
}
