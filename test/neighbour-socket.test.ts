// The native LLDP/CDP listener in the real kernel: a packet socket on a lab member hears the
// switch port's real LLDP and CDP frames (a recorded Cisco capture, sent again), not the host's
// own frames, and joins the discovery multicast groups only while it listens. Root only.
import assert from "node:assert/strict";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { after, before, test } from "node:test";
import { labDown, labUp } from "../src/lab/lab.js";
import { DUAL_HOMED } from "../src/lab/topologies.js";
import { CaptureParser } from "../src/pcap/parser.js";
import { hostLldpdu } from "../src/watch/neighbours/announce.js";
import { PacketSender } from "../src/watch/neighbours/packet-sender.js";
import { acquireLabLock, releaseLabLock } from "./support/lab-lock.js";
import { CORPUS, REPO_ROOT } from "./support/paths.js";
import { needs } from "./support/requires.js";
import { until, within } from "./support/wait.js";

const skip = needs({ root: true, tools: ["ip", "python3"] });
const GROUPS = ["01:80:c2:00:00:0e", "01:00:0c:cc:cc:cc"];

/** Runs in the server's namespace: the native listener on eth0, one JSON line per happening. */
const LISTENER = `
const dist = process.argv[1];
const { chooseNeighbourFrames } = await import(dist + "/src/runtime/probe/native-addon.js");
const { NativeNeighbourListener } = await import(dist + "/src/watch/neighbours/native-listener.js");
const say = (o) => console.log(JSON.stringify(o));
const c = chooseNeighbourFrames("auto");
if (c.kind !== "native") { say({ notNative: c.reason }); process.exit(0); }
const l = new NativeNeighbourListener(c.addon, "eth0", {
  heard: (n) => say({ heard: n }),
  problem: (m) => say({ problem: m }),
});
await l.start();
say({ ready: true });
process.stdin.on("end", async () => { await l.stop(); say({ stopped: true }); process.exit(0); });
process.stdin.resume();
`;

function groupsOn(ns: string, ifname: string): string[] {
  const text = execFileSync("ip", ["-n", ns, "maddr", "show", "dev", ifname], { encoding: "utf8" });
  return GROUPS.filter((g) => text.includes(g));
}

function corpusFrames(): Uint8Array[] {
  const out: Uint8Array[] = [];
  new CaptureParser((p) => out.push(p.chunk.slice(p.offset, p.offset + p.capturedLength))).push(
    readFileSync(join(CORPUS, "pcap/lldp-and-cdp-cisco-3560.pcap")),
  );
  return out;
}

before(() => {
  if (!skip) acquireLabLock();
});
after(() => {
  if (!skip) releaseLabLock();
});

test("native listener: hears the switch's LLDP and CDP frames, not its own, and holds the multicast groups only while it listens", {
  skip,
}, async () => {
  const lab = await labUp(DUAL_HOMED);
  let child: ChildProcess | null = null;
  const problems: string[] = [];
  const sw = new PacketSender((m) => problems.push(m), ["ip", "netns", "exec", lab.ns("sw")]);
  const own = new PacketSender((m) => problems.push(m), ["ip", "netns", "exec", lab.ns("server")]);
  try {
    assert.deepEqual(groupsOn(lab.ns("server"), "eth0"), []);
    const c = spawn(
      "ip",
      [
        "netns",
        "exec",
        lab.ns("server"),
        process.execPath,
        "--input-type=module",
        "-e",
        LISTENER,
        join(REPO_ROOT, "dist"),
      ],
      { stdio: ["pipe", "pipe", "inherit"] },
    );
    child = c;
    const lines: Record<string, unknown>[] = [];
    createInterface({ input: c.stdout }).on("line", (l) => lines.push(JSON.parse(l)));
    const first = await until("the listener to start", 5000, () => lines[0]);
    if ("notNative" in first) {
      assert.ok(process.env.CI !== "true", `CI=true needs the native prober: ${first.notNative}`);
      return;
    }
    assert.deepEqual(first, { ready: true });
    assert.deepEqual(groupsOn(lab.ns("server"), "eth0"), GROUPS);
    // The host's own LLDPDU, sent out of eth0: the socket must not hear it.
    own.send(
      "eth0",
      hostLldpdu(
        { hostname: "server", chassisMac: "02:00:00:00:00:10", description: "test" },
        { ifname: "eth0", mac: "02:00:00:00:00:10" },
      ),
    );
    await own.close();
    const frames = corpusFrames();
    for (const f of frames) sw.send("server-eth0", f);
    await sw.close();
    const heard = () =>
      lines.filter((l) => "heard" in l).map((l) => l.heard as Record<string, unknown>);
    await until("12 neighbours", 5000, () => (heard().length >= 12 ? true : undefined));
    await new Promise((r) => setTimeout(r, 300));
    const names = heard().map((n) => `${n.protocol} ${n.systemName} ${n.portId}`);
    assert.equal(names.length, 12, names.join("; "));
    assert.deepEqual([...new Set(names)].sort(), [
      "cdp S1 FastEthernet0/13",
      "cdp S2 GigabitEthernet0/13",
      "lldp S1.cisco.com Fa0/13",
      "lldp S2.cisco.com Uplink to S1",
    ]);
    // Kernel receive times, now (not the recording's).
    assert.ok(heard().every((n) => Math.abs((n.heardMs as number) - Date.now()) < 10_000));
    c.stdin?.end();
    await within("the listener to stop", 5000, new Promise((r) => c.once("exit", r)));
    assert.deepEqual(groupsOn(lab.ns("server"), "eth0"), [], "the groups are left at stop");
    assert.deepEqual(
      lines.filter((l) => "problem" in l),
      [],
    );
    assert.deepEqual(problems, []);
  } finally {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    await labDown(lab.id);
  }
});
