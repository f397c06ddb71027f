// One contract for every decoder in the registry: it decodes its sample, and on every
// truncation of it and on random bytes it returns a value or Malformed, never throws.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  arpFrame,
  ethernet,
  icmpEcho,
  ipv4Packet,
  lacpduFrame,
  lldpFrame,
} from "../../../test/pcap-frames.js";
import { ByteCursor } from "../cursor.js";
import { packetOf } from "../packet.js";
import {
  decodeFrame,
  ETHERTYPE_DECODERS,
  IPV4_PROTOCOL_DECODERS,
  IPV6_PROTOCOL_DECODERS,
  LINK_DECODERS,
  SNAP_DECODERS,
} from "./dispatch.js";

const A = "00:1b:21:0a:0b:0c";
const ns = Uint8Array.from([
  135,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0xfe,
  0x80,
  ...new Array(13).fill(0),
  1,
  1,
  1,
  0,
  0x1b,
  0x21,
  0x0a,
  0x0b,
  0x0c,
]);
const ipv6 = Uint8Array.from([
  0x60,
  0,
  0,
  0,
  0,
  ns.length,
  58,
  255,
  ...new Array(16).fill(0),
  0xff,
  0x02,
  ...new Array(14).fill(0),
  ...ns,
]);
const cdp = Uint8Array.from([
  2, 180, 0, 0, 0, 1, 0, 6, 0x53, 0x31, 0, 3, 0, 8, 0x46, 0x61, 0x30, 0x31,
]);

/** A sample the decoder registered under `name` decodes to `kind`. */
const SAMPLES: Record<string, { bytes: Uint8Array; kind: string }> = {
  ethernet: {
    bytes: arpFrame({ op: "request", senderMac: A, senderIp: "10.0.0.1", targetIp: "10.0.0.2" }),
    kind: "link",
  },
  "linux-sll": {
    bytes: Uint8Array.from([0, 0, 0, 1, 0, 6, 0, 0x1b, 0x21, 1, 2, 3, 0, 0, 0x08, 0x06]),
    kind: "link",
  },
  "linux-sll2": {
    bytes: Uint8Array.from([
      0x08, 0x06, 0, 0, 0, 0, 0, 2, 0, 1, 0, 6, 0, 0x1b, 0x21, 1, 2, 3, 0, 0,
    ]),
    kind: "link",
  },
  arp: {
    bytes: arpFrame({
      op: "reply",
      senderMac: A,
      senderIp: "10.0.0.1",
      targetIp: "10.0.0.2",
    }).subarray(14, 42),
    kind: "arp",
  },
  ipv4: { bytes: ipv4Packet("10.0.0.1", "10.0.0.2", 1, icmpEcho(true, 1, 1)), kind: "ipv4" },
  ipv6: { bytes: ipv6, kind: "ipv6" },
  "slow-protocols": {
    bytes: lacpduFrame(A, { system: A, key: 1, port: 1, state: 0x3d }).subarray(14),
    kind: "lacp",
  },
  lldp: {
    bytes: lldpFrame(A, { chassisMac: A, portName: "eth0", systemName: "sw" }).subarray(14),
    kind: "lldp",
  },
  cdp: { bytes: cdp, kind: "cdp" },
  icmp: { bytes: icmpEcho(false, 1, 2), kind: "icmp" },
  icmpv6: { bytes: ns, kind: "icmpv6" },
};

const registry = [
  ...LINK_DECODERS.values(),
  ...ETHERTYPE_DECODERS.values(),
  ...SNAP_DECODERS.values(),
  ...IPV4_PROTOCOL_DECODERS.values(),
  ...IPV6_PROTOCOL_DECODERS.values(),
];

/** Run a decoder the way dispatch does: link decoders throw DecodeError, the others return it. */
function run(decode: (c: ByteCursor) => { kind: string }, bytes: Uint8Array): string {
  try {
    return decode(new ByteCursor(bytes)).kind;
  } catch (e) {
    assert.equal((e as Error).name, "DecodeError", `only DecodeError may escape: ${e}`);
    return "malformed";
  }
}

function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (Math.imul(a, 1103515245) + 12345) >>> 0;
    return a >>> 24;
  };
}

for (const entry of registry) {
  test(`decoder contract: ${entry.name} decodes its sample, and never throws on cut or random bytes`, () => {
    const sample = SAMPLES[entry.name];
    assert.ok(sample, `no sample for the registered decoder ${entry.name}: add one to SAMPLES`);
    assert.equal(run(entry.decode, sample.bytes), sample.kind);
    for (let n = 0; n < sample.bytes.length; n++) run(entry.decode, sample.bytes.subarray(0, n));
    const next = random(entry.name.length);
    for (let i = 0; i < 300; i++) {
      const bytes = sample.bytes.slice();
      for (let k = 0; k < 4; k++) bytes[next() % bytes.length] = next();
      run(entry.decode, bytes);
      run(entry.decode, Uint8Array.from({ length: next() }, next));
    }
  });
}

test("decodeFrame walks Ethernet > IPv4 > ICMP and Ethernet > IPv6 > ICMPv6", () => {
  const v4 = decodeFrame(
    packetOf(ethernet("02:00:00:00:00:02", A, 0x0800, SAMPLES.ipv4?.bytes as Uint8Array)),
  );
  assert.equal(v4.payload?.kind, "ipv4");
  assert.equal(v4.payload?.kind === "ipv4" && v4.payload.inner?.kind, "icmp");
  const v6 = decodeFrame(packetOf(ethernet("33:33:00:00:00:01", A, 0x86dd, ipv6)));
  assert.equal(v6.payload?.kind === "ipv6" && v6.payload.inner?.kind, "icmpv6");
});

test("decodeFrame reaches CDP through 802.3 LLC/SNAP, and leaves unknown things undecoded", () => {
  const llc = [0xaa, 0xaa, 0x03, 0x00, 0x00, 0x0c, 0x20, 0x00];
  const body = Uint8Array.from([...llc, ...cdp]);
  const frame = Uint8Array.from([
    1,
    0,
    0x0c,
    0xcc,
    0xcc,
    0xcc,
    0,
    0x1b,
    0x21,
    1,
    2,
    3,
    0,
    body.length,
    ...body,
  ]);
  assert.equal(decodeFrame(packetOf(frame)).payload?.kind, "cdp");
  const unknownType = decodeFrame(packetOf(ethernet(A, A, 0x88b5, new Uint8Array(10))));
  assert.deepEqual([unknownType.link.kind, unknownType.payload], ["link", undefined]);
  const unknownLink = decodeFrame(packetOf(new Uint8Array(20), { linkType: 105 }));
  assert.deepEqual(unknownLink.link, { kind: "unknown-link", linkType: 105 });
  const cut = decodeFrame(packetOf(new Uint8Array(10)));
  assert.equal(cut.link.kind, "malformed");
});
