// Truncated and corrupt captures: a clear error naming the byte offset and the frame number,
// and every frame before the damage still analysed, through the reader and through the CLI.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { gzipSync } from "node:zlib";
import { createAnalysis } from "../src/pcap/analyze/analysis.js";
import { decodeFrame } from "../src/pcap/decode/dispatch.js";
import { readCaptureBytes } from "../src/pcap/read.js";
import { runPcap } from "./pcap-cli.js";
import { corpusCapture } from "./pcap-frames.js";

const tmp = mkdtempSync(join(tmpdir(), "linkguard-pcap-damaged-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** File offsets of each record in a classic pcap file. */
function recordOffsets(bytes: Uint8Array): number[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  for (let at = 24; at + 16 <= bytes.length; at += 16 + v.getUint32(at + 8, true)) out.push(at);
  return out;
}

const lacp = corpusCapture("lacp-partner-expired-then-defaulted.pcap");
const offsets = recordOffsets(lacp);

test("a capture cut in the middle of frame 11: frames 1-10 are read, the error names offset and frame", () => {
  const at = offsets[10] as number;
  let seen = 0;
  const r = readCaptureBytes(lacp.subarray(0, at + 30), () => seen++);
  assert.equal(seen, 10);
  assert.deepEqual([r.error?.offset, r.error?.frame], [at, 11]);
});

test("a corrupt record length in frame 6 stops reading there, at that record's offset", () => {
  const bad = lacp.slice();
  const at = offsets[5] as number;
  new DataView(bad.buffer).setUint32(at + 8, 0xfffffff0, true);
  let seen = 0;
  const r = readCaptureBytes(bad, () => seen++);
  assert.equal(seen, 5);
  assert.deepEqual([r.error?.offset, r.error?.frame], [at, 6]);
});

test("pcap summary on a truncated file: partial report, the error on stderr, exit code 1", () => {
  const file = join(tmp, "cut.pcap");
  const at = offsets[10] as number;
  writeFileSync(file, lacp.subarray(0, at + 30));
  const text = runPcap(["summary", file]);
  assert.equal(text.code, 1, text.stderr);
  assert.match(text.stdout, /10 frames/);
  assert.match(text.stderr, new RegExp(`byte offset ${at} \\(frame 11\\)`));
  const json = runPcap(["summary", file, "--json"]);
  assert.equal(json.code, 1);
  assert.equal(json.stderr, "", "nothing on stderr with --json");
  const report = JSON.parse(json.stdout);
  assert.equal(report.packets, 10);
  assert.equal(report.lacp.pdus, 10);
  assert.deepEqual([report.capture.error.offset, report.capture.error.frame], [at, 11]);
});

test("a corrupt gzip stream is reported after the frames that could be read", () => {
  const big = new Uint8Array(lacp.length * 50);
  big.set(lacp);
  for (let i = 1; i < 50; i++) big.set(lacp.subarray(24), 24 + i * (lacp.length - 24));
  const gz = gzipSync(big.subarray(0, 24 + 50 * (lacp.length - 24)));
  const file = join(tmp, "cut.pcap.gz");
  writeFileSync(file, gz.subarray(0, Math.floor(gz.length * 0.7)));
  const r = runPcap(["lacp", file, "--json"]);
  assert.equal(r.code, 1, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.ok(report.pdus > 0 && report.pdus < 1000, `${report.pdus} PDUs before the damage`);
  assert.equal(report.capture.error.frame, report.pdus + 1);
});

test("a file that is not a capture, and a missing file, could not run (exit 3)", () => {
  const file = join(tmp, "notes.txt");
  writeFileSync(file, "not a capture at all");
  const r = runPcap(["summary", file]);
  assert.equal(r.code, 3);
  assert.match(r.stderr, /not a pcap or pcapng file/);
  const missing = runPcap(["summary", join(tmp, "nope.pcap")]);
  assert.equal(missing.code, 3);
  assert.match(
    missing.stderr,
    /^linkguard: pcap: cannot read .*nope\.pcap: no such file or directory\n$/,
  );
});

test("a million empty records are read in well under a second of CPU (no exception per frame)", () => {
  // A classic pcap header and 16 MB of zeros: a million records of 0 bytes, 15 KB gzipped.
  // Each used to cost about 3 µs (an exception with a stack trace per frame).
  const header = new Uint8Array(24);
  const v = new DataView(header.buffer);
  v.setUint32(0, 0xa1b2c3d4, true);
  v.setUint16(4, 2, true);
  v.setUint16(6, 4, true);
  v.setUint32(16, 65535, true);
  v.setUint32(20, 1, true);
  const bytes = new Uint8Array(24 + 16 * 1_000_000);
  bytes.set(header);
  const analyzer = createAnalysis({ name: "summary" });
  const cpu = process.cpuUsage();
  const r = readCaptureBytes(bytes, (p) => analyzer.add(decodeFrame(p)));
  const report = analyzer.finish({ interfaces: r.interfaces });
  const used = process.cpuUsage(cpu);
  const seconds = (used.user + used.system) / 1e6;
  assert.equal(r.error, undefined);
  assert.equal(report.packets, 1_000_000);
  assert.equal(report.errors.total, 1_000_000);
  assert.deepEqual(report.errors.byKind, { truncated: 1_000_000 });
  assert.ok(seconds < 1, `${seconds.toFixed(2)} s of CPU for a million empty records`);
});
