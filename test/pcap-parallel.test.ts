// Reading a classic pcap by regions in worker threads must give exactly what one pass gives:
// every analysis, every frame number, and the error of a truncated file.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
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
