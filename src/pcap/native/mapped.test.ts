import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { choosePcapReader } from "./addon.js";
import { mappedChunks } from "./mapped.js";

const reader = choosePcapReader({});
const addon = reader.kind === "native" ? reader.addon : undefined;
const skip = addon === undefined ? `native pcap scan unavailable: ${reader.reason}` : false;
if (skip && process.env.CI === "true") throw new Error(`${skip} (CI=true: npm ci must build it)`);

test("a mapped file's chunks are its bytes, also after the pages before them were given back", {
  skip,
}, () => {
  const dir = mkdtempSync(join(tmpdir(), "linkguard-mapped-"));
  try {
    const bytes = new Uint8Array(3 * 4096 + 123).map((_, i) => (i * 7 + (i >> 8)) & 0xff);
    const file = join(dir, "f.pcap");
    writeFileSync(file, bytes);
    const got: Uint8Array[] = [];
    // Chunks not page-aligned: release must only give back whole pages before the current one.
    for (const chunk of mappedChunks(addon as NonNullable<typeof addon>, file, 5000) ?? []) {
      got.push(chunk);
      // Every chunk handed out so far still reads the file's bytes (pages come back).
      assert.deepEqual(Buffer.concat(got), Buffer.from(bytes.subarray(0, 5000 * got.length)));
    }
    assert.equal(got.length, 3);
    assert.deepEqual(Buffer.concat(got), Buffer.from(bytes));
    assert.equal(mappedChunks(addon as NonNullable<typeof addon>, dir), undefined, "a directory");
    writeFileSync(join(dir, "empty"), "");
    assert.equal(mappedChunks(addon as NonNullable<typeof addon>, join(dir, "empty")), undefined);
    assert.equal(mappedChunks(addon as NonNullable<typeof addon>, join(dir, "none")), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
