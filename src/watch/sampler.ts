// Samples every watched interface from files kept open and re-read from offset 0 (about ten
// times cheaper than opening sysfs files per sample), with all counters from one read of
// /proc/net/dev.
import { closeSync, openSync, readlinkSync, readSync } from "node:fs";
import { basename, join } from "node:path";
import type { InterfaceRates, InterfaceSample } from "../events/types.js";
import { parseProcNetDev } from "../host/parse/proc-net-dev.js";

interface OpenInterface {
  /** What the slow-changing files said last time (re-read on a carrier change or every second). */
  cached: {
    carrier: boolean | null;
    operstate: string;
    changes: number | null;
    mtu: number | null;
    speed: number | null;
  } | null;
  cachedAt: number;
  carrier: number | null;
  operstate: number | null;
  carrierChanges: number | null;
  mtu: number | null;
  speed: number | null;
  master: string | null;
}

export interface SamplerOptions {
  sysClassNet?: string;
  procNetDev?: string;
  /** Only these interfaces (default: all but lo). */
  interfaces?: string[];
}

const SLOW_REFRESH_MS = 1000;

/** Reads a file descriptor from offset 0; null when the kernel refuses (e.g. carrier of a down link). */
function pread(buf: Buffer, fd: number | null): string | null {
  if (fd === null) return null;
  try {
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf.toString("utf8", 0, n).trim();
  } catch {
    return null;
  }
}

function tryOpen(path: string): number | null {
  try {
    return openSync(path, "r");
  } catch {
    return null;
  }
}

function numberOf(text: string | null): number | null {
  if (text === null || text === "") return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

export class Sampler {
  private readonly open = new Map<string, OpenInterface>();
  private readonly devFd: number;
  private readonly sys: string;
  private readonly only: Set<string> | null;
  /** One read buffer per sampler (no state shared between watchers in one process). */
  private readonly buf = Buffer.alloc(256 * 1024);

  constructor(opts: SamplerOptions = {}) {
    this.sys = opts.sysClassNet ?? "/sys/class/net";
    this.devFd = openSync(opts.procNetDev ?? "/proc/net/dev", "r");
    this.only = opts.interfaces?.length ? new Set(opts.interfaces) : null;
  }

  private watched(ifname: string): boolean {
    return this.only ? this.only.has(ifname) : ifname !== "lo";
  }

  private openInterface(ifname: string): OpenInterface {
    const dir = join(this.sys, ifname);
    let master: string | null = null;
    try {
      master = basename(readlinkSync(join(dir, "master")));
    } catch {
      master = null;
    }
    return {
      cached: null,
      cachedAt: 0,
      carrier: tryOpen(join(dir, "carrier")),
      operstate: tryOpen(join(dir, "operstate")),
      carrierChanges: tryOpen(join(dir, "carrier_changes")),
      mtu: tryOpen(join(dir, "mtu")),
      speed: tryOpen(join(dir, "speed")),
      master,
    };
  }

  private closeInterface(ifname: string): void {
    const o = this.open.get(ifname);
    if (!o) return;
    for (const fd of [o.carrier, o.operstate, o.carrierChanges, o.mtu, o.speed]) {
      if (fd !== null) closeSync(fd);
    }
    this.open.delete(ifname);
  }

  /** The master (bond/bridge) may change: re-read on the next sample. */
  refresh(ifname: string): void {
    this.closeInterface(ifname);
  }

  /** One sample of every watched interface; interfaces that vanished are dropped. */
  sample(now: number = Date.now()): InterfaceSample[] {
    const counters = parseProcNetDev(pread(this.buf, this.devFd) ?? "");
    for (const name of [...this.open.keys()]) if (!counters.has(name)) this.closeInterface(name);
    const out: InterfaceSample[] = [];
    for (const [ifname, c] of counters) {
      if (!this.watched(ifname)) continue;
      let o = this.open.get(ifname);
      if (!o) {
        o = this.openInterface(ifname);
        this.open.set(ifname, o);
      }
      // carrier_changes moves with every carrier change: one read per interface per sample,
      // and the other files only when it moved (or once a second, for operstate and mtu).
      const changes = numberOf(pread(this.buf, o.carrierChanges));
      let st = o.cached;
      if (
        st === null ||
        changes !== st.changes ||
        changes === null ||
        now - o.cachedAt >= SLOW_REFRESH_MS
      ) {
        const carrier = numberOf(pread(this.buf, o.carrier));
        const operstate = pread(this.buf, o.operstate) ?? "unknown";
        const speed = numberOf(pread(this.buf, o.speed));
        st = {
          carrier: carrier === null ? (operstate === "down" ? false : null) : carrier === 1,
          operstate,
          changes,
          mtu: numberOf(pread(this.buf, o.mtu)),
          speed: speed !== null && speed > 0 ? speed : null,
        };
        o.cached = st;
        o.cachedAt = now;
      }
      out.push({
        t_ms: now,
        ifname,
        carrier: st.carrier,
        operstate: st.operstate,
        carrier_changes: changes,
        state_age_s: null,
        mtu: st.mtu,
        speed_mbps: st.speed,
        master: o.master,
        ...c,
      });
    }
    return out;
  }

  watchedCount(): number {
    return this.open.size;
  }

  close(): void {
    for (const name of [...this.open.keys()]) this.closeInterface(name);
    closeSync(this.devFd);
  }
}

/** Per-second rates between two samples of one interface; null when time did not move. */
export function ratesBetween(a: InterfaceSample, b: InterfaceSample): InterfaceRates | null {
  const dt = (b.t_ms - a.t_ms) / 1000;
  if (dt <= 0) return null;
  // Counters reset when a device is re-created: a negative delta counts as zero.
  const r = (x: number, y: number) => Math.max(0, y - x) / dt;
  return {
    interval_ms: b.t_ms - a.t_ms,
    rx_bps: r(a.rx_bytes, b.rx_bytes),
    tx_bps: r(a.tx_bytes, b.tx_bytes),
    rx_pps: r(a.rx_packets, b.rx_packets),
    tx_pps: r(a.tx_packets, b.tx_packets),
    rx_errors_ps: r(a.rx_errors, b.rx_errors),
    tx_errors_ps: r(a.tx_errors, b.tx_errors),
    rx_dropped_ps: r(a.rx_dropped, b.rx_dropped),
    tx_dropped_ps: r(a.tx_dropped, b.tx_dropped),
  };
}
