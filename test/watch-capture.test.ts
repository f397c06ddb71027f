// Triggered capture in the lab: the watcher keeps the last seconds of eth0 in memory; when the
// silent drop opens an incident, the file holds frames from before the incident and after,
// its path is in the incident, and `linkguard pcap` reads it. A dead tcpdump is an event.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { WatchEvent } from "../src/events/types.js";
import { injectFault } from "../src/lab/faults.js";
import { labDown, labUp } from "../src/lab/lab.js";
import { DUAL_HOMED } from "../src/lab/topologies.js";
import { readCaptureBytes } from "../src/pcap/read.js";
import { CLI, runCli } from "./support/cli.js";
import { acquireLabLock, releaseLabLock } from "./support/lab-lock.js";
import { needs } from "./support/requires.js";
import { collectEvents, sleep, until } from "./support/wait.js";
import { startWatcher } from "./support/watcher.js";

const skip = needs({ root: true, tools: ["ip", "bridge", "ping", "sysctl", "tcpdump"] });

test("an incident writes the seconds before it and after it to a pcap", {
  skip,
  timeout: 90_000,
}, async () => {
  await acquireLabLock();
  const dir = mkdtempSync(join(tmpdir(), "linkguard-capture-"));
  const lab = await labUp(DUAL_HOMED);
  const events: WatchEvent[] = [];
  let child: ChildProcess | undefined;
  try {
    const config = join(dir, "linkguard.yaml");
    writeFileSync(
      config,
      `watch:\n  capture:\n    interfaces: [eth0]\n    pre_seconds: 5\n    post_seconds: 2\n    dir: ${join(dir, "captures")}\n    min_free_mb: 0\n    filter: icmp or arp\n`,
    );
    child = await startWatcher(
      lab.ns("server"),
      [
        "--config",
        config,
        "--db",
        join(dir, "lg.db"),
        "--interval",
        "100",
        "--probe-interval",
        "50",
        "-i",
        "eth0,eth1",
      ],
      events,
    );
    await sleep(2500);
    const at = Date.now();
    await injectFault(lab, "server:eth0", "silent-drop");
    const loss = await until("probe-loss", 10_000, () =>
      events.find((e) => e.kind === "probe-loss" && e.t_ms >= at),
    );
    const written = await until("capture-written", 15_000, () =>
      events.find((e) => e.kind === "capture-written"),
    );
    const path = String(written.data?.path);
    assert.ok(existsSync(path), path);
    assert.match(path, /incident-\d+-eth0-\d{8}T\d{6}\.pcap$/);

    const times: number[] = [];
    const read = readCaptureBytes(new Uint8Array(readFileSync(path)), (p) =>
      times.push(p.ts * 1000),
    );
    assert.equal(read.error, undefined);
    assert.ok(
      times.some((t) => t < at - 1000),
      "frames from before the fault (the ring)",
    );
    assert.ok(
      times.some((t) => t > loss.t_ms + 500),
      "frames from after the trigger",
    );

    const summary = runCli(["pcap", "summary", path, "--json"]);
    assert.equal(summary.code, 0, summary.stderr);
    assert.equal((JSON.parse(summary.stdout) as { packets: number }).packets, times.length);

    await injectFault(lab, "server:eth0", "restore");
    child.kill("SIGTERM");
    await new Promise((r) => child?.once("exit", r));
    const shown = runCli([
      "incidents",
      "show",
      String(loss.incident_id),
      "--db",
      join(dir, "lg.db"),
      "--json",
    ]);
    assert.equal(shown.code, 0, shown.stderr);
    assert.ok(shown.stdout.includes(path), "the incident lists its capture");
    const analysed = runCli([
      "incidents",
      "show",
      String(loss.incident_id),
      "--db",
      join(dir, "lg.db"),
      "--pcap",
      "--json",
    ]);
    assert.equal(analysed.code, 0, analysed.stderr);
    const pcap = (
      JSON.parse(analysed.stdout) as { pcap: Record<string, { summary: { packets: number } }> }
    ).pcap;
    assert.equal(
      pcap[path]?.summary.packets,
      times.length,
      "incidents show --pcap analyses the capture",
    );
  } finally {
    child?.kill("SIGKILL");
    await labDown(lab.id);
    rmSync(dir, { recursive: true, force: true });
    releaseLabLock();
  }
});

test("a tcpdump that cannot start is an event, and the watcher goes on", {
  skip,
  timeout: 30_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), "linkguard-capture-"));
  const events: WatchEvent[] = [];
  const args = [
    CLI,
    "watch",
    "--config",
    "/dev/null",
    "--jsonl",
    "-",
    "--metrics",
    "off",
    "--no-store",
    "-i",
    "lo",
    "--no-auto-gateway",
    "--capture",
    "nosuch0",
    "--capture-dir",
    dir,
  ];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "ignore"] });
  collectEvents(child.stdout, events);
  try {
    const failed = await until("capture-failed", 10_000, () =>
      events.find((e) => e.kind === "capture-failed"),
    );
    assert.match(failed.detail, /tcpdump on nosuch0 exited/);
    await sleep(500);
    assert.equal(child.exitCode, null, "the watcher must keep running");
    assert.equal(failed.incident_id, undefined, "a capture problem is not a network incident");
  } finally {
    child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
});
