// `linkguard lab` for VM labs: up, run, fault and exec when the name is a VM topology or
// scenario, or the lab is a VM lab. Kept apart from the namespace lab's commands.
import { resolve } from "node:path";
import { VmControl } from "../lab/vm/control.js";
import { blackholeName, wiresOf } from "../lab/vm/topology.js";
import { findVmLabRecord, vmLabUp } from "../lab/vm/vm-lab.js";
import { runVmScenario } from "../lab/vm/vm-runner.js";
import type { VmReport } from "../lab/vm/vm-scenario.js";
import { findVmScenario, VM_SCENARIOS } from "../lab/vm/vm-scenarios.js";
import { VM_TOPOLOGIES } from "../lab/vm/vm-topologies.js";
import {
  applyWireFault,
  type LacpDirection,
  WIRE_FAULT_HELP,
  WIRE_FAULTS,
  type WireFaultKind,
} from "../lab/vm/wire-faults.js";

export const VM_HELP = `
VM topologies (lab up; Debian's kernel with the real bonding driver, in QEMU): ${Object.values(
  VM_TOPOLOGIES,
)
  .map((t) => `\n  ${t.name.padEnd(18)} ${t.description}`)
  .join("")}
VM scenarios (lab run): ${VM_SCENARIOS.map((s) => `\n  ${s.name.padEnd(18)} ${s.description}`).join("")}
VM wire faults (lab fault VM:NIC KIND): ${WIRE_FAULTS.map((k) => `\n  ${k.padEnd(18)} ${WIRE_FAULT_HELP[k]}`).join("")}`;

const err = (line: string) => process.stderr.write(`${line}\n`);

/** `lab up NAME` for a VM topology; false when NAME is not one. */
export async function vmUp(name: string): Promise<boolean> {
  const topology = VM_TOPOLOGIES[name] ?? findVmScenario(name)?.topology;
  if (!topology) return false;
  const lab = await vmLabUp(topology, { log: err });
  lab.close();
  process.stdout.write(
    `lab ${lab.id} up: ${topology.description}\n` +
      `accelerator: ${lab.accel.accel === "kvm" ? "KVM" : "TCG (emulation)"}: ${lab.accel.why}\n` +
      `kernel: ${lab.kernel.package}; VMs booted in ${(lab.boot_ms / 1000).toFixed(1)} s\n` +
      `wires: ${lab.wires.map((w) => `${w.a.vm}:${w.a.ifname}-${w.b.vm}:${w.b.ifname}`).join(", ")}\n`,
  );
  return true;
}

/** `lab run NAME` for a VM scenario; false when NAME is not one. */
export async function vmRun(
  name: string,
  o: { json?: boolean; verbose?: boolean; recordFixtures?: string },
): Promise<boolean> {
  const s = findVmScenario(name);
  if (!s) return false;
  const report = await runVmScenario(s, {
    ...(o.verbose && { log: err }),
    ...(o.recordFixtures && { recordDir: resolve(o.recordFixtures) }),
  });
  if (o.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(renderVmReport(report));
  if (!report.ok) process.exitCode = 1;
  return true;
}

function renderVmReport(r: VmReport): string {
  const lines = [
    `${r.scenario}: ${r.ok ? "OK" : "FAILED"} (lab ${r.lab}, ${r.accel}, boot ${(r.boot_ms / 1000).toFixed(1)} s, total ${(r.duration_ms / 1000).toFixed(1)} s)`,
    ...r.checks.map(
      (c) => `  ${c.ok ? "ok  " : "FAIL"} ${c.what}${c.detail ? `: ${c.detail}` : ""}`,
    ),
    ...r.faults.map((f) => `  fault ${f.kind} on ${f.link} at ${new Date(f.at_ms).toISOString()}`),
    ...r.events.map(
      (e) => `  ${String(e.dt_ms ?? "-").padStart(8)} ms  ${e.vm} ${e.kind} ${e.detail}`,
    ),
    ...Object.entries(r.outage).map(
      ([k, v]) => `  outage ${k}: ${v.longest_gap_ms} ms${v.unrecovered ? " (not recovered)" : ""}`,
    ),
  ];
  return `${lines.join("\n")}\n`;
}

/** Is the lab `id` (or, without an id, the newest lab of either kind) a VM lab? */
export function isVmLab(
  id: string | undefined,
  namespaceLabs: { id: string; created_ms: number }[],
): boolean {
  const vm = findVmLabRecord(id);
  if (!vm) return false;
  if (id !== undefined) return true;
  return namespaceLabs.every((l) => l.created_ms < vm.created_ms);
}

/** `lab fault` on a VM lab's wire; false when the lab is not a VM lab. */
export async function vmFault(
  labId: string | undefined,
  link: string,
  kind: string,
  o: { direction?: string; seconds?: number },
): Promise<boolean> {
  const r = findVmLabRecord(labId);
  if (!r) return false;
  if (!(WIRE_FAULTS as readonly string[]).includes(kind))
    throw new Error(`a VM lab's wire faults are ${WIRE_FAULTS.join(", ")}`);
  const direction = o.direction as LacpDirection | undefined;
  const at = Date.now();
  await applyWireFault(
    { id: r.id, vms: r.vms, wires: wiresOf(r.id, r.topology), blackhole: blackholeName(r.id) },
    link,
    kind as WireFaultKind,
    { ...(direction && { direction }), ...(o.seconds !== undefined && { seconds: o.seconds }) },
  );
  process.stdout.write(`${new Date(at).toISOString()} ${kind} on ${link} (lab ${r.id})\n`);
  return true;
}

/** `lab exec VM -- CMD` in a VM lab; false when the lab has no such VM. */
export async function vmExec(
  labId: string | undefined,
  vm: string,
  cmd: string[],
): Promise<boolean> {
  const r = findVmLabRecord(labId);
  const proc = r?.vms.find((v) => v.name === `lg-${r.id}-${vm}`);
  if (!r || !proc) return false;
  const ctl = await VmControl.connect(vm, proc.ctlSocket);
  try {
    const res = await ctl.exec(cmd, { timeoutMs: 600_000 });
    process.stdout.write(res.stdout);
    process.stderr.write(res.stderr);
    process.exitCode = res.code ?? 1;
  } finally {
    ctl.close();
  }
  return true;
}
