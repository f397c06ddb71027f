// The lab's scenarios end to end, in the real kernel: a real watcher in a namespace, a fault on
// the switch side, the events and the incident text it must produce. Root only.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { labDown, labUp, listLabNamespaces } from "../src/lab/lab.js";
import { type RunReport, runScenario } from "../src/lab/runner.js";
import { findScenario } from "../src/lab/scenarios.js";
import { DUAL_HOMED } from "../src/lab/topologies.js";
import { acquireLabLock, releaseLabLock } from "./support/lab-lock.js";
import { needs } from "./support/requires.js";

const skip = needs({
  root: true,
  tools: ["ip", "bridge", "nft", "ping", "arping", "sysctl", "stdbuf"],
});

function kinds(r: RunReport): string[] {
  return r.events.filter((e) => e.dt_ms >= 0).map((e) => e.kind);
}

function firstAt(r: RunReport, kind: string, subject?: string): number {
  const e = r.events.find(
    (x) =>
      x.kind === kind && x.dt_ms >= 0 && (subject === undefined || x.subject.startsWith(subject)),
  );
  assert.ok(e, `no ${kind}${subject ? ` for ${subject}` : ""} in ${kinds(r).join(", ")}`);
  return e.dt_ms;
}

/** The labs this file made: other sessions may build and remove labs of their own meanwhile. */
const made = new Set<string>();

/** Runs a scenario and remembers its lab, so the end can check that it is gone. */
async function run(name: string): Promise<RunReport> {
  const r = await runScenario(findScenario(name));
  made.add(r.lab);
  return r;
}

async function labIds(): Promise<Set<string>> {
  return new Set((await listLabNamespaces()).keys());
}

describe("lab scenarios", { skip, concurrency: false }, () => {
  before(() => acquireLabLock());
  after(async () => {
    try {
      const now = await labIds();
      const left = [...made].filter((id) => now.has(id));
      assert.deepEqual(left, [], "a scenario left namespaces behind");
    } finally {
      releaseLabLock();
    }
  });

  test("cable-pull: link-down within milliseconds, then probe loss, then recovery", async () => {
    const r = await run("cable-pull");
    assert.deepEqual(r.missing, []);
    assert.ok(r.detection_ms !== null && r.detection_ms < 500, `detection ${r.detection_ms} ms`);
    assert.ok(firstAt(r, "link-down", "eth0") <= firstAt(r, "probe-loss", "eth0>"));
    assert.equal(r.incidents.length, 1);
    assert.match(r.incidents[0]?.explanation ?? "", /eth0 lost carrier first/);
    assert.ok(!kinds(r).includes("tx-stall"), "a pulled cable is not a tx-stall");
  });

  test("silent-upstream: the explanation says the path failed before the link", async () => {
    const r = await run("silent-upstream");
    assert.deepEqual(r.missing, []);
    const loss = firstAt(r, "probe-loss", "eth0>");
    const down = firstAt(r, "link-down", "eth0");
    assert.ok(loss < down, `probe-loss at ${loss} ms should come before link-down at ${down} ms`);
    const text = r.incidents[0]?.explanation ?? "";
    assert.match(text, /probes via eth0 to 10\.77\.0\.1 failed \d+\.\d s before eth0 lost carrier/);
    assert.match(text, /the path died before the link; look upstream, not at the NIC/);
    assert.ok(
      !kinds(r).includes("probe-loss") ||
        !r.events.some((e) => e.subject.startsWith("eth1>") && e.kind === "probe-loss"),
      "eth1 was healthy",
    );
  });

  test("flap: carrier-flap after three carrier changes", async () => {
    const r = await run("flap");
    assert.deepEqual(r.missing, []);
    assert.ok(kinds(r).filter((k) => k === "link-down").length >= 3);
    assert.match(r.incidents[0]?.explanation ?? "", /eth0 is flapping/);
  });

  test("gateway-loss: only eth1 loses the gateway, and the text says so", async () => {
    const r = await run("gateway-loss");
    assert.deepEqual(r.missing, []);
    const losses = r.events.filter((e) => e.kind === "probe-loss");
    assert.deepEqual([...new Set(losses.map((e) => e.subject))], ["eth1>10.77.0.1"]);
    assert.ok(!kinds(r).includes("link-down"));
    assert.match(
      r.incidents[0]?.explanation ?? "",
      /the fault is on eth1's path, not at 10\.77\.0\.1/,
    );
  });

  test("dsr-arp-conflict: two MACs answer for the VIP once arp_ignore is lost", async () => {
    const r = await run("dsr-arp-conflict");
    assert.deepEqual(r.missing, []);
    const conflict = r.events.find((e) => e.kind === "address-conflict");
    assert.equal(conflict?.subject, "10.77.0.100");
    assert.match(r.incidents[0]?.explanation ?? "", /arp_ignore=1 and arp_announce=2/);
    // Before the fault (correct sysctls) nobody but the balancer answered.
    assert.ok(!r.events.some((e) => e.kind === "address-conflict" && e.dt_ms < 0));
  });

  test("lab down --lab ID removes that lab's namespaces and no other lab's", async () => {
    const a = await labUp(DUAL_HOMED);
    made.add(a.id);
    const b = await labUp(DUAL_HOMED);
    made.add(b.id);
    try {
      const up = await labIds();
      assert.ok(up.has(a.id) && up.has(b.id), "both labs are up");
      await labDown(a.id);
      const left = await labIds();
      assert.ok(!left.has(a.id), `lab ${a.id} is still there`);
      assert.ok(left.has(b.id), `lab ${b.id} was removed with ${a.id}`);
    } finally {
      await labDown(a.id);
      await labDown(b.id);
    }
  });
});
