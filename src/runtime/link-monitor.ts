// Kernel link and address notifications, the instant way: the native prober's rtnetlink
// socket where its addon loads (no process), else a long-lived `ip -o monitor link
// address` (netlink underneath), restarted with back-off if it dies. Never fatal.
import { type ChildProcess, spawn } from "node:child_process";
import { onLines } from "./lines.js";
import { type MonitorMessage, parseMonitorLine } from "./parse/ip-monitor.js";
import { decodeRtnetlink } from "./parse/rtnetlink.js";
import {
  chooseLinkEvents,
  type LinkEventsChoice,
  type NativeProberAddon,
  type NativeSocket,
} from "./probe/native-addon.js";

export class LinkMonitor {
  private child: ChildProcess | null = null;
  private netlink: NetlinkMonitor | null = null;
  private stopped = false;
  private restartMs = 200;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly onMessage: (m: MonitorMessage, t_ms: number) => void,
    private readonly onProblem: (message: string) => void = () => undefined,
    private readonly choice: LinkEventsChoice = chooseLinkEvents(),
  ) {}

  /** Resolves once no change can be missed any more (socket open, or monitor running). */
  start(): Promise<void> {
    this.stopped = false;
    if (this.choice.kind === "netlink") {
      const netlink = new NetlinkMonitor(this.choice.addon, this.onMessage, this.onProblem);
      try {
        netlink.start();
        this.netlink = netlink;
        return Promise.resolve();
      } catch (err) {
        this.onProblem(`rtnetlink socket: ${(err as Error).message}; using ip monitor`);
      }
    }
    return new Promise((resolve) => this.spawnChild(resolve));
  }

  private spawnChild(ready?: () => void): void {
    const child = spawn("ip", ["-o", "monitor", "link", "address"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    child.once("spawn", () => ready?.());
    child.on("error", (err) => {
      this.onProblem(`ip monitor: ${err.message}`);
      ready?.();
    });
    onLines(child.stdout, (line) => {
      this.restartMs = 200;
      this.onMessage(parseMonitorLine(line), Date.now());
    });
    child.on("exit", (code, signal) => {
      this.child = null;
      if (this.stopped) return;
      this.onProblem(`ip monitor exited (${signal ?? code}); restarting`);
      this.timer = setTimeout(() => this.spawnChild(), this.restartMs);
      this.restartMs = Math.min(this.restartMs * 2, 10_000);
    });
  }

  stop(): void {
    this.stopped = true;
    this.netlink?.stop();
    this.netlink = null;
    if (this.timer) clearTimeout(this.timer);
    this.child?.kill("SIGTERM");
    this.child = null;
  }
}

/** The rtnetlink socket (groups link, IPv4 and IPv6 addresses, the ones `ip monitor link
 * address` joins), each message as `ip monitor` would print it (parse/rtnetlink.ts). */
class NetlinkMonitor {
  private socket: NativeSocket | null = null;
  /** Names of links seen, for messages about an interface already gone. */
  private readonly names = new Map<number, string>();

  constructor(
    private readonly addon: NativeProberAddon,
    private readonly onMessage: (m: MonitorMessage, t_ms: number) => void,
    private readonly onProblem: (message: string) => void,
  ) {}

  /** Opens the socket (throws when it cannot); every change after this is heard. */
  start(): void {
    this.socket = this.addon.openLinkEvents((b, t) => this.onDatagram(b, t));
  }

  stop(): void {
    if (this.socket) this.addon.close(this.socket);
    this.socket = null;
  }

  private onDatagram(b: Buffer, t_ms: number): void {
    if (b.length === 0) {
      this.onProblem("rtnetlink: the kernel dropped link or address events (receive buffer full)");
      this.onMessage({ type: "overflow" }, Math.round(t_ms));
      return;
    }
    const nameOf = (index: number) =>
      this.addon.interfaceName(index) ?? this.names.get(index) ?? null;
    for (const m of decodeRtnetlink(b, nameOf)) {
      if (m.type === "link") {
        if (m.deleted) this.names.delete(m.index);
        else this.names.set(m.index, m.ifname);
      }
      this.onMessage(m, Math.round(t_ms));
    }
  }
}
