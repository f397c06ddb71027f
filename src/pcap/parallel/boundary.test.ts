import assert from "node:assert/strict";
import { test } from "node:test";
import { writePcap } from "../write.js";
import { classicHeader, findRecordBoundary, nextSecond, regionStarts } from "./boundary.js";

const sizes = [
  60, 1514, 98, 342, 60, 1514, 1514, 66, 590, 60, 1200, 64, 60, 60, 1514, 90, 60, 70, 80, 90,
];
const records = Array.from({ length: 400 }, (_, i) => ({
  ts: 1_700_000_000 + i * 0.001,
  data: Uint8Array.from(
    { length: sizes[i % sizes.length] as number },
    (_, k) => (k * 7 + i) & 0xff,
  ),
}));

for (const littleEndian of [true, false]) {
  test(`findRecordBoundary finds the next record start from anywhere in a pcap (${littleEndian ? "LE" : "BE"})`, () => {
    const file = writePcap(records, { littleEndian });
    const h = classicHeader(file, 1 << 24);
    assert.ok(h);
    const starts = new Set<number>();
    for (let at = 24, i = 0; i < records.length; i++) {
      starts.add(at);
      at += 16 + (records[i]?.data.length ?? 0);
    }
    for (let from = 24; from < file.length - 20000; from += 997) {
      const found = findRecordBoundary(file.subarray(from, from + 64 * 1024), h, 1_700_000_000);
      assert.ok(found !== undefined, `from ${from}`);
      const at = from + found;
      assert.ok(starts.has(at), `${at} is a record start`);
      const next = [...starts].filter((s) => s >= from).sort((a, b) => a - b)[0];
      assert.equal(at, next, "the first one after the cut");
    }
  });
}

test("classicHeader reads the header and refuses other formats", () => {
  const h = classicHeader(writePcap([], { nano: true, linkType: 113, snapLength: 65535 }), 1 << 24);
  assert.deepEqual(h, {
    littleEndian: true,
    divisor: 1e9,
    linkType: 113,
    snapLength: 65535,
    maxRecord: 262144,
  });
  assert.equal(classicHeader(new Uint8Array(24), 1 << 24), undefined);
  assert.equal(classicHeader(Uint8Array.of(0x0a, 0x0d, 0x0d, 0x0a), 1 << 24), undefined);
});

test("nextSecond finds the first record of the next second, also across windows", () => {
  const file = writePcap(records);
  const h = classicHeader(file, 1 << 24);
  assert.ok(h);
  // Records are 1 ms apart from a whole second: record 1000 would start the next second; with
  // 400 records there is none, so use a later first timestamp.
  const late = writePcap(records.map((r, i) => ({ ...r, ts: 1_700_000_000.9 + i * 0.001 })));
  let at = 24;
  for (let i = 0; i < 100; i++) at += 16 + (records[i]?.data.length ?? 0);
  const whole = nextSecond(late, 24, h);
  assert.deepEqual(whole, { at, found: true, second: 1_700_000_000 });
  // The same in two windows: the first ends inside the 60th record.
  const first = nextSecond(late.subarray(0, 24 + 60 * 400), 24, h);
  assert.equal(first.found, false);
  const rest = nextSecond(late.subarray(first.at), 0, h, first.second);
  assert.deepEqual({ ...rest, at: rest.at + first.at }, whole);
  assert.equal(nextSecond(file, 24, h).found, false);
});

test("regionStarts cuts at records that start a new second, and drops cuts with nowhere to go", () => {
  // 400 records over 0.4 s, then 400 over the next 4 s: the first second is half the file.
  const spread = records.map((r, i) => ({ ...r, ts: i < 200 ? r.ts : 1_700_000_001 + i * 0.01 }));
  const file = writePcap(spread);
  const h = classicHeader(file, 1 << 24);
  assert.ok(h);
  const ts = new Map<number, number>();
  for (let at = 24, i = 0; i < spread.length; i++) {
    ts.set(at, spread[i]?.ts as number);
    at += 16 + (spread[i]?.data.length ?? 0);
  }
  const read = (at: number, n: number) => file.subarray(at, at + n);
  const starts = regionStarts(read, file.length, 8, h, 1_700_000_000);
  assert.ok(starts !== undefined);
  assert.equal(starts[0], 24);
  // Cuts inside the long first second all move to its end: one cut there, not four.
  assert.ok(starts.length > 2 && starts.length < 8, `${starts}`);
  for (const cut of starts.slice(1)) {
    const before = [...ts.keys()].filter((at) => at < cut).pop() as number;
    assert.ok(ts.has(cut), `${cut} is a record start`);
    assert.notEqual(Math.floor(ts.get(cut) as number), Math.floor(ts.get(before) as number));
  }
  assert.deepEqual(
    starts,
    [...new Set(starts)].sort((a, b) => a - b),
    "increasing",
  );
  // All in one second: nowhere to cut.
  const oneSecond = writePcap(records.slice(0, 300));
  const readOne = (at: number, n: number) => oneSecond.subarray(at, at + n);
  assert.equal(regionStarts(readOne, oneSecond.length, 4, h, 1_700_000_000), undefined);
});
