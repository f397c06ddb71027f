// The hot path (decode/plain-ip.ts: plain IP frames counted straight from their bytes) must
// give exactly the reports that decoding every frame in full gives: on every real capture of
// the corpus, and on frames made to sit on each edge of "plain" (tags, lengths, versions,
// ICMP, IPv6 extension headers, truncation, snapping), each also cut at every length and with
// header bytes changed at random.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { type AnalysisName, createAnalysis } from "../src/pcap/analyze/analysis.js";
import { readCaptureBytes } from "../src/pcap/read.js";
import { writePcap, writePcapng } from "../src/pcap/write.js";
import { edgeRecords } from "./pcap-edge-frames.js";
import { CORPUS } from "./support/paths.js";

const NAMES: AnalysisName[] = ["summary", "lacp", "arp", "storms", "neighbors"];

/** Each analysis of `bytes` read with the fast lane, and decoding every frame in full. */
function bothWays(bytes: Uint8Array): void {
  for (const name of NAMES) {
    const fast = createAnalysis({ name, top: 50 });
    // Small chunks: records straddling two chunks go through the lane too.
    const a = readCaptureBytes(bytes, (p) => fast.addPacket(p), 4096, { lane: fast.lane });
    const full = createAnalysis({ name, top: 50 }, false);
    const b = readCaptureBytes(bytes, (p) => full.addPacket(p), 4096);
    assert.deepEqual(a, b);
    assert.deepEqual(
      fast.finish({ interfaces: a.interfaces }),
      full.finish({ interfaces: b.interfaces }),
      name,
    );
  }
}

test("plain IP frames counted from their bytes give the reports of full decoding: edge frames", () => {
  const bytes = writePcap(edgeRecords());
  bothWays(bytes);
  bothWays(writePcap(edgeRecords(), { littleEndian: false, nano: true }));
  bothWays(writePcapng(edgeRecords()));
});

test("plain IP frames counted from their bytes give the reports of full decoding: the corpus", () => {
  const dir = join(CORPUS, "pcap");
  const files = readdirSync(dir).filter((f) => /\.pcap(ng)?$/.test(f));
  assert.ok(files.length >= 10);
  for (const f of files) bothWays(readFileSync(join(dir, f)));
});
