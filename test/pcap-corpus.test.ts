// Every capture in test/corpus/pcap, and pcapng / nanosecond / multi-interface variants
// of them made with editcap and mergecap, read by our reader and decoders and cross-checked
// field by field against `tshark -r FILE -T fields` run here.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { ipv4Text, ipv6Text, macText } from "../src/pcap/addresses.js";
import { decodeFrame, type Frame } from "../src/pcap/decode/dispatch.js";
import { readCaptureBytes } from "../src/pcap/read.js";
import { CORPUS } from "./support/paths.js";
import { needs } from "./support/requires.js";

const DIR = join(CORPUS, "pcap");
const FILES = readdirSync(DIR)
  .filter((f) => /\.pcap(ng)?$/.test(f))
  .sort();
const hex = (n: number, width = 4) => `0x${n.toString(16).padStart(width, "0")}`;

/** What our decoders say for each tshark field (undefined: we do not decode it there). */
const FIELDS: Record<string, (f: Frame) => string | undefined> = {
  "frame.cap_len": (f) => String(f.packet.capturedLength),
  "frame.len": (f) => String(f.packet.originalLength),
  "frame.interface_id": (f) => String(f.packet.interfaceId),
  "eth.src": (f) =>
    f.packet.linkType === 1 && f.link.kind === "link" && f.link.src !== undefined
      ? macText(f.link.src)
      : undefined,
  "sll.src.eth": (f) =>
    f.packet.linkType === 113 && f.link.kind === "link" && f.link.src !== undefined
      ? macText(f.link.src)
      : undefined,
  "vlan.id": (f) => (f.link.kind === "link" ? f.link.vlans.map((v) => v.vid).join(",") : undefined),
  "arp.opcode": (f) =>
    f.payload?.kind === "arp"
      ? String(f.payload.op === "request" ? 1 : f.payload.op === "reply" ? 2 : f.payload.op)
      : undefined,
  "arp.src.hw_mac": (f) =>
    f.payload?.kind === "arp" && f.payload.hardwareLength === 6 ? f.payload.senderMac : undefined,
  "arp.src.proto_ipv4": (f) =>
    f.payload?.kind === "arp" && f.payload.protocolLength === 4 ? f.payload.senderIp : undefined,
  "arp.dst.proto_ipv4": (f) =>
    f.payload?.kind === "arp" && f.payload.protocolLength === 4 ? f.payload.targetIp : undefined,
  "ip.src": (f) => (f.payload?.kind === "ipv4" ? ipv4Text(f.payload.src) : undefined),
  "ip.dst": (f) => (f.payload?.kind === "ipv4" ? ipv4Text(f.payload.dst) : undefined),
  "ip.proto": (f) => (f.payload?.kind === "ipv4" ? String(f.payload.protocol) : undefined),
  "ipv6.src": (f) => (f.payload?.kind === "ipv6" ? ipv6Text(f.payload.src) : undefined),
  "ipv6.dst": (f) => (f.payload?.kind === "ipv6" ? ipv6Text(f.payload.dst) : undefined),
  "lacp.actor.sysid": (f) => (f.payload?.kind === "lacp" ? f.payload.actor?.system : undefined),
  "lacp.actor.key": (f) => (f.payload?.kind === "lacp" ? String(f.payload.actor?.key) : undefined),
  "lacp.actor.port": (f) =>
    f.payload?.kind === "lacp" ? String(f.payload.actor?.port) : undefined,
  "lacp.actor.state": (f) =>
    f.payload?.kind === "lacp" ? hex(f.payload.actor?.state.raw ?? -1, 2) : undefined,
  "lacp.partner.sysid": (f) => (f.payload?.kind === "lacp" ? f.payload.partner?.system : undefined),
  "lacp.partner.key": (f) =>
    f.payload?.kind === "lacp" ? String(f.payload.partner?.key) : undefined,
  "lacp.partner.port": (f) =>
    f.payload?.kind === "lacp" ? String(f.payload.partner?.port) : undefined,
  "lacp.partner.state": (f) =>
    f.payload?.kind === "lacp" ? hex(f.payload.partner?.state.raw ?? -1, 2) : undefined,
  "lacp.collector.max_delay": (f) =>
    f.payload?.kind === "lacp" ? String(f.payload.collectorMaxDelay) : undefined,
  "lldp.chassis.id.mac": (f) =>
    f.payload?.kind === "lldp" ? f.payload.chassisId?.value : undefined,
  "lldp.port.id": (f) => (f.payload?.kind === "lldp" ? f.payload.portId?.value : undefined),
  "lldp.time_to_live": (f) => (f.payload?.kind === "lldp" ? String(f.payload.ttl) : undefined),
  "lldp.tlv.system.name": (f) => (f.payload?.kind === "lldp" ? f.payload.systemName : undefined),
  "lldp.mgn.addr.ip4": (f) =>
    f.payload?.kind === "lldp" ? f.payload.managementAddresses.join(",") : undefined,
  "lldp.ieee.802_1.port_vlan.id": (f) =>
    f.payload?.kind === "lldp" ? String(f.payload.portVlan) : undefined,
  "cdp.deviceid": (f) => (f.payload?.kind === "cdp" ? f.payload.deviceId : undefined),
  "cdp.portid": (f) => (f.payload?.kind === "cdp" ? f.payload.portId : undefined),
  "cdp.platform": (f) => (f.payload?.kind === "cdp" ? f.payload.platform : undefined),
  "cdp.native_vlan": (f) => (f.payload?.kind === "cdp" ? String(f.payload.nativeVlan) : undefined),
};

/** The ethertype after VLAN tags as tshark names it: the last vlan.etype, else eth.type, ... */
function tsharkEthertype(row: Record<string, string>): string | undefined {
  const last = (s: string | undefined) => s?.split(",").pop() || undefined;
  return (
    last(row["vlan.etype"]) ??
    last(row["eth.type"]) ??
    last(row["sll.etype"]) ??
    last(row["llc.type"])
  );
}

function tshark(file: string, fields: string[]): Array<Record<string, string>> {
  const args = ["-r", file, "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,"];
  for (const f of fields) args.push("-e", f);
  const out = execFileSync("tshark", args, {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  return out
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => Object.fromEntries(l.split("\t").map((v, i) => [fields[i] as string, v])));
}

function ours(bytes: Uint8Array): { frames: Frame[]; error: string | undefined } {
  const frames: Frame[] = [];
  const r = readCaptureBytes(bytes, (p) => frames.push(decodeFrame(p)), 4096);
  return { frames, error: r.error?.message };
}

function crossCheck(file: string): number {
  const extra = ["frame.time_epoch", "eth.type", "vlan.etype", "sll.etype", "llc.type"];
  const rows = tshark(file, [...Object.keys(FIELDS), ...extra]);
  const { frames, error } = ours(readFileSync(file));
  assert.equal(error, undefined);
  assert.equal(frames.length, rows.length, "frame count");
  let compared = 0;
  rows.forEach((row, i) => {
    const f = frames[i] as Frame;
    const where = `${file} frame ${i + 1}`;
    assert.ok(Math.abs(Number(row["frame.time_epoch"]) - f.packet.ts) < 2e-6, `${where}: ts`);
    const ethertype = tsharkEthertype(row);
    if (ethertype !== undefined && f.link.kind === "link" && f.link.ethertype !== undefined) {
      assert.equal(hex(f.link.ethertype), ethertype, `${where}: ethertype`);
      compared++;
    }
    for (const [field, mine] of Object.entries(FIELDS)) {
      const theirs = field === "frame.interface_id" ? row[field] || "0" : row[field];
      if (theirs === undefined || theirs === "") continue;
      assert.equal(mine(f), theirs, `${where}: ${field}`);
      compared++;
    }
  });
  return compared;
}

const skip = needs({ tools: ["tshark"] });
const skipVariants = needs({ tools: ["tshark", "editcap", "mergecap"] });
const tmp = mkdtempSync(join(tmpdir(), "linkguard-pcap-corpus-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

test("the corpus has captures to test", () => {
  assert.ok(FILES.length >= 14, FILES.join(", "));
});

for (const file of FILES) {
  test(`${file}: read to the end; frames, timestamps, lengths and decoded fields agree with tshark`, {
    skip,
  }, () => {
    assert.ok(crossCheck(join(DIR, file)) > 0);
  });
}

test("nanosecond pcap made by editcap agrees with tshark", { skip: skipVariants }, () => {
  for (const file of [
    "arp-linux-sll-gratuitous-and-unanswered.pcap",
    "lldp-and-cdp-cisco-3560.pcap",
  ]) {
    const out = join(tmp, `${file}.nsec`);
    execFileSync("editcap", ["-F", "nsecpcap", join(DIR, file), out], { stdio: "ignore" });
    assert.ok(crossCheck(out) > 0);
  }
});

test("the whole corpus merged into one pcapng (an interface per file, mixed link types) agrees with tshark", {
  skip: skipVariants,
}, () => {
  const out = join(tmp, "merged.pcapng");
  execFileSync("mergecap", ["-F", "pcapng", "-w", out, ...FILES.map((f) => join(DIR, f))], {
    stdio: "ignore",
  });
  assert.ok(crossCheck(out) > 0);
  const { frames } = ours(readFileSync(out));
  const interfaces = new Set(frames.map((f) => f.packet.interfaceId));
  const linkTypes = new Set(frames.map((f) => f.packet.linkType));
  assert.ok(interfaces.size >= FILES.length, `${interfaces.size} interfaces`);
  assert.deepEqual([...linkTypes].sort(), [1, 113]);
});

test("LACPDUs agree with tcpdump's reference decode (expected-tcpdump/lacp-partner-expired-then-defaulted.out)", () => {
  const text = readFileSync(
    join(DIR, "expected-tcpdump/lacp-partner-expired-then-defaulted.out"),
    "utf8",
  );
  const systems = [
    ...text.matchAll(
      /System (\S+), System Priority (\d+), Key (\d+), Port (\d+), Port Priority (\d+)/g,
    ),
  ].map((m) => m.slice(1).join(" "));
  const flags = [...text.matchAll(/State Flags \[([^\]]*)\]/g)].map((m) => m[1]);
  const { frames } = ours(readFileSync(join(DIR, "lacp-partner-expired-then-defaulted.pcap")));
  const tcpdumpNames: Record<string, string> = {
    activity: "Activity",
    "short-timeout": "Timeout",
    aggregation: "Aggregation",
    synchronization: "Synchronization",
    collecting: "Collecting",
    distributing: "Distributing",
    defaulted: "Default",
    expired: "Expired",
  };
  const mine = frames.flatMap((f) => {
    if (f.payload?.kind !== "lacp") return [];
    return [f.payload.actor, f.payload.partner].map(
      (s) => `${s?.system} ${s?.systemPriority} ${s?.key} ${s?.port} ${s?.portPriority}`,
    );
  });
  assert.deepEqual(mine, systems);
  const bits = (raw: number) =>
    Object.entries(tcpdumpNames)
      .filter((_, i) => raw & (1 << i))
      .map(([, n]) => n)
      .join(", ") || "none";
  const mineFlags = frames.flatMap((f) =>
    f.payload?.kind === "lacp"
      ? [bits(f.payload.actor?.state.raw ?? 0), bits(f.payload.partner?.state.raw ?? 0)]
      : [],
  );
  assert.deepEqual(mineFlags, flags);
});

test("LLDP link aggregation TLVs agree with tcpdump's reference decode (tshark 4.0 does not decode this PDU)", () => {
  const { frames } = ours(readFileSync(join(DIR, "lldp-8021-link-aggregation-tlv.pcap")));
  const agg = frames.map((f) =>
    f.payload?.kind === "lldp" ? f.payload.linkAggregation : undefined,
  );
  // tcpdump: "aggregation status [supported, enabled], aggregation port ID 100", then "[supported], ... 0"
  assert.deepEqual(agg, [
    { supported: true, enabled: true, portId: 100 },
    { supported: true, enabled: false, portId: 0 },
  ]);
});
