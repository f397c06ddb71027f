// A group's probes and the check after a move start paths through the prober that runs
// here (runtime/prober.ts: native raw sockets, or ping), ICMP echo through one member.
import { createProber, type ProberChoice } from "../runtime/prober.js";
import type { RunnerIo } from "./group-runner.js";

export function probeStarter(choice: ProberChoice): RunnerIo["probe"] {
  return (member, target, spacing_ms, cb) => {
    const p = createProber(choice, { ifname: member, target, kind: "icmp" }, spacing_ms, {
      result: (r) => cb.result(r),
      problem: (m) => cb.problem(m),
    });
    p.start();
    return p;
  };
}
