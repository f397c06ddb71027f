// Address arithmetic shared by parsers and rules. Pure: no I/O.

const MAC_RE = /^[0-9a-f]{1,2}(:[0-9a-f]{1,2}){5}$/i;

/** Lower-case, zero-padded MAC ("0:1b:21:..." -> "00:1b:21:..."); undefined if not a MAC. */
export function normalizeMac(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  if (!MAC_RE.test(t)) return undefined;
  return t
    .split(":")
    .map((p) => p.padStart(2, "0").toLowerCase())
    .join(":");
}

const ZERO_MAC = "00:00:00:00:00:00";

export function isZeroMac(mac: string | undefined): boolean {
  return mac !== undefined && normalizeMac(mac) === ZERO_MAC;
}

/** Dotted quad -> 32-bit unsigned number; undefined when not a valid IPv4 address. */
export function ipv4ToInt(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s.trim());
  if (!m) return undefined;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const o = Number(m[i]);
    if (o > 255) return undefined;
    n = n * 256 + o;
  }
  return n;
}

export function intToIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join(".");
}

/** Prefix length -> netmask number. */
export function prefixToMask(prefix: number): number {
  if (prefix <= 0) return 0;
  return (0xffffffff << (32 - Math.min(prefix, 32))) >>> 0;
}

/** Netmask ("255.255.255.0", "ffffff00", "0xffffff00") -> prefix length; undefined if not contiguous. */
export function netmaskToPrefix(mask: string): number | undefined {
  const t = mask.trim().toLowerCase();
  let n: number | undefined;
  if (/^(0x)?[0-9a-f]{8}$/.test(t)) n = Number.parseInt(t.replace(/^0x/, ""), 16);
  else n = ipv4ToInt(t);
  if (n === undefined) return undefined;
  let prefix = 0;
  while (prefix < 32 && (n & (0x80000000 >>> prefix)) !== 0) prefix++;
  return prefixToMask(prefix) === n >>> 0 ? prefix : undefined;
}

/** The directed broadcast address of address/prefix (undefined for /31, /32 or bad input). */
export function ipv4Broadcast(address: string, prefix: number): string | undefined {
  const a = ipv4ToInt(address);
  if (a === undefined || prefix >= 31) return undefined;
  return intToIpv4((a | ~prefixToMask(prefix)) >>> 0);
}

export function isIpv4(s: string): boolean {
  return ipv4ToInt(s) !== undefined;
}

/** True when the IPv4 address is in 127.0.0.0/8. */
export function isLoopbackV4(s: string): boolean {
  const a = ipv4ToInt(s);
  return a !== undefined && a >>> 24 === 127;
}
