// The status file `mpath status` and the dashboard read: rewritten whole (a temp file renamed
// over it, so a reader never sees half of it), at most twice a second unless forced, because
// probe results arrive every few milliseconds.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Clock } from "../lib/clock.js";
import type { MpathStatusFile, PathStats } from "./status.js";

export type WriteFile = (file: string, text: string) => void;

/** Writes `text` to a temp file beside `file`, then renames it over `file`. */
export const writeFileAtomic: WriteFile = (file, text) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
};

const MIN_GAP_MS = 500;

export class StatusWriter {
  private at = 0;

  constructor(
    private readonly file: string,
    private readonly snapshot: () => Omit<MpathStatusFile, "updated_ms">,
    private readonly clock: Clock,
    private readonly write: WriteFile = writeFileAtomic,
    private readonly problem: (message: string) => void = (m) => process.stderr.write(m),
  ) {}

  /** Writes the file now when forced or when the last write is half a second old. */
  update(force = false): void {
    const now = this.clock.now();
    if (!force && now - this.at < MIN_GAP_MS) return;
    this.at = now;
    const body: MpathStatusFile = { updated_ms: now, ...this.snapshot() };
    try {
      this.write(this.file, `${JSON.stringify(body, null, 2)}\n`);
    } catch (err) {
      this.problem(`linkguard mpath: status file ${this.file}: ${(err as Error).message}\n`);
    }
  }
}

/** What the status file holds besides its time: this run's groups, paths and prober. */
export function statusSnapshot(
  pid: number,
  dryRun: boolean,
  groups: { status(): MpathStatusFile["groups"][number] }[],
  paths: Map<string, PathStats>,
  prober: "native" | "ping",
): Omit<MpathStatusFile, "updated_ms"> {
  return {
    pid,
    dry_run: dryRun,
    groups: groups.map((g) => g.status()),
    probes: [...paths.values()],
    prober,
  };
}
