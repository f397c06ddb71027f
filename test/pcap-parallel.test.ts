// Reading a classic pcap by regions in worker threads must give exactly what one pass gives:
// every analysis, every frame number, and the error of a truncated file.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import type { AnalysisName } from "../src/pcap/analyze/analysis.js";
import { analyzeFile } from "../src/pcap/analyze-file.js";
import { analyzeInParallel } from "../src/pcap/parallel/run.js";
import { captureInfo } from "../src/pcap/render/capture.js";
import { renderJson } from "../src/pcap/render/json.js";
import { type RecordToWrite, writePcap } from "../src/pcap/write.js";
import {
  arpFrame,
  BROADCAST,
  ethernet,
  ipv4Packet,
  lacpduFrame,
  lldpFrame,
  NO_PARTNER,
  tcp,
  udp,
} from "./pcap-frames.js";

const tmp = mkdtempSync(join(tmpdir(), "linkguard-pcap-parallel-"));
after(() => rmSync(tmp, { recursive: true, force: true }));
const T0 = 1_700_000_000;

/** 300 s of mixed traffic with LACP, ARP conflicts, LLDP, a storm second and bad frames. */
function capture(): Uint8Array {
  const records: RecordToWrite[] = [];
  const host = "00:1b:21:00:00:01";
  const sw = { system: "00:1c:73:aa:bb:cc", key: 1, port: 11, state: 0x3f };
  for (let s = 0; s < 300; s++) {
    for (let i = 0; i < 40; i++) {
      const a = (s * 7 + i) % 50;
      const frame = ethernet(
        "02:00:00:00:01:00",
        `02:00:00:00:00:${a.toString(16).padStart(2, "0")}`,
        0x0800,
        ipv4Packet(
          `10.0.0.${a}`,
          "10.0.1.1",
          6,
          tcp(1000 + i, 443, s * 100 + i, new Uint8Array((i * 37) % 1400)),
        ),
      );
      records.push({
        ts: T0 + s + i / 40,
        data: i === 13 && s % 50 === 0 ? frame.slice(0, 30) : frame,
      });
    }
    const mine =
      s < 200
        ? lacpduFrame(host, { system: host, key: 15, port: 1, state: 0x3f }, sw)
        : lacpduFrame(host, { system: host, key: 15, port: 1, state: 0x47 }, NO_PARTNER);
    records.push({ ts: T0 + s + 0.01, data: mine });
    if (s < 150)
      records.push({
        ts: T0 + s + 0.02,
        data: lacpduFrame("00:1c:73:00:00:11", sw, { system: host, key: 15, port: 1, state: 0x3f }),
      });
    if (s % 30 === 0)
      records.push({
        ts: T0 + s + 0.03,
        data: lldpFrame("00:1c:73:00:00:11", {
          chassisMac: sw.system,
          portName: "Ethernet1",
          systemName: "leaf1",
        }),
      });
    if (s % 10 === 0) {
      const ask = arpFrame({
        op: "request",
        senderMac: "02:00:00:00:00:99",
        senderIp: "10.0.0.99",
        targetIp: "10.0.0.10",
      });
      records.push({ ts: T0 + s + 0.04, data: ask });
      records.push({
        ts: T0 + s + 0.041,
        data: arpFrame({
          op: "reply",
          senderMac: s % 20 ? host : "00:1b:21:00:00:02",
          senderIp: "10.0.0.10",
          targetIp: "10.0.0.99",
        }),
      });
    }
  }
  const storm = arpFrame(
    { op: "request", senderMac: "02:00:00:00:00:77", senderIp: "10.0.0.77", targetIp: "10.0.0.78" },
    BROADCAST,
  );
  for (let i = 0; i < 5000; i++) records.push({ ts: T0 + 150.5 + i / 100000, data: storm });
  return writePcap(records.sort((a, b) => a.ts - b.ts));
}

const bytes = capture();
const whole = join(tmp, "mix.pcap");
writeFileSync(whole, bytes);

async function both(name: AnalysisName, file: string): Promise<[string, string]> {
  const one = await analyzeFile(file, { name }, { parallel: { workers: 1 } });
  const three = await analyzeFile(file, { name }, { parallel: { workers: 3, minBytes: 0 } });
  const json = (a: typeof one) => renderJson({ ...a.result, capture: captureInfo(file, a.read) });
  return [json(one), json(three)];
}

test("the test capture really is read by regions (no fallback to one pass)", async () => {
  const r = await analyzeInParallel(
    whole,
    bytes.length,
    { name: "summary" },
    { workers: 3, minBytes: 0 },
  );
  assert.ok(r !== undefined);
  assert.equal(r.read.frames, r.result.packets);
  assert.equal(
    await analyzeInParallel(whole, bytes.length, { name: "summary" }, { workers: 1 }),
    undefined,
  );
});

for (const name of ["summary", "lacp", "arp", "storms", "neighbors"] as const) {
  test(`pcap ${name}: three workers over regions give exactly what one pass gives`, async () => {
    const [one, three] = await both(name, whole);
    assert.equal(three, one);
    assert.ok(one.length > 200);
  });
}

test("a truncated file read by regions reports the same error at the same offset and frame", async () => {
  const cut = join(tmp, "cut.pcap");
  writeFileSync(cut, bytes.subarray(0, bytes.length - 100));
  const [one, three] = await both("summary", cut);
  assert.equal(three, one);
  const report = JSON.parse(one);
  assert.match(report.capture.error.message, /truncated/);
  assert.ok(report.packets > 12000);
});

/**
 * A storm in the middle of the file, so that the cut between two regions falls inside its
 * second: one frame repeated among many frames that each appear once (they wear the counts
 * of a Misra-Gries summary down), and a frame seen few times in a quieter second.
 */
function stormInTheMiddle(): Uint8Array {
  const records: RecordToWrite[] = [];
  const noise = (i: number) =>
    ethernet(
      "02:00:00:00:01:00",
      `02:00:00:00:${((i >> 8) & 0xff).toString(16).padStart(2, "0")}:${(i & 0xff).toString(16).padStart(2, "0")}`,
      0x0800,
      ipv4Packet(
        `10.0.${(i >> 8) & 0xff}.${i & 0xff}`,
        "10.0.1.1",
        6,
        tcp(1000, 443, i, new Uint8Array(100)),
      ),
    );
  for (let s = 0; s < 20; s++) {
    for (let i = 0; i < 50; i++) records.push({ ts: T0 + s + i / 50, data: noise(s * 50 + i) });
  }
  const ghost = ethernet(
    "01:00:5e:00:00:12",
    "00:00:5e:00:01:0a",
    0x0800,
    ipv4Packet("10.1.0.2", "224.0.0.18", 112, Uint8Array.of(0x21, 10, 100, 1, 0, 1, 0, 0)),
  );
  for (let i = 0; i < 20000; i++) {
    const ts = T0 + 20 + i / 20000;
    records.push({ ts, data: i % 3 === 0 ? ghost : noise(10000 + i) });
  }
  for (let s = 21; s < 41; s++) {
    for (let i = 0; i < 50; i++) records.push({ ts: T0 + s + i / 50, data: noise(s * 50 + i) });
  }
  return writePcap(records);
}

test("pcap storms: a storm second cut between two regions gives the same dominant frame as one pass", async () => {
  const file = join(tmp, "storm-middle.pcap");
  writeFileSync(file, stormInTheMiddle());
  const one = await analyzeFile(file, { name: "storms" }, { parallel: { workers: 1 } });
  const spec = { name: "storms" } as const;
  const two = await analyzeInParallel(file, statSync(file).size, spec, { workers: 2, minBytes: 0 });
  assert.ok(two !== undefined, "read by regions");
  assert.deepEqual(two.result, one.result);
  const dominant = one.result.windows[0]?.dominant;
  assert.equal(one.result.windows.length, 1);
  assert.equal(dominant?.src, "00:00:5e:00:01:0a");
  assert.equal(dominant?.length, 60);
});

test("pcap storms: a dominant frame is always shown with its length and addresses", async () => {
  // A second of 1,100 different frames, then one frame five times: the most repeated frame,
  // but seen too few times for the copy of its bytes that used to be taken at the 8th repeat.
  const records: RecordToWrite[] = [];
  const frame = (i: number, src: string) =>
    ethernet(
      "02:00:00:00:01:00",
      src,
      0x0800,
      ipv4Packet("10.0.0.1", "10.0.1.1", 17, udp(1000, 2000 + i, new Uint8Array(40))),
    );
  for (let s = 0; s < 30; s++) records.push({ ts: T0 + s, data: frame(s, "02:00:00:00:00:01") });
  for (let i = 0; i < 1100; i++)
    records.push({ ts: T0 + 30 + i / 2000, data: frame(i, "02:00:00:00:00:01") });
  for (let i = 0; i < 5; i++)
    records.push({ ts: T0 + 30.9 + i / 1000, data: frame(99999, "02:00:00:00:00:05") });
  const file = join(tmp, "few-repeats.pcap");
  writeFileSync(file, writePcap(records));
  const r = await analyzeFile(file, { name: "storms" }, { parallel: { workers: 1 } });
  const dominant = r.result.windows[0]?.dominant;
  assert.ok(dominant !== null && dominant !== undefined, JSON.stringify(r.result));
  assert.ok(dominant.packets >= 2 && dominant.packets <= 5, JSON.stringify(dominant));
  assert.equal(dominant.src, "02:00:00:00:00:05");
  assert.equal(dominant.length, 82);
});
