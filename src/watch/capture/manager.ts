// Triggered capture for the watcher: one InterfaceCapture per configured interface; when an
// incident opens, each writes its ring and keeps going for a while. The disk rules (budget,
// free-space floor, rate per hour) are checked before any file is opened.
import { mkdirSync, readdirSync, rmSync, statfsSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Incident, WatchEvent } from "../../events/types.js";
import { isValidIfname } from "../../host/read/commands.js";
import { type CaptureFile, type CaptureLimits, decideCapture } from "./budget.js";
import { type CaptureSettings, InterfaceCapture } from "./interface-capture.js";

export interface CaptureConfig extends CaptureSettings {
  interfaces: string[];
  limits: CaptureLimits;
}

export interface CaptureHooks {
  /** Raise a watcher event (capture-written, capture-failed). */
  raise(
    kind: "capture-written" | "capture-failed",
    severity: WatchEvent["severity"],
    subject: string,
    detail: string,
    data: Record<string, unknown>,
  ): void;
  /** A file belongs to an incident: record it (store and the live incident). */
  attach(incidentId: number, path: string): void;
}

export class CaptureManager {
  private readonly captures: InterfaceCapture[];
  private readonly triggered = new Set<number>();
  private readonly starts: number[] = [];

  constructor(
    private readonly cfg: CaptureConfig,
    hooks: CaptureHooks,
  ) {
    for (const i of cfg.interfaces)
      if (!isValidIfname(i)) throw new Error(`capture: bad interface name "${i}"`);
    if (/[\n\r]/.test(cfg.filter) || cfg.filter.length > 1000)
      throw new Error("capture: the filter must be one line under 1000 characters");
    mkdirSync(cfg.dir, { recursive: true, mode: 0o750 });
    this.captures = cfg.interfaces.map(
      (ifname) =>
        new InterfaceCapture(ifname, cfg, {
          written: (path, bytes, frames, incidentId) => {
            hooks.attach(incidentId, path);
            hooks.raise(
              "capture-written",
              "info",
              ifname,
              `capture for incident ${incidentId} on ${ifname}: ${path} (${frames} frames, ${(bytes / 1048576).toFixed(1)} MiB)`,
              {
                path,
                bytes,
                frames,
                incident: incidentId,
              },
            );
          },
          failed: (reason) => hooks.raise("capture-failed", "warning", ifname, reason, {}),
          mayWrite: (expected) => this.mayWrite(expected),
        }),
    );
  }

  start(): void {
    for (const c of this.captures) c.start();
  }

  stop(): void {
    for (const c of this.captures) c.stop();
  }

  /** Watcher listener: the first time an incident is seen open, capture. */
  incident(i: Incident): void {
    if (i.closed_ms !== null || this.triggered.has(i.id)) return;
    this.triggered.add(i.id);
    for (const c of this.captures) c.trigger(i.id, Date.now());
  }

  private mayWrite(expectedBytes: number): { ok: true } | { ok: false; reason: string } {
    const now = Date.now();
    while (this.starts.length > 0 && now - (this.starts[0] as number) > 3_600_000)
      this.starts.shift();
    let free = Number.POSITIVE_INFINITY;
    try {
      const fs = statfsSync(this.cfg.dir);
      free = fs.bavail * fs.bsize;
    } catch {
      // unknown free space: the budget still applies
    }
    const d = decideCapture(this.files(), free, this.starts.length, expectedBytes, this.cfg.limits);
    for (const path of d.deleteFirst) rmSync(path, { force: true });
    if (!d.write) return { ok: false, reason: d.reason };
    this.starts.push(now);
    return { ok: true };
  }

  private files(): CaptureFile[] {
    const out: CaptureFile[] = [];
    for (const name of readdirSync(this.cfg.dir)) {
      if (!/^incident-.*\.pcap$/.test(name)) continue;
      try {
        const st = statSync(join(this.cfg.dir, name));
        out.push({ path: join(this.cfg.dir, name), bytes: st.size, mtime_ms: st.mtimeMs });
      } catch {
        // deleted meanwhile
      }
    }
    return out;
  }
}
