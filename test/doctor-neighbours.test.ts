// Who is on the other end, from three sources: lldpd's output in a sosreport, a capture of the
// switches' own frames (`doctor --pcap`), and both give the doctor the same joined picture.
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { parsePcapArg, readPcapNeighbours } from "../src/cli/doctor-pcap.js";
import { doctorReportSchema } from "../src/doctor/report-schema.js";
import type { LinkNeighbour } from "../src/host/neighbour.js";
import { readHost } from "../src/host/read/read-host.js";
import { WATCH_NEIGHBOURS_FILE } from "../src/host/read/read-neighbours.js";
import { writeSnapshot } from "../src/host/snapshot/write-snapshot.js";
import { writePcapng } from "../src/pcap/write.js";
import { lldpFrame } from "./pcap-frames.js";
import { runCli } from "./support/cli.js";
import { CORPUS, REPO_ROOT } from "./support/paths.js";

const tmp = mkdtempSync(join(tmpdir(), "linkguard-neighbours-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

const facts = (list: LinkNeighbour[]) =>
  list
    .map((n) =>
      [
        n.ifname,
        n.protocol,
        n.chassisId,
        n.systemName,
        n.portId,
        n.vlan,
        n.ttl,
        n.managementAddresses.join(","),
      ].join(" | "),
    )
    .sort();

test("the corpus capture of two Catalyst 3560s and lldpd's view of the same frames give the same neighbours", async () => {
  const sos = readHost(join(REPO_ROOT, "test/fixtures/hosts/lldp-cisco-3560-pair"), {
    live: false,
  });
  const unseen: string[] = [];
  const captured = await readPcapNeighbours(
    [parsePcapArg(`eno1=${join(CORPUS, "pcap/lldp-and-cdp-cisco-3560.pcap")}`)],
    unseen,
  );
  assert.deepEqual(unseen, []);
  assert.equal(captured.length, 4);
  assert.deepEqual(facts(captured), facts(sos.neighbours));
});

test("a classic pcap without IFNAME= names no host interface, and the doctor says so", async () => {
  const unseen: string[] = [];
  const found = await readPcapNeighbours(
    [parsePcapArg(join(CORPUS, "pcap/lldp-smc-switch-basic-tlvs.pcap"))],
    unseen,
  );
  assert.deepEqual(found, []);
  assert.match(
    unseen[0] ?? "",
    /1 neighbours on interface 0, which names no host interface \(give --pcap IFNAME=/,
  );
});

test("doctor --pcap explains the two-switch bond from a capture as it does from a sosreport", () => {
  // The bond's own files, without lldpd's output: the neighbours come from the capture only.
  const root = join(tmp, "host");
  mkdirSync(join(root, "proc/net/bonding"), { recursive: true });
  const fixture = join(REPO_ROOT, "test/fixtures/hosts/8023ad-two-switches-no-mlag");
  cpSync(join(fixture, "proc/net/bonding/bond0"), join(root, "proc/net/bonding/bond0"));
  const frame = (chassis: string, name: string, mgmt: string) =>
    lldpFrame(chassis, {
      chassisMac: chassis,
      portName: "Ethernet1/5",
      systemName: name,
      managementIp: mgmt,
      portVlan: 10,
      aggregated: { enabled: true, portId: 1000005 },
    });
  const capture = join(tmp, "members.pcapng");
  writeFileSync(
    capture,
    writePcapng(
      [
        {
          ts: 1_796_062_500,
          data: frame("44:4c:a8:aa:00:01", "sw-a", "192.0.2.11"),
          interfaceId: 0,
        },
        {
          ts: 1_796_062_501,
          data: frame("44:4c:a8:bb:00:01", "sw-b", "192.0.2.12"),
          interfaceId: 1,
        },
      ],
      { interfaces: [{ name: "eno1" }, { name: "eno2" }] },
    ),
  );
  type Report = {
    findings: Array<{
      rule: string;
      title: string;
      fix: string[];
      evidence: Array<{ file: string; line: number }>;
    }>;
  };
  const run = (args: string[]) => {
    const r = runCli(["doctor", "--json", ...args]);
    return JSON.parse(r.stdout) as Report;
  };
  const fromPcap = run(["--root", root, "--pcap", capture]).findings.find(
    (f) => f.rule === "bond-spans-switches",
  );
  const fromSos = run(["--root", fixture]).findings.find((f) => f.rule === "bond-spans-switches");
  assert.ok(fromPcap && fromSos, "bond-spans-switches from both sources");
  assert.equal(fromPcap.title, fromSos.title);
  assert.deepEqual(fromPcap.fix, fromSos.fix);
  assert.deepEqual(
    fromPcap.evidence.filter((e) => e.file === capture).map((e) => e.line),
    [1, 2],
    "the capture frames are the evidence",
  );
});

test("the report lists which switch port each interface is cabled to, in text and in schema-valid JSON", () => {
  const root = join(REPO_ROOT, "test/fixtures/hosts/8023ad-two-switches-no-mlag");
  const text = runCli(["doctor", "--root", root]).stdout;
  assert.match(
    text,
    /^Cabled to \(LLDP\/CDP\):\n {2}eno1 \(bond0\) → sw-a Ethernet1\/5, VLAN 10, aggregated, management 192\.0\.2\.11 \[LLDP\]\n {2}eno2 \(bond0\) → sw-b Ethernet1\/5/m,
  );
  const report = doctorReportSchema.parse(
    JSON.parse(runCli(["doctor", "--root", root, "--json"]).stdout),
  );
  assert.deepEqual(
    report.neighbours?.map((n) => [n.interface, n.member_of, n.switch, n.port_id, n.evidence.line]),
    [
      ["eno1", "bond0", "sw-a", "Ethernet1/5", 4],
      ["eno2", "bond0", "sw-b", "Ethernet1/5", 22],
    ],
  );
  const none = doctorReportSchema.parse(
    JSON.parse(
      runCli([
        "doctor",
        "--root",
        join(REPO_ROOT, "test/fixtures/hosts/8023ad-two-aggregators"),
        "--json",
      ]).stdout,
    ),
  );
  assert.equal(none.neighbours, undefined, "no section without neighbours");
});

const line = (ifname: string, heardMs: number) =>
  `${JSON.stringify({ ifname, protocol: "lldp", systemName: "sw-a", portId: "Ethernet1/5", ttl: 120, heardMs })}\n`;

test("linkguard snapshot keeps the watcher's table, and reading the snapshot gives the same neighbours", () => {
  const root = join(tmp, "snapshot-root");
  mkdirSync(join(root, "run/linkguard"), { recursive: true });
  const now = Date.now();
  writeFileSync(
    join(root, WATCH_NEIGHBOURS_FILE),
    line("eno1", now - 1000) + line("eno2", now - 600_000),
  );
  const snap = writeSnapshot({
    outDir: join(tmp, "snaps"),
    root,
    asDirectory: true,
    version: "test",
  });
  assert.deepEqual(
    snap.snapshot.neighbours.map((n) => n.ifname),
    ["eno1"],
    "eno2 expired",
  );
  const back = readHost(snap.path, { live: false });
  assert.equal(back.origin, "snapshot");
  assert.deepEqual(
    back.neighbours.map((n) => `${n.ifname} ${n.systemName}`),
    ["eno1 sw-a"],
  );
});
