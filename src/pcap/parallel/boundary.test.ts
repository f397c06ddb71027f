import assert from "node:assert/strict";
import { test } from "node:test";
import { writePcap } from "../write.js";
import { classicHeader, findRecordBoundary } from "./boundary.js";

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
