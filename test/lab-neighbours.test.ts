// Who is on the other end, in the real kernel: lab switch ports announce themselves with LLDP,
// a real watcher listens with tcpdump on the host's NICs, the doctor reads the watcher's table.
// The lab has no bonding driver, so the bond's own file is the recorded two-switch fixture's
// (members renamed to the lab's eth0/eth1); the neighbours are live. Root only.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { diagnose } from "../src/doctor/engine.js";
import { readHost } from "../src/host/read/read-host.js";
import { WATCH_NEIGHBOURS_FILE } from "../src/host/read/read-neighbours.js";
import { renderConfig } from "../src/lab/harness/config.js";
import { labDown, labUp } from "../src/lab/lab.js";
import { runScenario } from "../src/lab/runner.js";
import { findScenario } from "../src/lab/scenarios.js";
import { DUAL_HOMED } from "../src/lab/topologies.js";
import { decodeFrame } from "../src/pcap/decode/dispatch.js";
import { CaptureParser } from "../src/pcap/parser.js";
import { CLI } from "./support/cli.js";
import { acquireLabLock, releaseLabLock } from "./support/lab-lock.js";
import { REPO_ROOT } from "./support/paths.js";
import { needs } from "./support/requires.js";

const skip = needs({ root: true, tools: ["ip", "bridge", "tcpdump", "python3"] });
const tmp = mkdtempSync(join(tmpdir(), "linkguard-lab-neighbours-"));

/** The recorded bond, its members renamed to the lab's and its partners the lab's switches. */
function bondFile(): string {
  return readFileSync(
    join(REPO_ROOT, "test/fixtures/hosts/8023ad-two-switches-no-mlag/proc/net/bonding/bond0"),
    "utf8",
  )
    .replaceAll("eno1", "eth0")
    .replaceAll("eno2", "eth1")
    .replaceAll("44:4c:a8:aa:00:01", "02:4c:a8:aa:00:01")
    .replaceAll("44:4c:a8:bb:00:01", "02:4c:a8:bb:00:01");
}

describe("lab: LLDP neighbours per member", { skip, concurrency: false }, () => {
  before(() => acquireLabLock());
  after(() => {
    releaseLabLock();
    rmSync(tmp, { recursive: true, force: true });
  });

  test("neighbour-recabled: neighbour-changed within one LLDP interval, and the doctor names both switches from the live table", async () => {
    const root = join(tmp, "host");
    let table = "";
    const r = await runScenario(findScenario("neighbour-recabled"), {
      inspect: async (_lab, files) => {
        table = readFileSync(files.neighbours, "utf8");
        mkdirSync(join(root, "proc/net/bonding"), { recursive: true });
        mkdirSync(join(root, "run/linkguard"), { recursive: true });
        writeFileSync(join(root, "proc/net/bonding/bond0"), bondFile());
        copyFileSync(files.neighbours, join(root, WATCH_NEIGHBOURS_FILE));
      },
    });
    assert.deepEqual(r.missing, []);
    assert.ok(r.detection_ms !== null && r.detection_ms < 1000, `detection ${r.detection_ms} ms`);
    const changed = r.events.find((e) => e.kind === "neighbour-changed");
    assert.equal(changed?.subject, "eth1");
    assert.equal(changed?.detail, "eth1 is now on sw-b Ethernet1/5 (was sw-a Ethernet1/6, LLDP)");
    assert.match(
      r.incidents[0]?.explanation ?? "",
      /Cabled to \(LLDP\/CDP\): eth1 → sw-b Ethernet1\/5\./,
    );
    const rows = table
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { ifname: string; systemName: string; portId: string });
    // Newest first per member; the old port stays listed until its own 4 s TTL runs out.
    assert.deepEqual(
      rows.map((n) => `${n.ifname} ${n.systemName} ${n.portId}`),
      ["eth0 sw-a Ethernet1/5", "eth1 sw-b Ethernet1/5", "eth1 sw-a Ethernet1/6"],
    );
    const report = diagnose(readHost(root, { live: false }));
    const f = report.findings.find((x) => x.rule === "bond-spans-switches");
    assert.equal(
      f?.title,
      "bond0: eth0 → sw-a Ethernet1/5, eth1 → sw-b Ethernet1/5, LACP partners differ: the two switches do not act as one LACP system (no MLAG/vPC)",
    );
    assert.ok(f?.fix.includes("on sw-b: show lacp neighbor interface Ethernet1/5"));
    // The same picture as the sosreport of the same two-switch bond (its members named eno1/eno2).
    const sos = diagnose(
      readHost(join(REPO_ROOT, "test/fixtures/hosts/8023ad-two-switches-no-mlag"), { live: false }),
    ).findings.find((x) => x.rule === "bond-spans-switches");
    const renamed = (t: string | undefined) =>
      t?.replaceAll("eno1", "eth0").replaceAll("eno2", "eth1");
    assert.equal(f?.title, renamed(sos?.title));
    assert.deepEqual(f?.fix, sos?.fix.map(renamed));
  });

  test("neighbour-ttl-expiry: neighbour-lost once the 3 s TTL ran out, the link still up", async () => {
    const r = await runScenario(findScenario("neighbour-ttl-expiry"));
    assert.deepEqual(r.missing, []);
    const lost = r.events.find((e) => e.kind === "neighbour-lost");
    assert.equal(lost?.subject, "eth0");
    // The last frame left at most one interval (1 s) before the stop; TTL 3 s; checked each second.
    assert.ok(
      lost && lost.dt_ms >= 1500 && lost.dt_ms <= 4500,
      `neighbour-lost at ${lost?.dt_ms} ms`,
    );
    assert.ok(!r.events.some((e) => e.kind === "link-down"), "the link stayed up");
  });

  test("lldp.transmit: the switch port hears the host's LLDPDU at start and its shutdown LLDPDU at stop", async () => {
    const lab = await labUp(DUAL_HOMED);
    const children: ReturnType<typeof spawn>[] = [];
    try {
      const dir = join(tmp, "transmit");
      mkdirSync(dir);
      const config = join(dir, "linkguard.yaml");
      const table = join(dir, "neighbours.jsonl");
      writeFileSync(
        config,
        renderConfig({ watch: { lldp: { transmit: true, state_file: table } } }),
      );
      const pcap = join(dir, "switch-side.pcap");
      const port = "server-eth0";
      const capture = spawn(
        "ip",
        [
          "netns",
          "exec",
          lab.ns("sw"),
          "timeout",
          "20",
          "tcpdump",
          "-i",
          port,
          "-Q",
          "in",
          "-c",
          "2",
          "-U",
          "-w",
          pcap,
          "--",
          "ether proto 0x88cc",
        ],
        { stdio: "ignore" },
      );
      children.push(capture);
      await new Promise((r) => setTimeout(r, 1000));
      const watch = spawn(
        "ip",
        [
          "netns",
          "exec",
          lab.ns("server"),
          process.execPath,
          CLI,
          "watch",
          "--config",
          config,
          "--no-store",
          "--metrics",
          "off",
          "--serve",
          "off",
          "--no-auto-gateway",
          "-i",
          "eth0,eth1",
          "--host",
          "server",
          "--duration",
          "4",
        ],
        { stdio: "ignore" },
      );
      children.push(watch);
      await new Promise((r) => capture.once("exit", r));
      const frames: ReturnType<typeof decodeFrame>[] = [];
      const parser = new CaptureParser((p) => frames.push(decodeFrame(p)));
      parser.push(readFileSync(pcap));
      const pdus = frames.map((f) =>
        f.payload?.kind === "lldp" ? f.payload : assert.fail("LLDP only"),
      );
      assert.deepEqual(
        pdus.map((p) => [p.systemName, p.portId?.value, p.portDescription, p.ttl]),
        [
          ["server", "eth0", "eth0", 121],
          ["server", "eth0", "eth0", 0],
        ],
      );
      await new Promise((r) => (watch.exitCode === null ? watch.once("exit", r) : r(null)));
      const heard = existsSync(table) ? readFileSync(table, "utf8") : "";
      assert.equal(heard, "", "the host's own frames are not its neighbours");
    } finally {
      for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
      await labDown(lab.id);
    }
  });
});
