// `linkguard watch`: flags and help only; the daemon (and its dependencies) load on use, so
// other verbs start fast.
import type { Command } from "commander";
import type { WatchFlags } from "../watch/watch-flags.js";
import { durationArg } from "./option-values.js";

const collect = (v: string, prev: string[]) => [...prev, ...v.split(",").filter(Boolean)];

export function registerWatch(program: Command): void {
  program
    .command("watch")
    .description("watch links and paths all the time; record events and incidents in order")
    .option(
      "-c, --config <file>",
      "YAML config (default /etc/linkguard/linkguard.yaml, if present)",
    )
    .option(
      "-i, --interface <ifs>",
      "watch only these interfaces (repeat or comma-separate)",
      collect,
      [],
    )
    .option(
      "--interval <time>",
      "sampling interval of sysfs and /proc, 50ms-60s (a bare number is ms; default 1000)",
      durationArg({ option: "--interval", bareUnit: "ms", minMs: 50, maxMs: 60_000 }),
    )
    .option(
      "--probe-interval <time>",
      "probe interval per path, 20ms-60s (a bare number is ms; default 1000)",
      durationArg({ option: "--probe-interval", bareUnit: "ms", minMs: 20, maxMs: 60_000 }),
    )
    .option(
      "-t, --target <ip>",
      "ICMP probe target (repeatable); the default gateway is added",
      collect,
      [],
    )
    .option(
      "--arp-target <ip>",
      "ARP probe target (repeatable; whole seconds only with the arping fallback)",
      collect,
      [],
    )
    .option("--no-auto-gateway", "do not probe the default gateway")
    .option("--db <path>", "SQLite store (default /var/lib/linkguard/linkguard.db)")
    .option("--no-store", "keep no history")
    .option("--jsonl <path>", 'events as JSON lines to a file, or "-" for standard output')
    .option("--syslog <host:port[/tcp]>", "send events as RFC 5424 syslog (UDP unless /tcp)")
    .option("--webhook <url>", "POST every event as JSON to this URL (retries with back-off)")
    .option(
      "--capture <ifs>",
      "keep the last seconds of these interfaces' traffic; written to a pcap when an incident opens",
      collect,
      [],
    )
    .option("--capture-dir <dir>", "capture files (default /var/lib/linkguard/captures)")
    .option(
      "--metrics <host:port|off>",
      "Prometheus /metrics listen address (default 127.0.0.1:9469)",
    )
    .option(
      "--serve <host:port|off>",
      "the dashboard's listen address (default serve.listen, 127.0.0.1:9470; off: none)",
    )
    .option(
      "--lldp <file|off>",
      "keep the LLDP/CDP neighbour table in this file (default lldp.state_file, " +
        "/run/linkguard/neighbours.jsonl); off: do not listen for neighbours",
    )
    .option("--once", "print one sample of every interface as JSON and exit")
    .option(
      "--duration <time>",
      "stop after this long: 10s, 5m, 2h (a bare number is seconds; default: until SIGINT/SIGTERM)",
      durationArg({ option: "--duration", bareUnit: "s", minMs: 1, maxMs: 366 * 86_400_000 }),
    )
    .option("--host <name>", "host name in events (default: this host's name)")
    .addHelpText(
      "after",
      `
Events: link-down, link-up, carrier-flap, probe-loss, probe-recovered, rtt-spike, traffic-stall,
pps-storm, error-burst, active-slave-changed, lacp-partner-lost, lacp-churn, lacp-state-changed,
lacpdu-stall, tx-stall, neighbour-changed, neighbour-lost, address-moved, address-conflict.
See docs/watch.md.

Examples:
  linkguard watch                                 everything from the config file
  linkguard watch -i eth0,eth1 --probe-interval 100 --jsonl -
  linkguard watch --syslog logs.example.net:514/tcp --metrics 127.0.0.1:9469
  linkguard watch --serve off                     no dashboard (see linkguard serve --help)
  linkguard watch --once -i eth0                  one sample, as JSON`,
    )
    .action(async (flags: WatchFlags) => {
      const { webDashboard } = await import("./watch-dashboard.js");
      const dashboard = webDashboard(flags.serve);
      await (await import("../watch/daemon.js")).runWatch(flags, { dashboard });
    });
}
