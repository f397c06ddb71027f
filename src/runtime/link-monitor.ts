// Kernel link and address notifications, the instant way: a long-lived `ip -o monitor link
// address` (netlink underneath). Restarted with back-off if it dies; never fatal.
import { type ChildProcess, spawn } from "node:child_process";
import { onLines } from "./lines.js";
import { type MonitorMessage, parseMonitorLine } from "./parse/ip-monitor.js";

export class LinkMonitor {
  private child: ChildProcess | null = null;
  private stopped = false;
  private restartMs = 200;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly onMessage: (m: MonitorMessage, t_ms: number) => void,
    private readonly onProblem: (message: string) => void = () => undefined,
  ) {}

  /** Resolves once the monitor process is running (so no change is missed after it). */
  start(): Promise<void> {
    this.stopped = false;
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
    if (this.timer) clearTimeout(this.timer);
    this.child?.kill("SIGTERM");
    this.child = null;
  }
}
