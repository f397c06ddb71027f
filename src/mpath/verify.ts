// After a move: does the target answer the data address through the new member? One
// `ping -I DATA` from the data address itself, so the answer also proves the address's own
// routing (its rule and table now point at the new member). The native prober's echo is not
// used here: its socket is bound to the member and the kernel picks the member's own address
// as the source, which would pass with the data address's routes still wrong. The check runs
// after the move, off the outage's path, so the process start costs the client nothing.
import type { run } from "../host/exec.js";
import { ipOf } from "./move-plan.js";

interface PathVerdict {
  ok: boolean;
  reason: string;
}

/** Checks the path of `address`, now on member `to`, to `target`. */
export type PathCheck = (address: string, to: string, target: string) => Promise<PathVerdict>;

/** One `ping` from the data address, waiting a second for the answer. */
export function pingCheck(runArgv: typeof run): PathCheck {
  return async (address, to, target) => {
    const ip = ipOf(address);
    try {
      await runArgv(["ping", "-n", "-c", "1", "-W", "1", "-I", ip, target], { timeoutMs: 3000 });
      return { ok: true, reason: `${target} answered ${ip} via ${to} (ping)` };
    } catch (err) {
      return {
        ok: false,
        reason: `no answer from ${target} to ${ip} via ${to} (ping): ${(err as Error).message.split("\n")[0]}`,
      };
    }
  };
}
