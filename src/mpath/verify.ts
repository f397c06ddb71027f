// After a move: does the target answer through the new member? With the native prober, one
// ICMP echo on a raw socket bound to the new member (no process); else, and for IPv6, one
// `ping -I DATA` from the data address itself. The reason names which one ran.
import type { run } from "../host/exec.js";
import type { ProberChoice } from "../runtime/prober.js";
import type { ProbeCallbacks, RunnerIo } from "./group-runner.js";
import { ipOf } from "./move-plan.js";
import { probeStarter } from "./probes.js";

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

/**
 * One native echo through `to`; its first result decides (lost after a second, as ping -W 1).
 * The socket is bound to the member, so the kernel picks the source address. IPv6 goes to
 * `fallback`.
 */
export function nativeCheck(probe: RunnerIo["probe"], fallback: PathCheck): PathCheck {
  return (address, to, target) => {
    if (target.includes(":") || address.includes(":")) return fallback(address, to, target);
    return new Promise((resolve) => {
      let done = false;
      let problem = "";
      let echo: { stop(): void } | null = null;
      const settle = (v: PathVerdict) => {
        if (done) return;
        done = true;
        echo?.stop();
        resolve(v);
      };
      const said = () => (problem ? `: ${problem}` : "");
      const cb: ProbeCallbacks = {
        result: (r) =>
          settle(
            r.ok
              ? {
                  ok: true,
                  reason: `${target} answered via ${to} in ${(r.rtt_ms ?? 0).toFixed(2)} ms (native echo)`,
                }
              : {
                  ok: false,
                  reason: `no answer from ${target} via ${to} within 1 s (native echo)${said()}`,
                },
          ),
        problem: (message) => {
          problem = message;
        },
      };
      try {
        echo = probe(to, target, 1000, cb);
      } catch (err) {
        // A path the prober refuses (a bad name): the check failed, the daemon goes on.
        settle({
          ok: false,
          reason: `no check via ${to} (native echo): ${(err as Error).message}`,
        });
      }
      if (done) echo?.stop();
    });
  };
}

/** The check for the prober that runs: native echo where it can, ping otherwise. */
export function pathCheck(choice: ProberChoice, runArgv: typeof run): PathCheck {
  const ping = pingCheck(runArgv);
  if (choice.kind !== "native") return ping;
  return nativeCheck(probeStarter(choice), ping);
}
