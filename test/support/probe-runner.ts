// Runs probers for a while and prints what they report, one JSON line each: the prober
// contract test starts it inside a lab namespace (raw sockets and ping must run there).
//   node probe-runner.js '{"prober":"native"|"ping","ms":3000,"paths":[{ifname,target,kind,interval}]}'
import { chooseProber, createProber, type ProbePath } from "../../src/runtime/prober.js";

interface RunnerArgs {
  prober: "native" | "ping";
  ms: number;
  paths: (ProbePath & { interval: number })[];
}

const args = JSON.parse(process.argv[2] ?? "{}") as RunnerArgs;
const choice = chooseProber(args.prober);
const say = (x: unknown) => process.stdout.write(`${JSON.stringify(x)}\n`);
say({ type: "prober", kind: choice.kind, reason: choice.reason });
const probers = args.paths.map((p) =>
  createProber(choice, { ifname: p.ifname, target: p.target, kind: p.kind }, p.interval, {
    result: (r) => say({ type: "result", interval: p.interval, ...r }),
    arpReply: (t_ms, ifname, target, mac) => say({ type: "arp", t_ms, ifname, target, mac }),
    problem: (message) => say({ type: "problem", message }),
  }),
);
for (const p of probers) p.start();
setTimeout(() => {
  for (const p of probers) p.stop();
  // ping children exit on SIGTERM; nothing else keeps the process.
  setTimeout(() => process.exit(0), 100);
}, args.ms);
