// `lab run` for VM scenarios: build the VM lab, let the scenario configure it and drive its
// faults through a context that records everything (vm-context.ts), and always tear down: on
// error, on SIGINT/SIGTERM, in `finally`.
import { onInterrupt } from "../harness/interrupt.js";
import { makeContext } from "./vm-context.js";
import { type VmLab, vmLabDown, vmLabUp } from "./vm-lab.js";
import type { VmReport, VmScenario } from "./vm-scenario.js";

export interface VmRunOptions {
  log?: (line: string) => void;
  /** Where ctx.snapshot records fixtures (none: snapshots are taken but not kept). */
  recordDir?: string;
}

export async function runVmScenario(s: VmScenario, opts: VmRunOptions = {}): Promise<VmReport> {
  const log = opts.log ?? (() => undefined);
  const t0 = Date.now();
  const report: VmReport = {
    scenario: s.name,
    lab: "",
    kernel: "",
    accel: "",
    boot_ms: 0,
    duration_ms: 0,
    faults: [],
    events: [],
    incidents: [],
    doctor: {},
    bonding: {},
    outage: {},
    notes: {},
    checks: [],
    ok: false,
  };
  let lab: VmLab | undefined;
  const unhook = onInterrupt(async () => {
    lab?.close();
    if (lab) await vmLabDown(lab.id);
  });
  try {
    lab = await vmLabUp(s.topology, { log });
    const l = lab;
    Object.assign(report, {
      lab: l.id,
      kernel: l.kernel.package,
      accel: `${l.accel.accel} (${l.accel.why})`,
      boot_ms: l.boot_ms,
    });
    const { ctx, stopWatchers } = makeContext(l, report, {
      scenario: s.name,
      log,
      recordDir: opts.recordDir,
    });
    await s.run(ctx);
    await stopWatchers();
    report.ok = report.checks.length > 0 && report.checks.every((c) => c.ok);
    return report;
  } finally {
    unhook();
    report.duration_ms = Date.now() - t0;
    lab?.close();
    if (lab) await vmLabDown(lab.id);
  }
}
