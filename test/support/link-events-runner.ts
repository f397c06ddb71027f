// Listens to kernel link and address events for a while and prints each, one JSON line: the
// link-events test starts it inside a lab namespace. LINKGUARD_PROBER picks the source as in
// the daemons (ping: `ip monitor`; else the native prober's rtnetlink socket where it loads).
//   node link-events-runner.js MS [BUSY_MS]   (BUSY_MS: keep the loop busy that long once
//   listening, so the kernel's messages pile up in the socket)
import { LinkMonitor } from "../../src/runtime/link-monitor.js";
import { chooseLinkEvents } from "../../src/runtime/probe/native-addon.js";

const ms = Number(process.argv[2] ?? 2000);
const say = (x: unknown) => process.stdout.write(`${JSON.stringify(x)}\n`);
const choice = chooseLinkEvents();
say({ type: "source", kind: choice.kind, reason: choice.reason });
const monitor = new LinkMonitor(
  (m, t_ms) => say({ ...m, t_ms }),
  (message) => say({ type: "problem", message }),
  choice,
);
await monitor.start();
say({ type: "ready", t_ms: Date.now() });
const busyUntil = Date.now() + Number(process.argv[3] ?? 0);
while (Date.now() < busyUntil) {
  // Nothing is read meanwhile.
}
setTimeout(() => {
  monitor.stop();
  // An ip monitor child exits on SIGTERM; nothing else keeps the process.
  setTimeout(() => process.exit(0), 100);
}, ms);
