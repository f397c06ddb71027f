// A fake world for the watcher and the watch daemon: /sys and /proc as files under a temp root,
// a clock that moves only when told, a link monitor fed real `ip -o monitor` lines, and probers
// that answer when told. No root, no process, no sleep.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ManualClock } from "../../src/lib/clock.js";
import { parseMonitorLine } from "../../src/runtime/parse/ip-monitor.js";
import type { ProbePath, ProberCallbacks } from "../../src/runtime/probe/path.js";
import type { LinkSource, WatcherClock, WatcherIo } from "../../src/watch/watcher.js";

interface FakeLink {
  rx_bytes: number;
  tx_bytes: number;
}

/** A root directory holding the files the sampler and the bond reader open. */
export class FakeRoot {
  readonly dir = mkdtempSync(join(tmpdir(), "lg-watch-root-"));
  private readonly links = new Map<string, FakeLink>();

  constructor() {
    mkdirSync(join(this.dir, "proc/net/bonding"), { recursive: true });
    this.writeDev();
  }

  get sysClassNet(): string {
    return join(this.dir, "sys/class/net");
  }

  /** An interface with carrier (or not), as sysfs and /proc/net/dev show it. */
  addLink(ifname: string, carrier = true): void {
    mkdirSync(join(this.sysClassNet, ifname), { recursive: true });
    this.links.set(ifname, { rx_bytes: 0, tx_bytes: 0 });
    writeFileSync(join(this.sysClassNet, ifname, "mtu"), "1500\n");
    writeFileSync(join(this.sysClassNet, ifname, "speed"), "1000\n");
    this.setCarrier(ifname, carrier, 0);
  }

  setCarrier(ifname: string, carrier: boolean, changes: number): void {
    const d = join(this.sysClassNet, ifname);
    writeFileSync(join(d, "carrier"), carrier ? "1\n" : "0\n");
    writeFileSync(join(d, "operstate"), carrier ? "up\n" : "down\n");
    writeFileSync(join(d, "carrier_changes"), `${changes}\n`);
    this.writeDev();
  }

  /** A bond device `bond` with these members, linked as sysfs links them. */
  addBond(bond: string, members: string[]): void {
    const d = join(this.sysClassNet, bond);
    mkdirSync(join(d, "bonding"), { recursive: true });
    writeFileSync(join(d, "uevent"), `DEVTYPE=bond\nINTERFACE=${bond}\nIFINDEX=9\n`);
    writeFileSync(join(d, "bonding/slaves"), `${members.join(" ")}\n`);
    for (const m of members) symlinkSync(d, join(this.sysClassNet, m, "master"));
  }

  private writeDev(): void {
    const head =
      "Inter-|   Receive                                                |  Transmit\n" +
      " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n";
    const rows = [...this.links].map(
      ([name, l]) =>
        `${name.padStart(6)}: ${l.rx_bytes} 0 0 0 0 0 0 0 ${l.tx_bytes} 0 0 0 0 0 0 0\n`,
    );
    mkdirSync(join(this.dir, "proc/net"), { recursive: true });
    writeFileSync(join(this.dir, "proc/net/dev"), head + rows.join(""));
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The hand-turned clock, starting at a plausible wall time; `running` counts its timers. */
export class FakeClock extends ManualClock {
  constructor(start = 1_700_000_000_000) {
    super(start);
  }

  /** How many timers are running (0 once everything stopped). */
  running(): number {
    return this.pending();
  }
}

/** `ip -o monitor link address` without the process: tests push its lines. */
export class FakeLinkSource implements LinkSource {
  started = false;
  stopped = false;

  constructor(
    private readonly onMessage: Parameters<WatcherIo["linkSource"]>[0],
    private readonly clock: WatcherClock,
  ) {}

  start(): Promise<void> {
    this.started = true;
    return Promise.resolve();
  }

  stop(): void {
    this.stopped = true;
  }

  line(text: string): void {
    this.onMessage(parseMonitorLine(text), this.clock.now());
  }
}

/** A prober that sends nothing: the test says which probe was answered or lost. */
export class FakeProber {
  running = false;
  private seq = 0;

  constructor(
    readonly path: ProbePath,
    private readonly cb: ProberCallbacks,
    private readonly clock: WatcherClock,
  ) {}

  start(): void {
    this.running = true;
  }

  stop(): void {
    this.running = false;
  }

  answered(rtt_ms: number): void {
    this.result(true, rtt_ms);
  }

  lost(): void {
    this.result(false, null);
  }

  private result(ok: boolean, rtt_ms: number | null): void {
    this.seq += 1;
    this.cb.result({
      t_ms: this.clock.now(),
      ifname: this.path.ifname,
      target: this.path.target,
      kind: this.path.kind,
      seq: this.seq,
      ok,
      rtt_ms,
    });
  }
}

/** The watcher's I/O, all fake, with handles on what it made. */
export function fakeIo(clock = new FakeClock()) {
  const made = {
    clock,
    links: [] as FakeLinkSource[],
    probers: [] as FakeProber[],
    commands: [] as string[][],
  };
  const io: WatcherIo = {
    clock,
    run: (argv) => {
      made.commands.push(argv);
      return Promise.resolve("");
    },
    linkSource: (onMessage) => {
      const l = new FakeLinkSource(onMessage, clock);
      made.links.push(l);
      return l;
    },
    prober: (path, _intervalMs, cb) => {
      const p = new FakeProber(path, cb, clock);
      made.probers.push(p);
      return p;
    },
  };
  return { io, made };
}
