// Recording a VM's snapshot as a real-kernel fixture: the snapshot directory copied into the
// repository's fixtures with a PROVENANCE file naming the kernel that produced it.
import { cpSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface Provenance {
  scenario: string;
  label: string;
  user: string;
  kernel: string;
  accel: string;
}

/** The PROVENANCE text. Pure. */
export function renderProvenance(p: Provenance, now = new Date()): string {
  return [
    `source: linkguard lab run ${p.scenario} --record-fixtures (VM lab)`,
    `scenario: ${p.scenario}${p.label ? ` (${p.label})` : ""}`,
    `kernel: Debian ${p.kernel} (its own bonding driver), in QEMU (${p.accel.toUpperCase()})`,
    `taken by: linkguard snapshot inside the VM as ${p.user}`,
    `recorded: ${now.toISOString().slice(0, 10)}`,
    "",
  ].join("\n");
}

/** Copies the one snapshot directory under `from` to `to` (replaced) with its PROVENANCE. */
export function recordSnapshot(from: string, to: string, p: Provenance): void {
  const inner = readdirSync(from).filter((f) => statSync(join(from, f)).isDirectory());
  const src = inner.length === 1 && inner[0] ? join(from, inner[0]) : from;
  rmSync(to, { recursive: true, force: true });
  cpSync(src, to, { recursive: true });
  writeFileSync(join(to, "PROVENANCE"), renderProvenance(p));
}
