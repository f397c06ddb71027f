// How a move's `ip` commands reach the kernel: one interface, two ways. Through the daemon's
// long-lived `ip -batch` session (about 1 ms a command), or, with no session running, each
// command as its own `ip` process (5-20 ms each here). Either way the commands run in the
// order given, a failed one does not stop the next (`ip -force`), and each failure comes back
// as a CommandError naming its argv, its code and what `ip` printed.
import { batchError } from "../host/batch-session.js";
import { CommandError, type run } from "../host/exec.js";
import type { IpSession } from "./fast-exec.js";

export interface IpTransport {
  /**
   * Runs the commands (full argv, "ip" first) one after another; resolves with the ones that
   * failed. Rejects only when the transport itself broke (the session died or hung).
   */
  exec(commands: string[][]): Promise<CommandError[]>;
}

/** What a move needs of the `ip -batch` session: running one batch (a fake in tests). */
export type IpBatch = Pick<IpSession, "exec">;

/** Through a running `ip -batch` session: one write for all the commands. */
export function batchTransport(session: IpBatch): IpTransport {
  return {
    async exec(commands) {
      const r = await session.exec(commands.map((argv) => argv.slice(1)));
      return r.failures.flatMap((f) => batchError("ip", { ...r, failures: [f] }) ?? []);
    },
  };
}

/** Each command as its own process (`run` from host/exec, or a fake in tests). */
export function oneShotTransport(runArgv: typeof run, timeoutMs = 2000): IpTransport {
  return {
    async exec(commands) {
      const failed: CommandError[] = [];
      for (const argv of commands) {
        try {
          await runArgv(argv, { timeoutMs });
        } catch (err) {
          failed.push(
            err instanceof CommandError
              ? err
              : new CommandError(argv, null, (err as Error).message, { cause: err }),
          );
        }
      }
      return failed;
    },
  };
}

/** The session while there is one, else one process per command. */
export function ipTransport(session: IpBatch | null, runArgv: typeof run): IpTransport {
  return session ? batchTransport(session) : oneShotTransport(runArgv);
}
