// A long-lived `ip -batch -` in one namespace: a fault lands about 1 ms after it is written,
// where starting an `ip` process per change costs 8-20 ms. Used where the instant of a fault is
// measured (detection latency). `ip -force` keeps going after a failing line.
import { type ChildProcess, spawn } from "node:child_process";

export class IpBatch {
  private readonly child: ChildProcess;

  /** `tool` is "ip" or "bridge" (both take -n, -force and -batch). */
  constructor(
    readonly ns: string,
    tool: "ip" | "bridge" = "ip",
  ) {
    this.child = spawn(tool, ["-n", ns, "-force", "-batch", "-"], {
      stdio: ["pipe", "ignore", "ignore"],
    });
    this.child.on("error", () => undefined);
  }

  /** Sends one command (the arguments after `ip`); validated names only, one line each. */
  send(args: string[]): void {
    if (args.some((a) => /[\s\n"'\\]/.test(a)))
      throw new Error(`ip batch: unsafe argument in ${args.join(" ")}`);
    this.child.stdin?.write(`${args.join(" ")}\n`);
  }

  close(): void {
    this.child.stdin?.end();
  }
}
