// `linkguard lab`: a real-kernel test bed in network namespaces (names start with "lg-").
import { spawnSync } from "node:child_process";
import type { Command } from "commander";
import { FAULT_HELP, FAULT_KINDS, type FaultKind, injectFault } from "../lab/faults.js";
import { findLab, labDown, labUp, listLabs } from "../lab/lab.js";
import { findScenario, SCENARIOS } from "../lab/scenarios.js";
import { TOPOLOGIES } from "../lab/topologies.js";
import { linksOf } from "../lab/topology.js";
import { listVmLabs } from "../lab/vm/vm-lab.js";
import { MAX_FAILURE_DETECTION_MS, MIN_FAILURE_DETECTION_MS } from "../mpath/config.js";
import { isVmLab, VM_HELP, vmExec, vmFault, vmRun, vmUp } from "./lab-vm.js";
import { durationArg, wholeArg } from "./option-values.js";

function requireRoot(): void {
  if (process.getuid?.() !== 0)
    throw new Error("the lab needs root (network namespaces): run it with sudo");
}

export function registerLab(program: Command): void {
  const lab = program
    .command("lab")
    .description("a real-kernel lab in network namespaces: topologies, faults, scenarios")
    .addHelpText(
      "after",
      `
Topologies: ${Object.values(TOPOLOGIES)
        .map((t) => `\n  ${t.name.padEnd(18)} ${t.description}`)
        .join("")}
Scenarios (lab run): ${SCENARIOS.map((s) => `\n  ${s.name.padEnd(18)} ${s.description}`).join("")}
  mpath-failover     linkguard mpath moves a data address off a failed member (--fault cut|silent-drop)
  mpath-standby      eth1 is a standby: it takes over when eth0 fails, its own failure moves nothing
  mpath-two-switches each member on its own switch; eth0's switch dies silently (--fault switch-silent)
  mpath-soak         5 % random loss on both members for --soak-ms: nothing may move
Faults (lab fault): ${FAULT_KINDS.map((k) => `\n  ${k.padEnd(18)} ${FAULT_HELP[k]}`).join("")}

${VM_HELP}

Every namespace is named lg-<id>-<node>, every VM lg-<id>-<vm> and every tap lg-<id>-t<n>;
\`lab down\` removes them all (VMs stopped by their recorded PID), crashed runs included.

Examples:
  linkguard lab up dual-homed
  linkguard lab exec server -- ping -c1 10.77.0.1
  linkguard lab fault server:eth0 silent-drop
  linkguard lab fault eth0 restore
  linkguard lab run silent-upstream --json
  linkguard lab down`,
    );

  lab
    .command("up <topology|scenario>")
    .description("build a topology (or a scenario's topology) and print its id")
    .action(async (name: string) => {
      requireRoot();
      if (await vmUp(name)) return;
      const topology = TOPOLOGIES[name] ?? findScenario(name).topology;
      const l = await labUp(topology);
      process.stdout.write(
        `lab ${l.id} up: ${topology.description}\nlinks: ${linksOf(topology)
          .map((x) => x.id)
          .join(", ")}\n`,
      );
    });

  lab
    .command("fault <link> <fault>")
    .description("inject a fault on a link (host:ifname, or ifname when unique)")
    .option("--lab <id>", "lab id (default: the newest)")
    .option(
      "--percent <p>",
      "loss: percent of frames to drop, 1-100",
      wholeArg("--percent", 1, 100),
    )
    .option("--count <n>", "flap: down/up cycles, 1-1000", wholeArg("--count", 1, 1000))
    .option(
      "--interval-ms <time>",
      "flap: time between changes (500ms, 2s; a bare number is ms)",
      durationArg({ option: "--interval-ms", bareUnit: "ms", minMs: 1, maxMs: 60_000 }),
    )
    .option("--peer <link>", "gateway-loss: the gateway's link")
    .option("--address <ip>", "arp-conflict: the address to answer for")
    .option("--direction <dir>", "VM lacp-drop: from-partner, to-partner or both", "both")
    .option("--seconds <s>", "VM storm: how long", Number, 5)
    .action(
      async (
        link: string,
        fault: string,
        o: {
          lab?: string;
          percent?: number;
          count?: number;
          intervalMs?: number;
          peer?: string;
          address?: string;
          direction: string;
          seconds: number;
        },
      ) => {
        requireRoot();
        if (isVmLab(o.lab, listLabs()) && (await vmFault(o.lab, link, fault, o))) return;
        if (!(FAULT_KINDS as readonly string[]).includes(fault))
          throw new Error(`unknown fault "${fault}" (faults: ${FAULT_KINDS.join(", ")})`);
        const l = findLab(o.lab);
        const at = Date.now();
        const { lab: _lab, direction: _direction, seconds: _seconds, ...opts } = o;
        await injectFault(l, link, fault as FaultKind, opts);
        process.stdout.write(`${new Date(at).toISOString()} ${fault} on ${link} (lab ${l.id})\n`);
      },
    );

  lab
    .command("exec <host> <cmd...>")
    .description("run a command inside a lab host's namespace (put -- before the command)")
    .option("--lab <id>", "lab id (default: the newest)")
    .action(async (host: string, cmd: string[], o: { lab?: string }) => {
      requireRoot();
      if (isVmLab(o.lab, listLabs()) && (await vmExec(o.lab, host, cmd))) return;
      const ns = findLab(o.lab).ns(host);
      const r = spawnSync("ip", ["netns", "exec", ns, ...cmd], { stdio: "inherit" });
      process.exitCode = r.status ?? 1;
    });

  lab
    .command("list")
    .description("labs that are up")
    .action(() => {
      for (const l of listLabs())
        process.stdout.write(
          `${l.id}  ${l.topology.name}  since ${new Date(l.created_ms).toISOString()}\n`,
        );
      for (const l of listVmLabs())
        process.stdout.write(
          `${l.id}  ${l.topology.name} (VMs, ${l.accel.accel}, pids ${l.vms.map((v) => v.pid).join(" ")})  since ${new Date(l.created_ms).toISOString()}\n`,
        );
    });

  lab
    .command("down")
    .description(
      "remove every lab namespace (or only --lab ID), leftovers of crashed runs included",
    )
    .option("--lab <id>", "only this lab")
    .action(async (o: { lab?: string }) => {
      requireRoot();
      const removed = await labDown(o.lab);
      process.stdout.write(
        removed.length ? `removed ${removed.join(" ")}\n` : "nothing to remove\n",
      );
    });

  lab
    .command("run <scenario>")
    .description("up, watch, inject the fault, wait (bounded), report, tear down")
    .option("--json", "print the report as JSON")
    .option(
      "--record-fixtures <dir>",
      "VM scenarios: record the VMs' snapshots (root and nobody) as fixtures under DIR",
    )
    .option(
      "--wait-ms <time>",
      "longest wait for each expected event (a bare number is ms)",
      durationArg({ option: "--wait-ms", bareUnit: "ms", minMs: 1, maxMs: 3_600_000 }),
      10_000,
    )
    .option("-v, --verbose", "log progress to stderr")
    .option(
      "--fault <kind>",
      "mpath-*: cut, silent-drop, switch-silent or none (default: per scenario)",
    )
    .option("--member <eth0|eth1>", "mpath-*: the member the fault hits", "eth0")
    .option(
      "--soak-ms <time>",
      "mpath-soak: how long (2m, 1h; a bare number is ms)",
      durationArg({ option: "--soak-ms", bareUnit: "ms", minMs: 1000, maxMs: 86_400_000 }),
      120_000,
    )
    .option(
      "--failure-detection-ms <time>",
      "mpath-failover: the group's failure detection time (a bare number is ms)",
      durationArg({
        option: "--failure-detection-ms",
        bareUnit: "ms",
        minMs: MIN_FAILURE_DETECTION_MS,
        maxMs: MAX_FAILURE_DETECTION_MS,
      }),
      100,
    )
    .action(
      async (
        name: string,
        o: {
          json?: boolean;
          waitMs: number;
          verbose?: boolean;
          fault?: string;
          member: string;
          soakMs: number;
          failureDetectionMs: number;
          recordFixtures?: string;
        },
      ) => {
        requireRoot();
        if (await vmRun(name, o)) return;
        if (name.startsWith("mpath-")) {
          await runMpath(name, o);
          return;
        }
        const { runScenario } = await import("../lab/runner.js");
        const report = await runScenario(findScenario(name), {
          waitMs: o.waitMs,
          ...(o.verbose && { log: (l: string) => process.stderr.write(`${l}\n`) }),
        });
        if (o.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else {
          process.stdout.write(
            `${report.scenario}: ${report.ok ? "OK" : `MISSING ${report.missing.join(", ")}`}; detected in ${report.detection_ms ?? "-"} ms\n`,
          );
          for (const e of report.events)
            process.stdout.write(
              `  ${String(e.dt_ms).padStart(9)} ms  ${e.kind.padEnd(17)} ${e.detail}\n`,
            );
          for (const i of report.incidents)
            process.stdout.write(`\nincident ${i.id}: ${i.title}\n${i.explanation}\n`);
        }
        if (!report.ok) process.exitCode = 1;
      },
    );
}

const MPATH_SCENARIOS = [
  "mpath-failover",
  "mpath-standby",
  "mpath-two-switches",
  "mpath-soak",
] as const;
const MPATH_FAULTS = ["cut", "silent-drop", "switch-silent", "none"] as const;

async function runMpath(
  name: string,
  o: {
    json?: boolean;
    verbose?: boolean;
    fault?: string;
    member: string;
    failureDetectionMs: number;
    soakMs: number;
  },
): Promise<void> {
  const scenario = MPATH_SCENARIOS.find((x) => x === name);
  if (!scenario)
    throw new Error(`no scenario "${name}" (mpath scenarios: ${MPATH_SCENARIOS.join(", ")})`);
  const defaultFault =
    scenario === "mpath-two-switches"
      ? "switch-silent"
      : scenario === "mpath-soak"
        ? "none"
        : "cut";
  const fault = MPATH_FAULTS.find((x) => x === (o.fault ?? defaultFault));
  if (!fault)
    throw new Error(`--fault must be one of ${MPATH_FAULTS.join(", ")}, got "${o.fault}"`);
  if (o.member !== "eth0" && o.member !== "eth1")
    throw new Error(`--member must be eth0 or eth1, got "${o.member}"`);
  const { runMpathScenario } = await import("../lab/mpath-run.js");
  const r = await runMpathScenario({
    scenario,
    fault,
    member: o.member,
    failureDetectionMs:
      scenario === "mpath-soak" ? Math.max(o.failureDetectionMs, 1000) : o.failureDetectionMs,
    soakMs: o.soakMs,
    ...(scenario === "mpath-standby" && { standby: ["eth1"] }),
    ...(o.verbose && { log: (l: string) => process.stderr.write(`${l}\n`) }),
  });
  if (o.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
  else {
    process.stdout.write(
      `${scenario} (${fault} on ${r.fault.link}): ${r.ok ? "OK" : "UNEXPECTED MOVES OR NONE"}; client outage ${r.outage_ms} ms, failback outage ${r.failback_outage_ms} ms, false failovers ${r.false_failovers}\n`,
    );
    for (const m of r.moves)
      process.stdout.write(
        `  ${String(Math.round(m.t_ms - r.fault.at_ms)).padStart(7)} ms  ${m.detail}\n`,
      );
  }
  if (!r.ok) process.exitCode = 1;
}
