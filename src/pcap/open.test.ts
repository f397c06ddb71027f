import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { gzipSync } from "node:zlib";
import { maybeGunzip, openCapture } from "./open.js";
import { readCapture } from "./read.js";
import { writePcap } from "./write.js";

const tmp = mkdtempSync(join(tmpdir(), "linkguard-open-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

const records = Array.from({ length: 3000 }, (_, i) => ({
  ts: 1000 + i,
  data: new Uint8Array(1500).fill(i & 0xff),
}));
const bytes = writePcap(records);

async function count(
  path: string,
  reuseBuffers: boolean,
): Promise<{ frames: number; sum: number }> {
  let sum = 0;
  const r = await readCapture(openCapture(path, { reuseBuffers }).chunks, (p) => {
    sum += p.data[0] ?? 0;
  });
  assert.equal(r.error, undefined);
  return { frames: r.frames, sum };
}

test("openCapture reads a file, with or without reused buffers, and a gzip-compressed one", async () => {
  const plain = join(tmp, "a.pcap");
  const gz = join(tmp, "a.pcap.gz");
  writeFileSync(plain, bytes);
  writeFileSync(gz, gzipSync(bytes));
  const want = { frames: 3000, sum: records.reduce((n, _, i) => n + (i & 0xff), 0) };
  assert.deepEqual(await count(plain, false), want);
  assert.deepEqual(await count(plain, true), want);
  assert.deepEqual(await count(gz, true), want);
  assert.equal(openCapture(plain, { reuseBuffers: true }).size, bytes.length);
});

test("maybeGunzip passes other data through untouched, even in one-byte chunks", async () => {
  async function* oneByte() {
    for (const b of Uint8Array.of(0xd4, 0xc3, 0xb2)) yield Uint8Array.of(b);
  }
  const out: number[] = [];
  for await (const c of maybeGunzip(oneByte())) out.push(...c);
  assert.deepEqual(out, [0xd4, 0xc3, 0xb2]);
});
