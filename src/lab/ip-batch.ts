// A long-lived `ip -batch -` in one namespace: a fault lands about 1 ms after it is written,
// where starting an `ip` process per change costs 8-20 ms. Used where the instant of a fault is
// measured (detection latency). `ip -force` keeps going after a failing line, and each change
// resolves once the tool has done it, or fails with the tool's own words (a CommandError).
import { BatchSession, batchError } from "../host/batch-session.js";

export class IpBatch {
  private readonly session: BatchSession;

  /** `tool` is "ip" or "bridge" (both take -n, -force and -batch). */
  constructor(
    readonly ns: string,
    private readonly tool: "ip" | "bridge" = "ip",
    binary: string = tool,
  ) {
    this.session = new BatchSession([binary, "-n", ns, "-force", "-batch", "-"], tool === "ip");
  }

  /**
   * Sends one command (the arguments after `ip`; validated names only). It is written at once;
   * the promise settles when the tool has run it, rejecting with a CommandError if it failed.
   */
  async send(args: string[]): Promise<void> {
    const err = batchError(this.tool, await this.session.exec([args]));
    if (err) throw err;
  }

  close(): void {
    this.session.close();
  }
}
