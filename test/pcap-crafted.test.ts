// Captures made here with known answers, analysed through the CLI as a user would run it:
// a LACP partner that stops sending, a gap, a split partner, a gratuitous ARP after a move, two
// MACs claiming one address, a one-second broadcast storm, LLDP on two interfaces; stdin, gzip.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { gzipSync } from "node:zlib";
import { type RecordToWrite, writePcap, writePcapng } from "../src/pcap/write.js";
import { runPcap } from "./pcap-cli.js";
import {
  arpFrame,
  BROADCAST,
  ethernet,
  ipv4Packet,
  type LacpSide,
  lacpduFrame,
  lldpFrame,
  NO_PARTNER,
  udp,
} from "./pcap-frames.js";

const tmp = mkdtempSync(join(tmpdir(), "linkguard-pcap-crafted-"));
after(() => rmSync(tmp, { recursive: true, force: true }));
const T0 = 1_700_000_000;

function file(name: string, records: RecordToWrite[], pcapng = false): string {
  const path = join(tmp, name);
  const sorted = [...records].sort((a, b) => a.ts - b.ts);
  writeFileSync(
    path,
    pcapng
      ? writePcapng(sorted, { interfaces: [{ name: "eth0" }, { name: "eth1" }] })
      : writePcap(sorted),
  );
  return path;
}

function json(args: string[], input?: Uint8Array) {
  const r = runPcap([...args, "--json"], input);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, "");
  return JSON.parse(r.stdout);
}

const HOST = "00:1b:21:00:00:01";
const HOST2 = "00:1b:21:00:00:02";
const SW_PORT = "00:1c:73:00:00:11";
const host = (state: number, port = 1): LacpSide => ({ system: HOST, key: 15, port, state });
const sw = (state: number, system = "00:1c:73:aa:bb:cc"): LacpSide => ({
  system,
  key: 1,
  port: 11,
  state,
});
const FAST_UP = 0x3f; // active, short timeout, aggregatable, in sync, collecting, distributing

test("pcap lacp: the partner stops sending; the host's port expires, then defaults", () => {
  const records: RecordToWrite[] = [];
  for (let t = 0; t < 120; t++) {
    if (t < 40)
      records.push({ ts: T0 + t + 0.5, data: lacpduFrame(SW_PORT, sw(FAST_UP), host(FAST_UP)) });
    const mine =
      t < 43
        ? lacpduFrame(HOST, host(FAST_UP), sw(FAST_UP))
        : lacpduFrame(HOST, host(0x47), NO_PARTNER);
    records.push({ ts: T0 + t, data: mine });
  }
  const path = file("partner-stops.pcap", records);
  const r = json(["lacp", path]);
  const stopped = r.events.filter((e: { kind: string }) => e.kind === "stopped");
  assert.equal(stopped.length, 1);
  assert.equal(stopped[0].port, SW_PORT);
  assert.match(
    stopped[0].message,
    new RegExp(`no LACPDU from ${SW_PORT} for 80 s until the end of the capture`),
  );
  const messages = r.events.map((e: { message: string }) => e.message);
  assert.ok(messages.includes("actor became defaulted at frame 84"), messages.join("\n"));
  assert.ok(
    messages.some((m: string) =>
      /^partner changed from 00:1c:73:aa:bb:cc key 1 port 11 to none/.test(m),
    ),
  );
  const hostPort = r.ports.find((p: { mac: string }) => p.mac === HOST);
  assert.deepEqual(
    [hostPort.rate, hostPort.pdus, hostPort.partner.system],
    ["slow", 120, "00:00:00:00:00:00"],
  );
  const text = runPcap(["lacp", path]).stdout;
  assert.match(text, /no LACPDU from 00:1c:73:00:00:11 for 80 s/);
  assert.equal(json(["summary", path]).lacp.stopped, 1);
});

test("pcap lacp: a 93 s silence from a slow-rate partner is a gap (incident 000)", () => {
  const times = [0, 30, 60, 153, 183];
  const records = times.map((t) => ({
    ts: T0 + t,
    data: lacpduFrame(SW_PORT, sw(0x3d), host(0x3d)),
  }));
  const r = json(["lacp", file("gap.pcap", records)]);
  assert.deepEqual(
    r.events.map((e: { kind: string; frame: number; message: string }) => [
      e.kind,
      e.frame,
      e.message,
    ]),
    [["gap", 4, `no LACPDU from ${SW_PORT} for 93 s (slow rate: one every 30 s), until frame 4`]],
  );
  assert.equal(r.ports[0].max_interval, 93);
});

test("pcap lacp: the two ports of one bond see two different partner systems (split)", () => {
  const other = "00:1c:73:dd:ee:ff";
  const records: RecordToWrite[] = [];
  for (let t = 0; t < 5; t++) {
    records.push({ ts: T0 + t, data: lacpduFrame(HOST, host(FAST_UP, 1), sw(FAST_UP)) });
    records.push({
      ts: T0 + t + 0.1,
      data: lacpduFrame(HOST2, host(FAST_UP, 2), sw(FAST_UP, other)),
    });
  }
  const path = file("split.pcap", records);
  const r = json(["lacp", path]);
  assert.equal(r.splits.length, 1);
  assert.deepEqual(
    r.splits[0].partners.map((p: { system: string; ports: string[] }) => [p.system, p.ports]),
    [
      ["00:1c:73:aa:bb:cc", [HOST]],
      [other, [HOST2]],
    ],
  );
  assert.match(runPcap(["lacp", path]).stdout, /split aggregator 00:1b:21:00:00:01 key 15/);
  assert.equal(json(["summary", path]).lacp.splits, 1);
});

const A = "00:1b:21:00:00:0a";
const B = "00:1b:21:00:00:0b";
const CLIENT = "02:00:00:00:00:0c";
const VIP = "192.0.2.10";
const ask = () =>
  arpFrame({ op: "request", senderMac: CLIENT, senderIp: "192.0.2.1", targetIp: VIP });
const reply = (mac: string) =>
  arpFrame({
    op: "reply",
    senderMac: mac,
    senderIp: VIP,
    targetMac: CLIENT,
    targetIp: "192.0.2.1",
  });

test("pcap arp: a gratuitous ARP after a failover is an announced move", () => {
  const records = [
    { ts: T0, data: ask() },
    { ts: T0 + 0.001, data: reply(A) },
    { ts: T0 + 300, data: arpFrame({ op: "request", senderMac: B, senderIp: VIP, targetIp: VIP }) },
    { ts: T0 + 400, data: ask() },
    { ts: T0 + 400.001, data: reply(B) },
  ];
  const path = file("garp.pcap", records);
  const r = json(["arp", path]);
  assert.deepEqual(r.conflicts, []);
  assert.deepEqual(
    r.moves.map(
      (m: { ip: string; from: string; to: string; frame: number; announced: boolean }) => [
        m.ip,
        m.from,
        m.to,
        m.frame,
        m.announced,
      ],
    ),
    [[VIP, A, B, 3, true]],
  );
  assert.deepEqual(
    r.announcements.map((a: { frame: number; mac: string }) => [a.frame, a.mac]),
    [[3, B]],
  );
  const summary = json(["summary", path]);
  assert.deepEqual([summary.arp.gratuitous, summary.arp.moves, summary.arp.conflicts], [1, 1, 0]);
});

test("pcap arp: two MACs answering for one address (a DSR VIP on two servers) is a conflict", () => {
  const records: RecordToWrite[] = [];
  for (let i = 0; i < 5; i++) {
    records.push(
      { ts: T0 + i * 10, data: ask() },
      { ts: T0 + i * 10 + 0.001, data: reply(A) },
      { ts: T0 + i * 10 + 0.002, data: reply(B) },
    );
  }
  const path = file("conflict.pcap", records);
  const r = json(["arp", path]);
  assert.equal(r.conflicts.length, 1);
  assert.deepEqual(
    r.conflicts[0].macs.map((m: { mac: string; claims: number }) => [m.mac, m.claims]),
    [
      [A, 5],
      [B, 5],
    ],
  );
  assert.match(runPcap(["arp", path]).stdout, /192\.0\.2\.10 claimed by 2 MACs in turn/);
});

test("pcap storms and summary: a one-second broadcast storm over a quiet baseline, looking like a loop", () => {
  const records: RecordToWrite[] = [];
  for (let s = 0; s < 30; s++) {
    for (let i = 0; i < 20; i++) {
      const payload = udp(40000 + i, 53, new Uint8Array(20));
      records.push({
        ts: T0 + s + i / 20,
        data: ethernet(B, A, 0x0800, ipv4Packet("10.0.0.1", "10.0.0.2", 17, payload)),
      });
    }
  }
  const looped = arpFrame(
    { op: "request", senderMac: CLIENT, senderIp: "10.0.0.7", targetIp: "10.0.0.8" },
    BROADCAST,
  );
  for (let i = 0; i < 20000; i++) records.push({ ts: T0 + 12 + i / 20000, data: looped });
  const path = file("storm.pcap", records);
  const r = json(["storms", path]);
  assert.equal(r.windows.length, 1);
  const w = r.windows[0];
  assert.deepEqual([w.start, w.end, w.packets, w.looks_like_loop], [T0 + 12, T0 + 13, 20020, true]);
  assert.deepEqual(
    [w.dominant.src, w.dominant.dst, w.dominant.ethertype],
    [CLIENT, BROADCAST, "0x0806"],
  );
  assert.match(runPcap(["storms", path]).stdout, /looks like a LOOP/);
  const summary = json(["summary", path]);
  assert.equal(summary.storms.length, 1);
  assert.equal(summary.storms[0].start, T0 + 12);
  assert.equal(summary.per_second.find((s: { t: number }) => s.t === T0 + 12).packets, 20020);
});

test("pcap neighbors: LLDP per capture interface of a pcapng, and the summary JSON contract", () => {
  const lldp = (port: string, vlans: number[] = []) =>
    lldpFrame(
      SW_PORT,
      {
        chassisMac: "00:1c:73:aa:bb:cc",
        portName: port,
        systemName: "leaf1",
        portVlan: 100,
        maxFrameSize: 9216,
      },
      vlans,
    );
  const records: RecordToWrite[] = [
    { ts: T0, data: lldp("Ethernet1"), interfaceId: 0 },
    { ts: T0 + 1, data: lldp("Ethernet2", [100]), interfaceId: 1 },
    {
      ts: T0 + 2,
      data: arpFrame({ op: "request", senderMac: A, senderIp: "10.0.0.1", targetIp: "10.0.0.1" }),
      interfaceId: 0,
    },
  ];
  const path = file("neighbors.pcapng", records, true);
  const r = json(["neighbors", path]);
  assert.deepEqual(
    r.interfaces.map(
      (i: { interface: string; neighbors: Array<{ port_id: string; system_name: string }> }) => [
        i.interface,
        i.neighbors.map((n) => `${n.system_name} ${n.port_id}`),
      ],
    ),
    [
      ["eth0", ["leaf1 Ethernet1"]],
      ["eth1", ["leaf1 Ethernet2"]],
    ],
  );
  const s = json(["summary", path]);
  for (const key of [
    "packets",
    "bytes",
    "first_ts",
    "last_ts",
    "ethertypes",
    "vlan_tagged",
    "per_second",
    "lacp",
    "lldp",
    "arp",
    "storms",
  ]) {
    assert.ok(key in s, `summary --json has ${key}`);
  }
  assert.deepEqual([s.packets, s.first_ts, s.last_ts, s.vlan_tagged], [3, T0, T0 + 2, 1]);
  assert.deepEqual(s.ethertypes, { "0x0806": 1, "0x88cc": 2 });
  assert.deepEqual(s.per_second[0], { t: T0, packets: 1, bytes: records[0]?.data.length });
  assert.deepEqual([s.lacp.pdus, s.lldp.pdus, s.arp.gratuitous, s.storms], [0, 2, 1, []]);
});

test("pcap reads stdin (-) and gzip-compressed files", () => {
  const records = [0, 1, 2].map((t) => ({
    ts: T0 + t,
    data: lacpduFrame(HOST, host(FAST_UP), sw(FAST_UP)),
  }));
  const bytes = writePcap(records);
  assert.equal(json(["summary", "-"], bytes).lacp.pdus, 3);
  assert.equal(json(["summary", "-"], gzipSync(bytes)).lacp.pdus, 3);
  const gz = join(tmp, "three.pcap.gz");
  writeFileSync(gz, gzipSync(bytes));
  assert.equal(json(["lacp", gz]).pdus, 3);
});
