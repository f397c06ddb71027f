// `linkguard mpath`: IPMP-style multipathing for plain Linux interfaces (run, status).
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { loadCheckedConfig } from "../config/load.js";
import { type LinkNeighbour, neighbourLabel } from "../host/neighbour.js";
import { parseNeighboursJsonl } from "../host/parse/neighbours-jsonl.js";
import { errnoText } from "../lib/errno-text.js";
import type { MpathFlags } from "../mpath/daemon.js";
import type { MpathStatusFile } from "../mpath/status.js";
import { durationArg } from "./option-values.js";

const DEFAULT_STATUS = "/run/linkguard/mpath.json";
const WATCH_NEIGHBOURS = "/run/linkguard/neighbours.jsonl";

/**
 * Is the daemon's process there? EPERM means it is, owned by another user (root): a normal
 * user's `mpath status` must not call a running daemon's state old.
 */
export function pidAlive(pid: number, kill: (pid: number, signal: 0) => unknown): boolean {
  try {
    kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** --status-file, else the config's mpath.status_file, else the default. */
export function statusFileOf(given: string | undefined, mpath: unknown): string {
  if (given !== undefined) return given;
  const configured = (mpath as { status_file?: unknown } | undefined)?.status_file;
  return typeof configured === "string" && configured !== "" ? configured : DEFAULT_STATUS;
}

/** The watcher's live neighbours (expired ones left out); none when there is no file. */
function readNeighboursFile(path: string): LinkNeighbour[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return [];
  }
  return parseNeighboursJsonl(text, path, Date.now()).value;
}

/**
 * `cabling(ifname)`: the switch and port the member is cabled to ("sw-a Ethernet1/5"), from the
 * watcher's LLDP/CDP table; a NEIGHBOUR column appears when any member has one.
 */
export function renderMpathStatus(
  s: MpathStatusFile,
  now = Date.now(),
  cabling: (ifname: string) => string | undefined = () => undefined,
): string {
  const out: string[] = [];
  const age = ((now - s.updated_ms) / 1000).toFixed(1);
  out.push(
    `mpath daemon pid ${s.pid}${s.dry_run ? " (dry run)" : ""}, state from ${age} s ago${s.prober ? `, ${s.prober === "native" ? "native prober" : "ping/arping prober"}` : ""}`,
    "",
  );
  out.push("GROUP      STATE     FDT       PROBE    MEMBERS");
  for (const g of s.groups) {
    const members = g.members
      .map((m) =>
        m.state === "failed" ? `[${m.name}]` : m.state === "standby" ? `(${m.name})` : m.name,
      )
      .join(" ");
    out.push(
      `${g.name.padEnd(10)} ${g.state.padEnd(9)} ${`${(g.failure_detection_ms / 1000).toFixed(1)}s`.padEnd(9)} ${`${g.probe_interval_ms}ms`.padEnd(8)} ${members}`,
    );
  }
  const cabled = s.groups.some((g) => g.members.some((m) => cabling(m.name) !== undefined));
  out.push("", `INTERFACE  GROUP      STATE     LINK  PROBE${cabled ? "    NEIGHBOUR" : ""}`);
  for (const g of s.groups) {
    for (const m of g.members) {
      const link = m.link === null ? "?" : m.link ? "up" : "down";
      const where = cabled ? ` ${m.probes.padEnd(8)} ${cabling(m.name) ?? "-"}` : ` ${m.probes}`;
      out.push(
        `${m.name.padEnd(10)} ${g.name.padEnd(10)} ${m.state.padEnd(9)} ${link.padEnd(5)}${where}`,
      );
    }
  }
  out.push("", "ADDRESS              GROUP      ON         HOME");
  for (const g of s.groups)
    for (const a of g.addresses)
      out.push(`${a.address.padEnd(20)} ${g.name.padEnd(10)} ${a.member.padEnd(10)} ${a.home}`);
  out.push("", "TARGET           INTERFACE  SENT    LOST   RTT avg/dev");
  for (const p of s.probes) {
    const rtt =
      p.rtt_avg_ms === null ? "-" : `${p.rtt_avg_ms.toFixed(2)}/${p.rtt_dev_ms.toFixed(2)} ms`;
    out.push(
      `${p.target.padEnd(16)} ${p.member.padEnd(10)} ${String(p.sent).padEnd(7)} ${String(p.lost).padEnd(6)} ${rtt}`,
    );
  }
  return `${out.join("\n")}\n`;
}

export function registerMpath(program: Command): void {
  const mpath = program
    .command("mpath")
    .description("IPMP-style multipathing: data addresses move to a healthy member, like in.mpathd")
    .addHelpText(
      "after",
      `
Groups come from the config file (mpath.groups, see docs/mpath.md). A member fails when its
link drops or 5 probes in a row (sent every failure_detection_ms / 7) go unanswered; data
addresses move to the best healthy member (active before standby), are announced with
gratuitous ARP, and come back after 10 good probes when failback is on.

Examples:
  linkguard mpath run --dry-run       log what it would move, change nothing
  linkguard mpath run                 run the groups of /etc/linkguard/linkguard.yaml
  linkguard mpath status              groups, interfaces, addresses, probe targets
  linkguard mpath run --metrics 127.0.0.1:9471   /metrics for Prometheus (docs/metrics.md)
  linkguard mpath run --metrics off   no metrics port`,
    );
  mpath
    .command("run")
    .description("run the multipathing daemon in the foreground (events as JSON lines)")
    .option("-c, --config <file>", "YAML config (default /etc/linkguard/linkguard.yaml)")
    .option("--dry-run", "decide and log, but move nothing")
    .option(
      "--duration <time>",
      "stop after this long: 10s, 5m, 2h (a bare number is seconds)",
      durationArg({ option: "--duration", bareUnit: "s", minMs: 1, maxMs: 366 * 86_400_000 }),
    )
    .option(
      "--metrics <host:port|off>",
      "Prometheus /metrics listen address (default 127.0.0.1:9471; off to disable)",
    )
    .action(async (flags: MpathFlags) => (await import("../mpath/daemon.js")).runMpath(flags));
  mpath
    .command("status")
    .description("what the running daemon sees, like ipmpstat")
    .option(
      "-c, --config <file>",
      "YAML config (default /etc/linkguard/linkguard.yaml, if present)",
    )
    .option(
      "--status-file <path>",
      `the daemon's state file (default mpath.status_file of the config, ${DEFAULT_STATUS})`,
    )
    .option("--json", "print the state as JSON")
    .option(
      "--neighbours <path>",
      "the watcher's LLDP/CDP neighbour table, shown beside each member",
      WATCH_NEIGHBOURS,
    )
    .action(
      async (o: { config?: string; statusFile?: string; json?: boolean; neighbours: string }) => {
        const { config } = await loadCheckedConfig(o.config);
        const statusFile = statusFileOf(o.statusFile, config.mpath);
        let text: string;
        try {
          text = readFileSync(statusFile, "utf8");
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === "ENOENT")
            throw new Error(`no mpath state at ${statusFile}: is \`linkguard mpath run\` running?`);
          throw new Error(`cannot read ${statusFile}: ${errnoText(err)}`);
        }
        const s = JSON.parse(text) as MpathStatusFile;
        const alive = pidAlive(s.pid, (pid, signal) => process.kill(pid, signal));
        if (!alive)
          process.stderr.write(
            `linkguard mpath: the daemon (pid ${s.pid}) is not running: this state is old\n`,
          );
        const neighbours = readNeighboursFile(o.neighbours);
        const cabling = (ifname: string) => {
          const n =
            neighbours.find((x) => x.ifname === ifname && x.protocol === "lldp") ??
            neighbours.find((x) => x.ifname === ifname);
          return n === undefined ? undefined : neighbourLabel(n);
        };
        process.stdout.write(
          o.json
            ? `${JSON.stringify({ ...s, running: alive, neighbours }, null, 2)}\n`
            : renderMpathStatus(s, Date.now(), cabling),
        );
        if (!alive) process.exitCode = 1;
      },
    );
}
