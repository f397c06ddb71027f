// The captures bench/pcap times, made here so the tests can read the same files at a small
// size (test/pcap-native.test.ts): a realistic mix of traffic (TCP, UDP, VLANs, ICMP, ARP, LACP
// every second, LLDP), deterministic (seeded), and optionally a storm like incident 004's.
import { closeSync, openSync, statSync, writeSync } from "node:fs";
import { encodePcapRecord, pcapFileHeader } from "../src/pcap/write.js";
import {
  arpFrame,
  BROADCAST,
  ethernet,
  icmpEcho,
  ipv4Packet,
  lacpduFrame,
  lldpFrame,
  tcp,
  udp,
} from "./pcap-frames.js";

/** mulberry32: a small seeded PRNG, so the file is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hostMac = (i: number) =>
  `02:00:00:00:${((i >> 8) & 0xff).toString(16).padStart(2, "0")}:${(i & 0xff).toString(16).padStart(2, "0")}`;
const hostIp = (i: number) => `10.1.${(i >> 8) & 0xff}.${i & 0xff}`;
const HOSTS = 200;
const BOND = ["00:1b:21:00:00:01", "00:1b:21:00:00:02"];
const SWITCH_PORTS = ["00:1c:73:00:00:11", "00:1c:73:00:00:12"];

/** Frames of one kind, with a few bytes varied per frame (addresses, sequence numbers). */
function makeFrame(r: () => number, n: number): Uint8Array {
  const a = Math.floor(r() * HOSTS);
  const b = (a + 1 + Math.floor(r() * (HOSTS - 1))) % HOSTS;
  const x = r();
  if (x < 0.58) {
    const data = new Uint8Array(1460);
    return ethernet(
      hostMac(b),
      hostMac(a),
      0x0800,
      ipv4Packet(hostIp(a), hostIp(b), 6, tcp(443, 40000 + a, n, data)),
    );
  }
  if (x < 0.85)
    return ethernet(
      hostMac(a),
      hostMac(b),
      0x0800,
      ipv4Packet(hostIp(b), hostIp(a), 6, tcp(40000 + a, 443, n, new Uint8Array(0))),
    );
  if (x < 0.93) {
    const payload = new Uint8Array(40 + Math.floor(r() * 160));
    return ethernet(
      hostMac(b),
      hostMac(a),
      0x0800,
      ipv4Packet(hostIp(a), hostIp(b), 17, udp(53000 + a, 53, payload)),
      r() < 0.3 ? [100] : [],
    );
  }
  if (x < 0.97) {
    const data = new Uint8Array(200 + Math.floor(r() * 1000));
    return ethernet(
      hostMac(b),
      hostMac(a),
      0x0800,
      ipv4Packet(hostIp(a), hostIp(b), 6, tcp(8080, 50000, n, data)),
      [200],
    );
  }
  if (x < 0.995)
    return ethernet(
      hostMac(b),
      hostMac(a),
      0x0800,
      ipv4Packet(hostIp(a), hostIp(b), 1, icmpEcho(true, a, n & 0xffff)),
    );
  return arpFrame(
    { op: "request", senderMac: hostMac(a), senderIp: hostIp(a), targetIp: hostIp(b) },
    BROADCAST,
  );
}

/**
 * A storm like incident 004's: one small frame (a VRRP advertisement, 60 bytes on the wire)
 * repeated `copies` times over `seconds`, starting `startAfter` seconds into the capture.
 */
export interface Storm {
  startAfter: number;
  seconds: number;
  copies: number;
  frame: Uint8Array;
}

export const STORM: Storm = {
  startAfter: 60,
  seconds: 2.5,
  copies: 1_000_000,
  frame: ethernet(
    "01:00:5e:00:00:12",
    "00:00:5e:00:01:0a",
    0x0800,
    ipv4Packet(
      "10.1.0.2",
      "224.0.0.18",
      112,
      Uint8Array.of(0x21, 10, 100, 1, 0, 1, 0, 0, 10, 1, 0, 1),
    ),
  ),
};

/**
 * Write about `targetMb` of capture: ~3,000 packets/s, LACP every second on two ports, LLDP
 * every 30 s; with `storm`, its copies interleaved with that mix during its seconds.
 */
export function generateCapture(
  file: string,
  targetMb: number,
  storm?: Storm,
): { frames: number; bytes: number } {
  const r = prng(42);
  const fd = openSync(file, "w");
  const buf = new Uint8Array(8 << 20);
  buf.set(pcapFileHeader());
  let at = 24;
  let written = 0;
  let frames = 0;
  const target = targetMb * 1024 * 1024;
  const start = 1_700_000_000;
  const pps = 3000;
  const templates = Array.from({ length: 4096 }, (_, i) => makeFrame(r, i));
  let lastSecond = -1;
  const put = (ts: number, data: Uint8Array) => {
    if (at + 16 + data.length > buf.length) {
      writeSync(fd, buf, 0, at);
      written += at;
      at = 0;
    }
    at = encodePcapRecord(buf, at, { ts, data });
    frames++;
  };
  for (let n = 0; written + at < target; n++) {
    const ts = start + n / pps;
    const second = Math.floor(ts);
    if (second !== lastSecond) {
      lastSecond = second;
      for (const [i, src] of BOND.entries()) {
        const partner = { system: "00:1c:73:aa:bb:cc", key: 1, port: 11 + i, state: 0x3f };
        put(
          ts,
          lacpduFrame(
            src,
            { system: BOND[0] as string, key: 15, port: i + 1, state: 0x3f },
            partner,
          ),
        );
        put(
          ts,
          lacpduFrame(SWITCH_PORTS[i] as string, partner, {
            system: BOND[0] as string,
            key: 15,
            port: i + 1,
            state: 0x3f,
          }),
        );
      }
      if (second % 30 === 0) {
        for (const [i, src] of SWITCH_PORTS.entries()) {
          put(
            ts,
            lldpFrame(src, {
              chassisMac: "00:1c:73:aa:bb:cc",
              portName: `Ethernet${i + 1}`,
              systemName: "leaf1",
              portVlan: 100,
              aggregated: { enabled: true, portId: 1000 + i },
              maxFrameSize: 9216,
            }),
          );
        }
      }
    }
    const t = templates[n & 4095] as Uint8Array;
    // Vary the IPv4 id so frames are not all byte-identical (the checksum is not checked).
    const ip = t[12] === 0x81 ? 18 : 14;
    if (t[ip - 2] === 0x08 && t[ip - 1] === 0x00) {
      t[ip + 4] = n & 0xff;
      t[ip + 5] = (n >> 8) & 0xff;
    }
    put(ts, t);
    if (storm !== undefined) {
      // The copies due between this frame and the next, evenly spaced.
      const from = (ts - start - storm.startAfter) / storm.seconds;
      const to = (ts + 1 / pps - start - storm.startAfter) / storm.seconds;
      const first = Math.max(0, Math.ceil(from * storm.copies));
      const last = Math.min(storm.copies, Math.ceil(to * storm.copies));
      for (let k = first; k < last; k++) {
        put(start + storm.startAfter + (k / storm.copies) * storm.seconds, storm.frame);
      }
    }
  }
  writeSync(fd, buf, 0, at);
  closeSync(fd);
  return { frames, bytes: statSync(file).size };
}
