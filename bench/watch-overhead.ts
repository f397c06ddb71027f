// bench/watch-overhead: 64 lab interfaces sampled every 100 ms and 8 probe paths every 100 ms,
// for BENCH_SECONDS (default 60): CPU (% of one core) and RSS of the watcher and its probers,
// with the native prober and with the ping fallback (LINKGUARD_PROBER=ping).
// Target: under 3 % of one core and under 100 MB. The peer, measured in the same run on the
// same lab: the incident-004 shell approach, a loop that reads sysfs with cat and runs
// `ping -c1` per member every interval (the script is printed below).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { labDown, labUp } from "../src/lab/lab.js";
import type { HostInterfaceSpec, TopologySpec } from "../src/lab/topology.js";
import { treeCpuSeconds, treeRssMb } from "./support/proc-tree.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const IFACES = 64;
const MEMBERS = 8;
const CLI = fileURLToPath(new URL("../src/cli/main.js", import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

if (process.getuid?.() !== 0) {
  console.log("bench/watch-overhead: skipped (needs root for network namespaces)");
  process.exit(0);
}

const interfaces: HostInterfaceSpec[] = Array.from({ length: IFACES }, (_, i) => ({
  name: `eth${i}`,
  switch: "sw",
  ...(i < MEMBERS && { addresses: [`10.77.0.${10 + i}/24`] }),
}));
const topology: TopologySpec = {
  name: "wide",
  description: `${IFACES} interfaces on one switch, ${MEMBERS} with addresses`,
  switches: ["sw"],
  hosts: [
    {
      name: "server",
      interfaces,
      sysctls: { "net.ipv4.conf.all.arp_ignore": "1", "net.ipv4.conf.all.arp_announce": "2" },
    },
    { name: "gw", interfaces: [{ name: "eth0", addresses: ["10.77.0.1/24"], switch: "sw" }] },
  ],
};

const members = Array.from({ length: MEMBERS }, (_, i) => `eth${i}`);
const SHELL = `while :; do
  for d in /sys/class/net/eth*; do
    echo "$(cat $d/carrier),$(cat $d/operstate),$(cat $d/carrier_changes)"
  done > /dev/null
  for m in ${members.join(" ")}; do ping -c1 -W1 -I $m 10.77.0.1 > /dev/null; done
  sleep 0.1
done`;

async function measure(label: string, argv: string[]): Promise<{ cpu: number; rss: number }> {
  const child = spawn(argv[0] as string, argv.slice(1), { stdio: "ignore" });
  const pid = child.pid as number;
  await sleep(2000); // start-up is not steady state
  const cpu0 = treeCpuSeconds(pid);
  const t0 = performance.now();
  let rss = 0;
  for (let s = 0; s < SECONDS; s += 5) {
    await sleep(Math.min(5, SECONDS - s) * 1000);
    rss = Math.max(rss, treeRssMb(pid));
  }
  const cpu = ((treeCpuSeconds(pid) - cpu0) / ((performance.now() - t0) / 1000)) * 100;
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  console.log(
    `${label.padEnd(34)} CPU ${cpu.toFixed(2)} % of one core, RSS max ${rss.toFixed(1)} MB`,
  );
  return { cpu, rss };
}

const lab = await labUp(topology);
try {
  const ns = lab.ns("server");
  await sleep(1000);
  // As packaging/linkguard-watch.service runs it: a 1 MB young generation keeps RSS down.
  // Both probers: native (raw sockets, no process per path) and the ping fallback.
  const ours: { cpu: number; rss: number }[] = [];
  for (const prober of ["native", "ping"]) {
    process.env.LINKGUARD_PROBER = prober;
    ours.push(
      await measure(`linkguard watch (${prober} prober)`, [
        "ip",
        "netns",
        "exec",
        ns,
        process.execPath,
        "--max-semi-space-size=1",
        CLI,
        "watch",
        "--config",
        "/dev/null",
        "--interval",
        "100",
        "--probe-interval",
        "100",
        "--no-store",
        "--metrics",
        "off",
        "--jsonl",
        "/dev/null",
        "--no-auto-gateway",
        "-t",
        "10.77.0.1",
      ]),
    );
  }
  const shell = await measure("shell loop (incident 004 approach)", [
    "ip",
    "netns",
    "exec",
    ns,
    "bash",
    "-c",
    SHELL,
  ]);
  console.log(
    `${IFACES} interfaces every 100 ms, ${MEMBERS} probe paths every 100 ms, ${SECONDS} s each; targets: < 3 % CPU, < 100 MB`,
  );
  console.log(
    `ratio: the shell loop uses ${(shell.cpu / (ours[0] as { cpu: number }).cpu).toFixed(1)}x the CPU of linkguard watch (native), ${(shell.cpu / (ours[1] as { cpu: number }).cpu).toFixed(1)}x (ping)`,
  );
  console.log(
    `peer command (in the lab's server namespace): bash -c '${SHELL.replace(/\n\s*/g, " ")}'`,
  );
} finally {
  await labDown(lab.id);
}
