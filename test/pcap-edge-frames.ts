// Frames made to sit on each edge of "plain" (decode/plain-ip.ts): tags, lengths, versions,
// ICMP, IPv6 extension headers, truncation, snapping; each also cut at every length and with
// header bytes changed at random. The plain lane and the native scan are checked on them.
import type { RecordToWrite } from "../src/pcap/write.js";
import {
  arpFrame,
  ethernet,
  icmpEcho,
  ipv4,
  ipv4Packet,
  lacpduFrame,
  NO_PARTNER,
  tcp,
  udp,
} from "./pcap-frames.js";

const T0 = 1_700_000_000;

function ipv6Packet(next: number, payload: Uint8Array, declared = payload.length): Uint8Array {
  const b = new Uint8Array(40 + payload.length);
  const v = new DataView(b.buffer);
  v.setUint32(0, 0x60000000);
  v.setUint16(4, declared);
  b[6] = next;
  b[7] = 64;
  b.set([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, next], 8);
  b.set([0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2], 24);
  b.set(payload, 40);
  return b;
}

/** Frames on each side of the plain lane's conditions. */
function edgeFrames(): Uint8Array[] {
  const a = "02:00:00:00:00:01";
  const b = "02:00:00:00:00:02";
  const body = tcp(1000, 443, 7, new Uint8Array(30));
  const v4 = ipv4Packet("10.0.0.1", "10.0.0.2", 6, body);
  const withByte = (x: Uint8Array, at: number, value: number) => {
    const c = x.slice();
    c[at] = value;
    return c;
  };
  const withU16 = (x: Uint8Array, at: number, value: number) => {
    const c = x.slice();
    new DataView(c.buffer).setUint16(at, value);
    return c;
  };
  const options = (() => {
    const p = new Uint8Array(24 + body.length);
    p.set(v4.subarray(0, 20));
    p[0] = 0x46;
    new DataView(p.buffer).setUint16(2, p.length);
    p.set(body, 24);
    return p;
  })();
  const ext = (next: number) => {
    const hdr = Uint8Array.of(6, 0, 0, 0, 0, 0, 0, 0);
    const payload = new Uint8Array(hdr.length + body.length);
    payload.set(hdr);
    payload.set(body, hdr.length);
    return ipv6Packet(next, payload);
  };
  return [
    ethernet(b, a, 0x0800, v4),
    ethernet(b, a, 0x0800, v4, [100]),
    ethernet(b, a, 0x0800, v4, [100, 200]),
    ethernet(b, a, 0x0800, ipv4Packet("10.0.0.1", "10.0.0.2", 17, udp(53, 53, new Uint8Array(3)))),
    ethernet(b, a, 0x0800, ipv4Packet("10.0.0.1", "10.0.0.2", 1, icmpEcho(true, 1, 2))),
    ethernet(
      b,
      a,
      0x0800,
      withU16(ipv4Packet("10.0.0.1", "10.0.0.2", 1, icmpEcho(true, 1, 2)), 6, 0x2000),
    ),
    // ICMP whose IP total length leaves it 2 and 6 bytes: malformed, and an error.
    ethernet(
      b,
      a,
      0x0800,
      withU16(ipv4Packet("10.0.0.1", "10.0.0.2", 1, icmpEcho(true, 1, 2)), 2, 22),
    ),
    ethernet(
      b,
      a,
      0x0800,
      withU16(ipv4Packet("10.0.0.1", "10.0.0.2", 1, icmpEcho(true, 1, 2)), 2, 26),
    ),
    ethernet(b, a, 0x0800, withU16(v4, 6, 0x0010)),
    ethernet(b, a, 0x0800, options),
    ethernet(b, a, 0x0800, withByte(v4, 0, 0x44)),
    ethernet(b, a, 0x0800, withByte(v4, 0, 0x65)),
    ethernet(b, a, 0x0800, withU16(v4, 2, 19)),
    ethernet(b, a, 0x0800, withU16(v4, 2, 2000)),
    ethernet(b, a, 0x0800, withU16(v4, 2, 20)),
    ethernet(b, a, 0x86dd, ipv6Packet(6, body)),
    ethernet(b, a, 0x86dd, ipv6Packet(17, udp(1, 2, new Uint8Array(10))), [7]),
    ethernet(b, a, 0x86dd, ipv6Packet(6, body, body.length + 1)),
    ethernet(b, a, 0x86dd, ipv6Packet(58, Uint8Array.of(128, 0, 0, 0, 0, 1, 0, 1))),
    ...[0, 43, 44, 51, 60].map((next) => ethernet(b, a, 0x86dd, ext(next))),
    ethernet(b, a, 0x86dd, withByte(ipv6Packet(6, body), 0, 0x40)),
    ethernet(b, a, 0x0806, new Uint8Array(28)),
    arpFrame({ op: "request", senderMac: a, senderIp: "10.0.0.1", targetIp: "10.0.0.2" }),
    lacpduFrame(a, { system: a, key: 1, port: 1, state: 0x3f }, NO_PARTNER),
    // 802.3 length field with an IPv4-looking body.
    (() => {
      const f = ethernet(b, a, 0x0800, v4);
      new DataView(f.buffer).setUint16(12, f.length - 14);
      return f;
    })(),
    Uint8Array.from([...ethernet(b, a, 0x0800, v4), ...ipv4("1.2.3.4")]),
  ];
}

/** A seeded PRNG (mulberry32). */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every edge frame whole, snapped and cut at every length, and with header bytes changed. */
export function edgeRecords(): RecordToWrite[] {
  const r = prng(7);
  const out: RecordToWrite[] = [];
  let ts = T0;
  const put = (data: Uint8Array, originalLength = data.length) => {
    ts += 0.0001 + r() * 0.01;
    out.push({ ts, data, originalLength });
  };
  for (const f of edgeFrames()) {
    for (let i = 0; i < 3; i++) put(f);
    for (let n = 0; n < f.length; n++) {
      put(f.subarray(0, n));
      put(f.subarray(0, n), f.length);
    }
    put(f, f.length - 1);
    for (let i = 0; i < 60; i++) {
      const m = f.slice();
      const at = Math.floor(r() * Math.min(m.length, 60));
      m[at] = r() < 0.5 ? Math.floor(r() * 256) : (m[at] as number) ^ (1 << Math.floor(r() * 8));
      put(m);
    }
  }
  // A storm of one plain frame among them (dominant frame and its sample).
  const storm = (edgeFrames()[3] as Uint8Array).slice();
  for (let i = 0; i < 3000; i++) {
    ts += 0.00001;
    out.push({ ts, data: i % 4 ? storm : ((edgeFrames()[i % 20] as Uint8Array) ?? storm) });
  }
  return out;
}
