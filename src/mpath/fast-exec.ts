// Starting a process from node costs 5-20 ms here, more than a whole failover should take.
// Two ways around it for the hot path of a move:
// - IpSession: one long-lived `ip -force -batch -` (line-buffered by stdbuf); after the
//   commands, a harmless `link show dev lo` whose output marks that the batch is done.
// - ArmedCommand: a command started in advance behind `sh -c 'read x && exec "$@"'`, so
//   firing it is one write and one exec; it re-arms itself after each use.
import { type ChildProcess, spawn } from "node:child_process";

const SAFE = /^[a-zA-Z0-9_.:/-]+$/;

export class IpSession {
  private readonly child: ChildProcess;
  private out = "";
  private err = "";
  private waiting: { resolve: (errors: string[]) => void; errLen: number } | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor() {
    this.child = spawn("stdbuf", ["-oL", "-eL", "ip", "-force", "-batch", "-"], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.child.on("error", () => undefined);
    this.child.stdout?.setEncoding("utf8");
    this.child.stderr?.setEncoding("utf8");
    this.child.stdout?.on("data", (d: string) => {
      this.out += d;
      if (this.waiting && /^\d+: lo: /m.test(this.out)) {
        const w = this.waiting;
        this.waiting = null;
        this.out = "";
        const errors = this.err
          .slice(w.errLen)
          .split("\n")
          .filter((l) => l.trim() !== "");
        w.resolve(errors);
      }
    });
    this.child.stderr?.on("data", (d: string) => {
      this.err = (this.err + d).slice(-8000);
    });
  }

  /** Runs the commands (arguments after `ip`) in order; resolves with the error lines, if any. */
  exec(commands: string[][], timeoutMs = 2000): Promise<string[]> {
    for (const c of commands)
      if (!c.every((a) => SAFE.test(a)))
        return Promise.reject(new Error(`ip: unsafe argument in ${c.join(" ")}`));
    const job = this.queue.then(
      () =>
        new Promise<string[]>((resolve, reject) => {
          const timer = setTimeout(() => {
            this.waiting = null;
            reject(new Error(`ip batch did not answer within ${timeoutMs} ms`));
          }, timeoutMs);
          this.out = "";
          this.waiting = {
            resolve: (e) => {
              clearTimeout(timer);
              resolve(e);
            },
            errLen: this.err.length,
          };
          this.child.stdin?.write(
            `${[...commands, ["link", "show", "dev", "lo"]].map((c) => c.join(" ")).join("\n")}\n`,
          );
        }),
    );
    this.queue = job.catch(() => undefined);
    return job;
  }

  close(): void {
    this.child.stdin?.end();
  }
}

export class ArmedCommand {
  private child: ChildProcess | null = null;
  private closed = false;

  constructor(private readonly argv: string[]) {
    this.arm();
  }

  private arm(): void {
    if (this.closed) return;
    this.child = spawn("sh", ["-c", 'read x && exec "$@"', "sh", ...this.argv], {
      stdio: ["pipe", "pipe", "ignore"],
    });
    this.child.on("error", () => undefined);
  }

  /** Runs the command now; resolves with its output when it ends. */
  fire(): Promise<string> {
    const child = this.child;
    if (!child) return Promise.resolve("");
    this.child = null;
    let out = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
    });
    const done = new Promise<string>((resolve) => child.once("exit", () => resolve(out)));
    child.stdin?.end("go\n");
    // Starting the next one blocks node for a fork: not now, while the move is under way.
    setTimeout(() => this.arm(), 200).unref();
    return done;
  }

  close(): void {
    this.closed = true;
    this.child?.kill("SIGTERM");
    this.child = null;
  }
}
