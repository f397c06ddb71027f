import assert from "node:assert/strict";
import { test } from "node:test";
import type { Packet } from "./packet.js";
import { readCaptureBytes } from "./read.js";
import { type RecordToWrite, writePcap, writePcapng } from "./write.js";

const frame = (n: number, length = 60) => Uint8Array.from({ length }, (_, i) => (i + n) & 0xff);
const records: RecordToWrite[] = [
  { ts: 1000.5, data: frame(1) },
  { ts: 1001.25, data: frame(2, 1514), originalLength: 1514 },
  { ts: 1002.000001, data: frame(3, 64), originalLength: 1500 },
];

function read(bytes: Uint8Array, chunk?: number) {
  const packets: Array<
    Pick<
      Packet,
      "index" | "ts" | "capturedLength" | "originalLength" | "interfaceId" | "linkType"
    > & { data: number[] }
  > = [];
  const result = readCaptureBytes(
    bytes,
    (p) =>
      packets.push({
        index: p.index,
        ts: p.ts,
        capturedLength: p.capturedLength,
        originalLength: p.originalLength,
        interfaceId: p.interfaceId,
        linkType: p.linkType,
        data: [...p.data],
      }),
    chunk,
  );
  return { packets, result };
}

function assertRecords(got: ReturnType<typeof read>["packets"], want: RecordToWrite[]) {
  assert.equal(got.length, want.length);
  want.forEach((r, i) => {
    const p = got[i];
    assert.ok(p);
    assert.equal(p.index, i + 1);
    assert.ok(Math.abs(p.ts - r.ts) < 1e-6, `ts ${p.ts} vs ${r.ts}`);
    assert.equal(p.capturedLength, r.data.length);
    assert.equal(p.originalLength, r.originalLength ?? r.data.length);
    assert.deepEqual(p.data, [...r.data]);
  });
}

for (const littleEndian of [true, false]) {
  for (const nano of [false, true]) {
    test(`readCaptureBytes reads classic pcap (${littleEndian ? "little" : "big"}-endian, ${nano ? "nano" : "micro"}seconds)`, () => {
      const { packets, result } = read(writePcap(records, { littleEndian, nano }));
      assertRecords(packets, records);
      assert.equal(result.format, "pcap");
      assert.equal(result.error, undefined);
      assert.equal(result.interfaces[0]?.unitsPerSecond, nano ? 1e9 : 1e6);
    });
  }
}

test("nanosecond timestamps keep their nanoseconds", () => {
  const { packets } = read(writePcap([{ ts: 1000.123456789, data: frame(0) }], { nano: true }));
  assert.equal(packets[0]?.ts, 1000.123456789);
});

test("every chunking of the file gives the same packets (records straddling chunks)", () => {
  const files = [writePcap(records), writePcapng(records, { interfaces: [{}] })];
  for (const file of files) {
    const whole = read(file).packets;
    for (const size of [1, 2, 3, 7, 13, 16, 17, 24, 25, 100, 1530]) {
      assert.deepEqual(read(file, size).packets, whole, `chunk size ${size}`);
    }
  }
});

test("pcapng: several interfaces, each with its own link type, name and timestamp resolution", () => {
  const interfaces = [
    { name: "eth0", tsresol: 6 },
    { name: "eth1", tsresol: 9, linkType: 113 },
    { tsresol: 0x80 | 20 },
  ];
  const recs = [
    { ts: 1700000000.25, data: frame(1), interfaceId: 0 },
    { ts: 1700000000.5, data: frame(2), interfaceId: 1 },
    { ts: 1700000001.125, data: frame(3), interfaceId: 2 },
  ];
  for (const littleEndian of [true, false]) {
    const { packets, result } = read(writePcapng(recs, { interfaces, littleEndian }), 5);
    assert.deepEqual(
      packets.map((p) => [p.interfaceId, p.linkType]),
      [
        [0, 1],
        [1, 113],
        [2, 1],
      ],
    );
    recs.forEach((r, i) => {
      assert.ok(Math.abs((packets[i]?.ts ?? 0) - r.ts) < 1e-6);
    });
    assert.deepEqual(
      result.interfaces.map((i) => [i.name, i.unitsPerSecond]),
      [
        ["eth0", 1e6],
        ["eth1", 1e9],
        [undefined, 2 ** 20],
      ],
    );
  }
});

/** A pcapng block of `type` with `body`, little-endian. */
function block(type: number, body: number[]): number[] {
  const padded = [...body, ...new Array((4 - (body.length % 4)) % 4).fill(0)];
  const length = 12 + padded.length;
  const le32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
  return [...le32(type), ...le32(length), ...padded, ...le32(length)];
}

test("pcapng: unknown blocks and unknown options are skipped, SPBs are read", () => {
  const base = writePcapng([{ ts: 1, data: frame(1) }]);
  // An IDB option the reader does not know (code 0x1234), then a custom block, then an SPB.
  const unknownBlock = block(0x00000bad, new Array(5000).fill(7));
  const spb = block(3, [60, 0, 0, 0, ...frame(9)]);
  const bytes = Uint8Array.from([...base, ...unknownBlock, ...spb]);
  for (const chunk of [3, 64, 1 << 20]) {
    const { packets, result } = read(bytes, chunk);
    assert.equal(result.error, undefined);
    assert.deepEqual(
      packets.map((p) => [p.index, p.capturedLength, p.ts]),
      [
        [1, 60, 1],
        [2, 60, 0],
      ],
    );
  }
});

test("pcapng: an IDB with an option the reader does not know keeps the options it knows", () => {
  const shb = block(0x0a0d0d0a, [0x4d, 0x3c, 0x2b, 0x1a, 1, 0, 0, 0, ...new Array(8).fill(0xff)]);
  const idb = block(
    1,
    [1, 0, 0, 0, 0, 0, 4, 0, 0x34, 0x12, 3, 0, 1, 2, 3, 0, 9, 0, 1, 0, 9, 0, 0, 0, 0, 0, 0, 0],
  );
  const epb = block(6, [0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0, 4, 0, 0, 0, 4, 0, 0, 0, 1, 2, 3, 4]);
  const { packets, result } = read(Uint8Array.from([...shb, ...idb, ...epb]));
  assert.equal(result.error, undefined);
  assert.equal(result.interfaces[0]?.unitsPerSecond, 1e9);
  assert.equal(packets[0]?.ts, 10 / 1e9);
});

test("a file cut inside a record reports its byte offset and frame number; earlier frames are read", () => {
  const file = writePcap(records);
  const secondAt = 24 + 16 + 60;
  for (const cut of [secondAt + 5, secondAt + 16 + 100]) {
    const { packets, result } = read(file.subarray(0, cut), 7);
    assert.equal(packets.length, 1);
    assert.equal(result.error?.frame, 2);
    assert.equal(result.error?.offset, secondAt);
    assert.match(result.error?.message ?? "", /truncated/);
  }
});

test("an impossible record length is reported where it is, and reading stops there", () => {
  const file = writePcap(records);
  const thirdAt = 24 + 16 + 60 + 16 + 1514;
  new DataView(file.buffer).setUint32(thirdAt + 8, 0x7fffffff, true);
  const { packets, result } = read(file);
  assert.equal(packets.length, 2);
  assert.deepEqual([result.error?.offset, result.error?.frame], [thirdAt, 3]);
  assert.match(result.error?.message ?? "", /captured length 2147483647/);
});

test("pcapng: a bad block length and a mismatched trailing length are errors at the block", () => {
  const file = writePcapng(records);
  const firstEpb = 28 + 20; // SHB (28 bytes) and a bare IDB (20)
  const bad = file.slice();
  new DataView(bad.buffer).setUint32(firstEpb + 4, 13, true);
  assert.deepEqual(read(bad).result.error?.offset, firstEpb);
  const trailer = file.slice();
  const length = new DataView(trailer.buffer).getUint32(firstEpb + 4, true);
  new DataView(trailer.buffer).setUint32(firstEpb + length - 4, 0, true);
  const { result } = read(trailer);
  assert.deepEqual([result.error?.offset, result.error?.frame], [firstEpb, 1]);
  assert.match(result.error?.message ?? "", /trailing length/);
});

test("not a capture, an empty file, a gzip file are errors at offset 0", () => {
  assert.match(
    read(new TextEncoder().encode("hello world")).result.error?.message ?? "",
    /not a pcap/,
  );
  assert.equal(read(new Uint8Array(0)).result.error?.message, "empty capture");
  assert.match(read(Uint8Array.of(0x1f, 0x8b, 8, 0)).result.error?.message ?? "", /gzip/);
  assert.match(read(Uint8Array.of(0xd4, 0xc3)).result.error?.message ?? "", /too short/);
});

test("pcapng: two sections (one of each byte order) number their interfaces over the whole file", () => {
  const first = writePcapng([{ ts: 1, data: frame(1) }], { interfaces: [{ name: "a" }] });
  const second = writePcapng([{ ts: 2, data: frame(2), interfaceId: 1 }], {
    littleEndian: false,
    interfaces: [{ name: "b" }, { name: "c", linkType: 113 }],
  });
  const { packets, result } = read(Uint8Array.from([...first, ...second]), 10);
  assert.equal(result.error, undefined);
  assert.deepEqual(
    packets.map((p) => [p.index, p.interfaceId, p.linkType, p.ts]),
    [
      [1, 0, 1, 1],
      [2, 2, 113, 2],
    ],
  );
  assert.deepEqual(
    result.interfaces.map((i) => i.name),
    ["a", "b", "c"],
  );
});
