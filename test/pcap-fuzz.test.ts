// Random mutations of every corpus capture (seeded, so a failure can be replayed with its seed)
// through the reader, every decoder, every analysis and every renderer: nothing may throw, and
// each capture's batch must finish within its time budget (a hang fails the test's timeout).
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { analyzeArp } from "../src/pcap/analyze/arp.js";
import { analyzeLacp } from "../src/pcap/analyze/lacp.js";
import { analyzeNeighbors } from "../src/pcap/analyze/neighbors.js";
import { analyzeStorms } from "../src/pcap/analyze/storms.js";
import { analyzeSummary } from "../src/pcap/analyze/summary.js";
import { decodeFrame, type Frame } from "../src/pcap/decode/dispatch.js";
import { readCaptureBytes } from "../src/pcap/read.js";
import { renderArpText } from "../src/pcap/render/arp-text.js";
import { captureInfo } from "../src/pcap/render/capture.js";
import { renderJson } from "../src/pcap/render/json.js";
import { renderLacpText } from "../src/pcap/render/lacp-text.js";
import { renderNeighborsText } from "../src/pcap/render/neighbors-text.js";
import { renderStormsText } from "../src/pcap/render/storms-text.js";
import { renderSummaryText } from "../src/pcap/render/summary-text.js";
import { type RecordToWrite, writePcapng } from "../src/pcap/write.js";
import { corpusCapture } from "./pcap-frames.js";
import { CORPUS } from "./support/paths.js";

const FILES = readdirSync(join(CORPUS, "pcap"))
  .filter((f) => /\.pcap(ng)?$/.test(f))
  .sort();
const ROUNDS = Number(process.env.PCAP_FUZZ_ROUNDS ?? 150);
const BUDGET_MS = 4000;

/** xorshift32: small, seeded, reproducible. */
function prng(seed: number): (n: number) => number {
  let x = seed || 1;
  return (n) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
}

const INTERESTING = [0, 1, 2, 3, 4, 6, 0x7f, 0x80, 0xfe, 0xff];

function mutate(input: Uint8Array, r: (n: number) => number): Uint8Array {
  let b = input.slice();
  const edits = 1 + r(8);
  for (let e = 0; e < edits && b.length > 0; e++) {
    const at = r(b.length);
    switch (r(7)) {
      case 0: // flip a bit
        b[at] = (b[at] as number) ^ (1 << r(8));
        break;
      case 1: // an interesting byte
        b[at] = INTERESTING[r(INTERESTING.length)] as number;
        break;
      case 2: // a 32-bit field set to an extreme (record lengths, block lengths, counts)
        for (let k = 0; k < 4 && at + k < b.length; k++) b[at + k] = r(2) ? 0xff : r(256);
        break;
      case 3: // cut the file short
        b = b.slice(0, at);
        break;
      case 4: {
        // insert random bytes
        const extra = Uint8Array.from({ length: 1 + r(40) }, () => r(256));
        const out = new Uint8Array(b.length + extra.length);
        out.set(b.subarray(0, at));
        out.set(extra, at);
        out.set(b.subarray(at), at + extra.length);
        b = out;
        break;
      }
      case 5: {
        // repeat a slice (duplicated records, duplicated TLVs)
        const len = 1 + r(Math.min(200, b.length - at));
        const out = new Uint8Array(b.length + len);
        out.set(b.subarray(0, at + len));
        out.set(b.subarray(at, at + len), at + len);
        out.set(b.subarray(at + len), at + 2 * len);
        b = out;
        break;
      }
      default: // random byte
        b[at] = r(256);
    }
  }
  return b;
}

function everything(bytes: Uint8Array, chunk: number): void {
  const frames: Frame[] = [];
  const read = readCaptureBytes(bytes, (p) => frames.push(decodeFrame(p)), chunk);
  const context = { interfaces: read.interfaces };
  const capture = captureInfo("fuzz.pcap", read);
  const summary = analyzeSummary(frames, {}, context);
  renderSummaryText(summary, capture);
  renderJson({ ...summary, capture });
  renderLacpText(analyzeLacp(frames, {}, context), capture, true);
  renderArpText(analyzeArp(frames, {}, context), capture);
  renderStormsText(analyzeStorms(frames, { minPps: 2 }, context), capture);
  renderNeighborsText(analyzeNeighbors(frames, context), capture);
}

for (const [n, file] of FILES.entries()) {
  test(`fuzz: ${ROUNDS} random mutations of ${file} never throw or hang`, {
    timeout: 60_000,
  }, () => {
    const original = corpusCapture(file);
    // Odd rounds mutate the same frames written as pcapng (options, several block types).
    const records: RecordToWrite[] = [];
    let linkType = 1;
    const read = readCaptureBytes(original, (p) => {
      linkType = p.linkType;
      records.push({ ts: p.ts, data: p.data.slice(), originalLength: p.originalLength });
    });
    assert.equal(read.error, undefined);
    const asPcapng = writePcapng(records, { interfaces: [{ linkType, name: "eth0", tsresol: 9 }] });
    const start = performance.now();
    let done = 0;
    for (let round = 0; round < ROUNDS && performance.now() - start < BUDGET_MS; round++) {
      const seed = (n + 1) * 100_003 + round;
      const r = prng(seed);
      const bytes = mutate(round % 2 ? asPcapng : original, r);
      const chunk = [1, 7, 64, 4096, 1 << 20][r(5)] as number;
      try {
        everything(bytes, chunk);
      } catch (e) {
        assert.fail(`${file}, seed ${seed}, chunk ${chunk}: ${(e as Error).stack}`);
      }
      done++;
    }
    assert.ok(done >= Math.min(ROUNDS, 20), `only ${done} rounds within ${BUDGET_MS} ms`);
  });
}
