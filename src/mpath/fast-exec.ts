// Starting a process from node costs 5-20 ms here, more than a whole failover should take.
// Two ways around it for the hot path of a move:
// - IpSession: one long-lived `ip -force -batch -` (line-buffered by stdbuf); after the
//   commands, a marker on stdout and one on stderr say which errors belong to the batch.
// - ArmedCommand: a command started in advance behind `sh -c 'read x && exec "$@"'`, so
//   firing it is one write and one exec; it re-arms itself after each use.
import { type ChildProcess, spawn } from "node:child_process";
import { BatchSession } from "../host/batch-session.js";

/** The argv of mpath's `ip` session; `ip` is looked up on PATH, like every other command. */
const IP_SESSION_ARGV = ["stdbuf", "-oL", "-eL", "ip", "-force", "-batch", "-"] as const;

/**
 * One `ip -batch` for the daemon's moves. Each batch resolves with exactly its own failures,
 * found by a marker on stdout and one on stderr (see host/batch-ledger.ts).
 */
export class IpSession extends BatchSession {
  constructor(argv: readonly string[] = IP_SESSION_ARGV) {
    super(argv);
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
