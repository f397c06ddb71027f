// `linkguard pcap`: flags and help; the reader and analyses load when a pcap verb runs.
import type { Command } from "commander";
import type { CommonOptions } from "../pcap/cli-run.js";

const load = () => import("../pcap/cli-run.js");

function positive(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0)
      throw new Error(`${name} must be a positive number, not "${v}"`);
    return n;
  };
}

export function registerPcap(program: Command): void {
  const pcap = program
    .command("pcap")
    .description("analyse a capture: pcap or pcapng, gzip-compressed or not, - for stdin")
    .addHelpText(
      "after",
      `
Examples:
  linkguard pcap summary bond0.pcapng
  tcpdump -i any -w - | linkguard pcap lacp -
  linkguard pcap arp incident.pcap.gz --json

Exit codes: 0 read to the end, 1 truncated or corrupt capture (earlier frames are reported),
3 could not run (no such file, not a capture, bad option).`,
    );
  const sub = (name: string, description: string) =>
    pcap
      .command(`${name} <file>`)
      .description(description)
      .option("--json", "machine-readable output (keys in docs/pcap.md)")
      .option("--progress", "progress bar on stderr even with --json or for small files")
      .option("--no-progress", "never show a progress bar")
      .option(
        "--workers <n>",
        "worker threads for a big classic pcap file (64 MiB and more), a region each; 1: one pass (default: native threads, one per CPU, when the native scan is built; see docs/pcap.md)",
        positive("--workers"),
      );

  sub(
    "summary",
    "packets, bytes, rates per second, ethertypes, protocols, top talkers, errors; headlines of every analysis",
  )
    .option("--top <n>", "rows in each top-talkers list", positive("--top"), 10)
    .action((file: string, o: CommonOptions & { top: number }) =>
      load().then((m) => m.run(file, o, { name: "summary", top: o.top }, m.TEXT.summary)),
    );

  sub("lacp", "LACPDU timeline per port: states, intervals, gaps, partner changes, split partners")
    .option("--timeline", "list every PDU of each port")
    .option(
      "--gap-factor <n>",
      "a gap is longer than n expected intervals",
      positive("--gap-factor"),
      3,
    )
    .action((file: string, o: CommonOptions & { timeline?: boolean; gapFactor: number }) =>
      load().then((m) =>
        m.run(file, o, { name: "lacp", gapFactor: o.gapFactor }, m.TEXT.lacp(o.timeline === true)),
      ),
    );

  sub(
    "arp",
    "ARP and neighbour discovery: gratuitous announcements, moves, conflicts, unanswered requests",
  )
    .option(
      "--conflict-window <s>",
      "owner changes closer than this are a conflict",
      positive("--conflict-window"),
      60,
    )
    .action((file: string, o: CommonOptions & { conflictWindow: number }) =>
      load().then((m) =>
        m.run(file, o, { name: "arp", conflictWindow: o.conflictWindow }, m.TEXT.arp),
      ),
    );

  sub("storms", "seconds far over the baseline rate, the frame repeated in them, loop or not")
    .option(
      "--min-pps <n>",
      "a storm second has at least this many packets",
      positive("--min-pps"),
      1000,
    )
    .option("--factor <x>", "... and this many times the median rate", positive("--factor"), 10)
    .action((file: string, o: CommonOptions & { minPps: number; factor: number }) =>
      load().then((m) =>
        m.run(file, o, { name: "storms", minPps: o.minPps, factor: o.factor }, m.TEXT.storms),
      ),
    );

  sub(
    "neighbors",
    "LLDP and CDP neighbours per capture interface: switch, port, VLAN, aggregation",
  ).action((file: string, o: CommonOptions) =>
    load().then((m) => m.run(file, o, { name: "neighbors" }, m.TEXT.neighbors)),
  );
}
