// A long-lived `ip -force -batch -` (or `bridge`): one write per change instead of a process
// start (5-20 ms here). Every batch resolves with exactly its own failures (see
// batch-ledger.ts); when the tool dies or stops answering, every batch still waiting fails
// with a CommandError, and the next batch starts a new tool.
import { type ChildProcess, spawn } from "node:child_process";
import { BatchLedger, type BatchResult } from "./batch-ledger.js";
import { CommandError } from "./exec.js";

export type { BatchResult } from "./batch-ledger.js";

const SAFE = /^[a-zA-Z0-9_.:/-]+$/;

interface Waiter {
  resolve: (r: BatchResult) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export class BatchSession {
  private child: ChildProcess | null = null;
  private ledger: BatchLedger | null = null;
  private readonly waiters = new Map<number, Waiter>();
  private stderrTail = "";

  /**
   * `argv`: the tool started with `-force -batch -` (e.g. ["ip", "-n", ns, "-force", "-batch",
   * "-"]); `stdoutMarker`: false for `bridge` (see BatchLedger).
   */
  constructor(
    private readonly argv: readonly string[],
    private readonly stdoutMarker = true,
  ) {
    // Started now, so the first change is one write away (a fault's instant is measured).
    this.started();
  }

  /** Runs the commands (arguments after the tool name) in order; resolves with their failures. */
  exec(commands: string[][], timeoutMs = 2000): Promise<BatchResult> {
    for (const c of commands) {
      const bad = c.find((a) => !SAFE.test(a) || (this.stdoutMarker && a === "lo"));
      if (bad !== undefined || c.length === 0)
        return Promise.reject(
          new Error(`batch: unsafe argument ${JSON.stringify(bad ?? "")} in ${c.join(" ")}`),
        );
    }
    const { child, ledger } = this.started();
    const { id, text } = ledger.add(commands);
    return new Promise<BatchResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(id);
        reject(
          new CommandError(
            [...this.argv, ...(commands[0] ?? [])],
            "ETIMEDOUT",
            `the batch did not answer within ${timeoutMs} ms`,
          ),
        );
        // Its answer may still come, or never: start afresh rather than guess.
        this.stop(child, "the session was restarted after a batch timed out");
      }, timeoutMs);
      this.waiters.set(id, { resolve, reject, timer });
      child.stdin?.write(text);
    });
  }

  close(): void {
    const child = this.child;
    this.child = null;
    this.ledger = null;
    child?.stdin?.end();
  }

  private started(): { child: ChildProcess; ledger: BatchLedger } {
    if (this.child && this.ledger) return { child: this.child, ledger: this.ledger };
    const [file, ...args] = this.argv;
    const child = spawn(file as string, args, { stdio: ["pipe", "pipe", "pipe"] });
    const ledger = new BatchLedger(this.stdoutMarker);
    this.child = child;
    this.ledger = ledger;
    this.stderrTail = "";
    child.stdout?.setEncoding("utf8");
    child.stderr?.setEncoding("utf8");
    child.stdout?.on("data", (d: string) => this.settle(ledger.stdout(d)));
    child.stderr?.on("data", (d: string) => {
      this.stderrTail = (this.stderrTail + d).slice(-2000);
      this.settle(ledger.stderr(d));
    });
    child.stdin?.on("error", () => undefined);
    child.on("error", (err: NodeJS.ErrnoException) =>
      this.fail(child, ledger, err.code ?? null, err.message),
    );
    child.on("close", (code, signal) =>
      this.fail(child, ledger, code ?? signal, this.stderrTail || "it exited"),
    );
    return { child, ledger };
  }

  private settle(done: BatchResult[]): void {
    for (const r of done) {
      const w = this.waiters.get(r.id);
      if (!w) continue;
      this.waiters.delete(r.id);
      clearTimeout(w.timer);
      w.resolve(r);
    }
  }

  private stop(child: ChildProcess, why: string): void {
    if (this.child === child) {
      this.child = null;
      const ledger = this.ledger;
      this.ledger = null;
      if (ledger) this.fail(child, ledger, null, why);
    }
    child.kill("SIGKILL");
  }

  /** The tool is gone: every batch still waiting on it fails, naming its first command. */
  private fail(
    child: ChildProcess,
    ledger: BatchLedger,
    code: number | string | null,
    why: string,
  ): void {
    if (this.child === child) {
      this.child = null;
      this.ledger = null;
    }
    for (const r of ledger.abandon()) {
      const w = this.waiters.get(r.id);
      if (!w) continue;
      this.waiters.delete(r.id);
      clearTimeout(w.timer);
      const said = [...r.failures.flatMap((f) => f.messages), ...r.notes].join("\n");
      w.reject(new CommandError([...this.argv, ...(r.commands[0] ?? [])], code, said || why));
    }
  }
}

/** The first failure of a batch as a CommandError (argv, "batch line N", stderr), or null. */
export function batchError(tool: string, r: BatchResult): CommandError | null {
  const f = r.failures[0];
  if (!f) return null;
  return new CommandError([tool, ...f.args], `batch line ${f.line}`, f.messages.join("\n"));
}
