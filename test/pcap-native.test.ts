// The native scan (native/pcapscan) must give exactly the reports of the JavaScript reader: on
// every capture of the corpus, on frames made to sit on each edge of "plain", on the mixed and
// storm captures of bench/pcap at a small size (one pass, a worker per region, and regions of
// the mapped file scanned by C threads), and on captures cut short or corrupted. Without the addon (not built) it skips here and fails in CI.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { type AnalysisName, createAnalysis } from "../src/pcap/analyze/analysis.js";
import { analyzeFile } from "../src/pcap/analyze-file.js";
import { choosePcapReader, loadPcapScan, type PcapScanAddon } from "../src/pcap/native/addon.js";
import { analyzeInRegions } from "../src/pcap/native/regions.js";
import { readCaptureBytes } from "../src/pcap/read.js";
import { writePcap, writePcapng } from "../src/pcap/write.js";
import { generateCapture, STORM, type Storm } from "./pcap-bench-captures.js";
import { edgeRecords } from "./pcap-edge-frames.js";
import { CORPUS } from "./support/paths.js";

const NAMES: AnalysisName[] = ["summary", "lacp", "arp", "storms", "neighbors"];

const reader = choosePcapReader({});
const addon: PcapScanAddon | undefined = reader.kind === "native" ? reader.addon : undefined;
const skip = addon === undefined ? `native pcap scan unavailable: ${reader.reason}` : false;
if (skip && process.env.CI === "true") throw new Error(`${skip} (CI=true: npm ci must build it)`);

/** Each analysis of `bytes` by the JavaScript reader and by the native scan, in `chunk` pieces. */
function bothReaders(bytes: Uint8Array, chunk: number): void {
  for (const name of NAMES) {
    const js = createAnalysis({ name, top: 50 });
    const a = readCaptureBytes(bytes, (p) => js.addPacket(p), chunk, { lane: js.lane });
    const native = createAnalysis({ name, top: 50 }, true, addon);
    const scanner = native.scanner;
    assert.ok(scanner !== undefined);
    const b = readCaptureBytes(bytes, (p) => native.addPacket(p), chunk, {
      lane: native.lane,
      scanner,
    });
    assert.deepEqual(b, a, `${name}: how the capture read`);
    if (b.frames > 0) assert.equal(scanner.active, b.format === "pcap", "the scan read it");
    const expected = js.finish({ interfaces: a.interfaces });
    assert.deepEqual(native.finish({ interfaces: b.interfaces }), expected, name);
  }
}

test("the native scan gives the JavaScript reader's reports on every corpus capture", {
  skip,
}, () => {
  const dir = join(CORPUS, "pcap");
  const files = readdirSync(dir).filter((f) => /\.pcap(ng)?$/.test(f));
  assert.ok(files.length >= 10);
  for (const f of files) {
    const bytes = readFileSync(join(dir, f));
    // 1 MiB: records straight from the chunk; 100 bytes: nearly every record carried over.
    bothReaders(bytes, 1 << 20);
    bothReaders(bytes, 100);
  }
});

test("the regions of a mapped file scanned on threads give the one-pass reports on every corpus capture", {
  skip,
}, async () => {
  const dir = join(CORPUS, "pcap");
  for (const f of readdirSync(dir).filter((f) => /\.pcap(ng)?$/.test(f))) {
    for (const name of NAMES) {
      const js = await analyzeFile(join(dir, f), { name }, { native: false });
      // Small files often have no cut a region could start at: then one pass reads them.
      assert.deepEqual((await threaded(join(dir, f), name, 3)).analyzed, js, `${f} ${name}`);
    }
  }
});

test("the native scan gives the JavaScript reader's reports on edge frames, both byte orders, both precisions", {
  skip,
}, () => {
  bothReaders(writePcap(edgeRecords()), 4096);
  bothReaders(writePcap(edgeRecords(), { littleEndian: false, nano: true }), 4096);
  bothReaders(writePcap(edgeRecords(), { littleEndian: true, nano: true }), 777);
  bothReaders(writePcap(edgeRecords(), { littleEndian: false }), 1 << 20);
  // pcapng is never scanned natively: the analysis made with the addon reads it as before.
  bothReaders(writePcapng(edgeRecords()), 4096);
});

test("the native scan gives the JavaScript reader's reports on cut and corrupted captures", {
  skip,
}, () => {
  const bytes = writePcap(edgeRecords());
  for (const cut of [23, 24, 30, 40, 1001, bytes.length - 7])
    bothReaders(bytes.subarray(0, cut), 4096);
  const corrupt = bytes.slice();
  // A record header past the first few claims a captured length far over the snap length.
  new DataView(corrupt.buffer).setUint32(24 + 16 + 60 + 8, 0x7fffffff, true);
  bothReaders(corrupt, 4096);
});

/** analyzeFile with the regions of a mapped file scanned by C threads, and the readers it named. */
async function threaded(file: string, name: AnalysisName, threads: number) {
  const readers = new Set<string>();
  const analyzed = await analyzeFile(
    file,
    { name },
    {
      blocking: true,
      threads,
      parallel: { minBytes: 0 },
      onProgress: (p) => readers.add(p.reader ?? ""),
    },
  );
  return { analyzed, readers };
}

/** A copy of a little-endian classic pcap whose first record past `share` of it is damaged. */
function damageRecordAfter(bytes: Uint8Array, share: number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  let at = 24;
  while (at < out.length * share) at += 16 + view.getUint32(at + 8, true);
  view.setUint32(at + 8, 0x7fffffff, true);
  return out;
}

/** bench/pcap's storm, scaled down so that a few MB hold it. */
const SMALL_STORM: Storm = { ...STORM, startAfter: 1.5, seconds: 0.5, copies: 60_000 };

test("the native scan gives the JavaScript reader's reports on bench/pcap's mixed and storm files", {
  skip,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), "linkguard-pcap-native-"));
  try {
    const mix = join(dir, "mix.pcap");
    const storm = join(dir, "storm.pcap");
    generateCapture(mix, 8);
    generateCapture(storm, 16, SMALL_STORM);
    for (const file of [mix, storm]) {
      for (const name of NAMES) {
        const js = await analyzeFile(file, { name }, { native: false, blocking: true });
        const native = await analyzeFile(file, { name }, { blocking: true });
        assert.deepEqual(native, js, `${file} ${name}`);
        // A worker per region, each with the scan or without.
        const parallel = { workers: 2, minBytes: 0 };
        const jsRegions = await analyzeFile(file, { name }, { native: false, parallel });
        const nativeRegions = await analyzeFile(file, { name }, { parallel });
        assert.deepEqual(nativeRegions, jsRegions, `${file} ${name} in regions`);
        // The file's regions scanned by C threads at once: the one-pass report.
        for (const threads of [2, 4]) {
          const t = await threaded(file, name, threads);
          assert.deepEqual(t.analyzed, js, `${file} ${name} on ${threads} threads`);
          assert.ok(t.readers.has(`native scan, ${threads} threads`), "the threads ran");
        }
      }
    }
    // Too many records left over for a region to keep: one pass reads the file instead.
    const native = addon as PcapScanAddon;
    const options = { regions: 2, threads: 2 };
    assert.ok(await analyzeInRegions(native, mix, { name: "summary" }, options), "threads ran");
    const overflow = { ...options, maxRareBytes: 1000 };
    assert.equal(await analyzeInRegions(native, mix, { name: "summary" }, overflow), undefined);
    const stormy = await analyzeFile(storm, { name: "storms" });
    assert.equal(stormy.result.windows.length, 1, "the storm is in the small file");
    assert.equal(stormy.result.windows[0]?.looksLikeLoop, true);
    writeFileSync(join(dir, "cut.pcap"), readFileSync(storm).subarray(0, 3_000_001));
    const cutJs = await analyzeFile(join(dir, "cut.pcap"), { name: "summary" }, { native: false });
    const cutNative = await analyzeFile(join(dir, "cut.pcap"), { name: "summary" });
    assert.deepEqual(cutNative, cutJs);
    assert.match(cutNative.read.error?.message ?? "", /truncated/);
    const cutThreaded = await threaded(join(dir, "cut.pcap"), "summary", 2);
    assert.deepEqual(cutThreaded.analyzed, cutJs, "cut, on threads");
    assert.ok(cutThreaded.readers.has("native scan, 2 threads"), "the threads ran");
    // A record past the middle claims an impossible length: reading stops there, as in one pass.
    const damaged = join(dir, "damaged.pcap");
    writeFileSync(damaged, damageRecordAfter(readFileSync(storm), 0.7));
    const damagedJs = await analyzeFile(damaged, { name: "summary" }, { native: false });
    assert.match(damagedJs.read.error?.message ?? "", /record/);
    assert.deepEqual((await threaded(damaged, "summary", 2)).analyzed, damagedJs, "damaged");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("choosePcapReader says why the JavaScript reader runs", () => {
  assert.deepEqual(choosePcapReader({ LINKGUARD_PCAP_NATIVE: "0" }), {
    kind: "js",
    reason: "LINKGUARD_PCAP_NATIVE=0 asks for the JavaScript reader",
  });
  const missing = loadPcapScan("/nonexistent/linkguard_pcapscan.node");
  assert.equal(missing.kind, "js");
  assert.match(missing.reason, /native pcap scan not built .* python3, make and a C compiler/);
});
