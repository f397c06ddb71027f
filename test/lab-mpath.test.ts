// linkguard mpath in the lab: a client sends to the data address every 2 ms; the active
// member is cut, or silently dropped; the address moves, the client's outage is short, the
// address comes back after repair without an outage, and nothing moved before the fault.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { run } from "../src/host/exec.js";
import { inNamespace, mpathArgv } from "../src/lab/harness/argv.js";
import { renderConfig } from "../src/lab/harness/config.js";
import { labDown, labUp, setSysctl } from "../src/lab/lab.js";
import { runMpathFailover, runMpathScenario } from "../src/lab/mpath-run.js";
import { DUAL_HOMED } from "../src/lab/topologies.js";
import { CLI, runCli } from "./support/cli.js";
import { acquireLabLock, releaseLabLock, withLabLock } from "./support/lab-lock.js";
import { needs } from "./support/requires.js";

const skip = needs({ root: true, tools: ["ip", "bridge", "ping", "arping", "sysctl", "stdbuf"] });

for (const fault of ["cut", "silent-drop"] as const) {
  test(`mpath-failover with ${fault}`, { skip, timeout: 90_000 }, async () => {
    await withLabLock(async () => {
      const r = await runMpathFailover({ fault });
      console.log(
        `mpath ${fault}: client outage ${r.outage_ms} ms, failback outage ${r.failback_outage_ms} ms`,
      );
      assert.ok(r.ok, `moves: ${r.moves.map((m) => m.detail).join("; ")}`);
      assert.equal(r.false_failovers, 0);
      const failover = r.moves.find((m) => m.kind === "failover");
      assert.equal(failover?.data?.to, "eth1");
      // Generous bounds: the benchmark measures the medians; this proves the address moved
      // and the replies followed it (a client outage that ends).
      assert.ok(r.outage_ms !== null && r.outage_ms < 1500, `outage ${r.outage_ms} ms`);
      assert.ok(
        r.failback_outage_ms !== null && r.failback_outage_ms < 500,
        `failback outage ${r.failback_outage_ms} ms; gaps (ms after the fault): ${JSON.stringify(r.gaps)}; moves: ${JSON.stringify(r.moves.map((m) => [m.t_ms - r.fault.at_ms, m.kind]))}`,
      );
      assert.ok(
        r.client.answered > r.client.sent * 0.8,
        "the client's traffic flowed before and after",
      );
      const verified = r.events.filter((e) => e.kind === "failover-verified").length;
      assert.equal(
        verified,
        2,
        "both moves verified: announced, and the path answers through the new member",
      );
    });
  });
}

test("mpath-standby: the standby takes over when the active member fails", {
  skip,
  timeout: 90_000,
}, async () => {
  await withLabLock(async () => {
    const r = await runMpathScenario({
      scenario: "mpath-standby",
      fault: "cut",
      member: "eth0",
      standby: ["eth1"],
    });
    assert.ok(r.ok, r.moves.map((m) => m.detail).join("; "));
    assert.equal(r.moves.find((m) => m.kind === "failover")?.data?.to, "eth1");
  });
});

test("mpath-standby: the standby's own failure moves nothing", {
  skip,
  timeout: 90_000,
}, async () => {
  await withLabLock(async () => {
    const r = await runMpathScenario({
      scenario: "mpath-standby",
      fault: "cut",
      member: "eth1",
      standby: ["eth1"],
    });
    assert.deepEqual(r.moves, []);
    assert.ok(
      r.events.some((e) => e.kind === "member-failed" && e.subject === "eth1"),
      "the failure is still reported",
    );
    assert.equal(r.outage_ms, 0, "the client saw no outage");
  });
});

test("mpath-two-switches: eth0's switch dies silently, the address moves to eth1's switch", {
  skip,
  timeout: 90_000,
}, async () => {
  await withLabLock(async () => {
    const r = await runMpathScenario({
      scenario: "mpath-two-switches",
      fault: "switch-silent",
      member: "eth0",
    });
    console.log(`mpath two switches: client outage ${r.outage_ms} ms`);
    assert.ok(r.ok, r.moves.map((m) => m.detail).join("; "));
    assert.ok(
      r.events.some((e) => e.kind === "member-failed" && /probes lost/.test(e.detail)),
      "failed by probes: carrier stayed up",
    );
    assert.ok(r.outage_ms !== null && r.outage_ms < 1500);
  });
});

test("mpath-soak: 5 % random loss on both members for 120 s moves nothing", {
  skip,
  timeout: 240_000,
}, async () => {
  await withLabLock(async () => {
    const r = await runMpathScenario({
      scenario: "mpath-soak",
      fault: "none",
      failureDetectionMs: 1000,
      soakMs: 120_000,
      lossPercent: 5,
    });
    const probes = r.events.filter((e) => e.kind === "member-failed");
    console.log(
      `mpath soak: ${r.moves.length} moves, ${probes.length} member failures, client answered ${r.client.answered}/${r.client.sent}`,
    );
    assert.deepEqual(r.moves, [], "no false failover");
  });
});

test("with no router to probe, the all-hosts group gives the targets", {
  skip,
  timeout: 60_000,
}, async () => {
  await acquireLabLock();
  const lab = await labUp(DUAL_HOMED);
  const dir = mkdtempSync(join(tmpdir(), "linkguard-mpath-mc-"));
  try {
    await setSysctl(lab.ns("gw"), "net.ipv4.icmp_echo_ignore_broadcasts", "0");
    const config = join(dir, "lg.yaml");
    writeFileSync(
      config,
      renderConfig({
        mpath: {
          status_file: join(dir, "s.json"),
          groups: [
            {
              name: "web",
              members: ["eth0", "eth1"],
              data_addresses: { eth0: ["10.77.0.50/24"] },
              auto_targets: false,
              failure_detection_ms: 700,
            },
          ],
        },
      }),
    );
    // mpath's own --duration stops it: this run is one command, not a harness-driven daemon.
    const { file, args } = inNamespace(lab.ns("server"), [
      ...mpathArgv({ node: process.execPath, main: CLI, config }),
      "--duration",
      "3",
    ]);
    const out = await run([file, ...args], { timeoutMs: 30_000 });
    assert.match(out, /no router to probe; the all-hosts group answered from 10\.77\.0\.1/);
    const status = runCli(["mpath", "status", "--status-file", join(dir, "s.json"), "--json"]);
    const s = JSON.parse(status.stdout) as { running: boolean; groups: { targets: string[] }[] };
    assert.deepEqual(s.groups[0]?.targets, ["10.77.0.1"]);
    assert.equal(s.running, false, "the daemon has stopped: status says the state is old");
    assert.equal(status.code, 1);
  } finally {
    await labDown(lab.id);
    rmSync(dir, { recursive: true, force: true });
    releaseLabLock();
  }
});
