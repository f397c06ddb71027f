// `linkguard doctor`: read a root (live host, sosreport, snapshot; dir or tarball), run the
// rules, print text / JSON / Nagios, exit 0/1/2 (or 3 when it could not run).

import { type Command, InvalidArgumentError, Option } from "commander";
import { ConfigError, silencesOf } from "../config/config.js";
import { loadCheckedConfig } from "../config/load.js";
import { VERSION } from "../config/version.js";
import { type CapturedNeighbours, diagnoseRoot } from "../doctor/diagnose-root.js";
import { type DoctorReport, exitCodeFor, type Silence } from "../doctor/engine.js";
import { renderReportJson } from "../doctor/render/json.js";
import { nagiosText, renderReportNagios } from "../doctor/render/nagios.js";
import { renderReportText } from "../doctor/render/text.js";
import { RULES } from "../doctor/rules/index.js";
import { type OpenRootOptions, RootError } from "../host/read/open-root.js";
import { makeRunTemp, removeTree, sweepStaleRunTemps } from "../host/read/run-temp.js";
import { errnoText } from "../lib/errno-text.js";
import { planRoots } from "./fleet-roots.js";
import type { OutputFormat } from "./output-format.js";

export interface DoctorOptions {
  root: string;
  format: OutputFormat;
  config?: string;
  color: boolean;
  brief: boolean;
}

/**
 * diagnoseRoot for the main thread of a single-host run: a tarball unpacks into this run's
 * own temp dir, and SIGINT/SIGTERM end the tar in progress, remove that dir and exit
 * 130/143, so that an interrupted run leaves nothing behind.
 */
async function diagnoseRootInterruptible(
  given: string,
  silences: readonly Silence[],
  captured?: CapturedNeighbours,
): Promise<DoctorReport> {
  sweepStaleRunTemps();
  const runTmp = makeRunTemp("doctor");
  const abort = new AbortController();
  let opening: Promise<unknown> = Promise.resolve();
  const onSignal = (signal: NodeJS.Signals) => {
    abort.abort();
    // The tar ends on the abort; its temp dir is removed once it has.
    void opening.finally(() => {
      removeTree(runTmp);
      process.exit(signal === "SIGINT" ? 130 : 143);
    });
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    const options: OpenRootOptions = { signal: abort.signal, tmpRoot: runTmp };
    const run = diagnoseRoot(given, silences, options, captured);
    opening = run.catch(() => undefined);
    return await run.catch(async (err: unknown) => {
      if (abort.signal.aborted) await new Promise(() => {}); // the handler exits
      throw err;
    });
  } finally {
    if (!abort.signal.aborted) {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
    removeTree(runTmp);
  }
}

export function renderReport(
  report: DoctorReport,
  options: Pick<DoctorOptions, "format" | "color" | "brief">,
): string {
  if (options.format === "json") return renderReportJson(report, VERSION);
  if (options.format === "nagios") return renderReportNagios(report);
  return renderReportText(report, { color: options.color, brief: options.brief });
}

function collectRoots(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function parseJobs(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 16)
    throw new InvalidArgumentError("a whole number from 1 to 16");
  return n;
}

class PcapError extends Error {
  override name = "PcapError";
}

async function capturedNeighbours(args: string[]) {
  const { parsePcapArg, readPcapNeighbours } = await import("./doctor-pcap.js");
  const unseen: string[] = [];
  try {
    return { neighbours: await readPcapNeighbours(args.map(parsePcapArg), unseen), unseen };
  } catch (err) {
    const path = (err as NodeJS.ErrnoException).path;
    throw new PcapError(`--pcap${path ? ` ${path}` : ""}: ${errnoText(err)}`, { cause: err });
  }
}

function useColor(flag: boolean): boolean {
  return (
    flag && process.stdout.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== "dumb"
  );
}

export function registerDoctor(program: Command): void {
  program
    .command("doctor")
    .description("diagnose bonds, teams, IPMP groups and DSR addresses, with evidence and fixes")
    .option(
      "-r, --root <dir|tarball>",
      "host root: / (live, the default), a sosreport or snapshot dir, or its .tar.xz/.tar.gz; " +
        "repeat it, or give a directory of them, for the fleet table",
      collectRoots,
    )
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["text", "json", "nagios"])
        .default("text"),
    )
    .option("--json", "same as --format json")
    .option(
      "-c, --config <file>",
      "config file with rules to silence (default /etc/linkguard/linkguard.yaml if present)",
    )
    .option("--brief", "one line per finding, no explanations or fixes", false)
    .option("--no-color", "never colour the text output")
    .option(
      "-j, --jobs <n>",
      "fleet: roots read at once, 1-16 (default: one less than the CPUs, at most 3)",
      parseJobs,
    )
    .option(
      "--pcap <[ifname=]file>",
      "a capture with the switches' LLDP/CDP frames: who is on the other end of each NIC " +
        "(IFNAME= when the capture names no interface); repeat it, one per NIC",
      collectRoots,
    )
    .option(
      "--list-rules",
      "list every rule id with its severity and title and exit (--json: as JSON)",
    )
    .addHelpText(
      "after",
      `
What it reads (relative to --root): /proc/net/bonding/*, /sys/class/net/*, /proc/sys/net,
ifcfg-*, NetworkManager keyfiles, netplan, systemd-networkd, /etc/network/interfaces,
Solaris /etc/hostname.<if>, FRR/Quagga/BIRD config files, and command output (ip -d -j
address, ip -j route, ethtool -i, teamdctl state dump, ps -e -o comm=, lldpcli show
neighbors details) run live or read from sos_commands/ in a sosreport. Who is on the other
end of each NIC (LLDP/CDP): the watcher's table /run/linkguard/neighbours.jsonl, lldpd, or
a capture given with --pcap.

Exit codes: 0 healthy (info only), 1 warnings, 2 critical, 3 could not run.

Many hosts: repeat --root, or give a directory whose entries are sosreports, snapshots or
tarballs (a directory with proc/, sys/, etc/, sos_commands/ or linkguard-snapshot.json is
one host; otherwise its entries are read, one level deep). The text output is a table,
one row per host and one column per rule that fired anywhere (C critical, W warning,
i info, · none). Exit code: 2 if any host is critical, else 3 if any root could not be
read, else 1 if any has warnings, else 0.

Silencing a rule for one subject (config file):
  doctor:
    silence:
      - { rule: bond-single-slave, subject: bond9, reason: "lab box, one NIC" }

Examples:
  linkguard doctor
  linkguard doctor --root ./sosreport-web01-2026-11-20.tar.xz
  linkguard doctor --root snap/ --json | jq '.findings[] | .rule'
  linkguard doctor --format nagios     # for NRPE / Icinga checks
  linkguard doctor --pcap eno1=eno1.pcap --pcap eno2=eno2.pcap   # which switch port is each NIC on
  linkguard doctor --root sos/web01.tar.xz --root sos/web02.tar.xz
  linkguard doctor --root tickets/4711/ --brief   # every sosreport in the folder
  linkguard doctor --root tickets/4711/ --json | jq '.hosts[] | select(.status != "ok") | .root'`,
    )
    .action(
      async (opts: {
        root?: string[];
        jobs?: number;
        format: OutputFormat;
        json?: boolean;
        config?: string;
        brief: boolean;
        color: boolean;
        listRules?: boolean;
        pcap?: string[];
      }) => {
        const format: OutputFormat = opts.json ? "json" : opts.format;
        if (opts.listRules) {
          if (format === "json") {
            const rules = RULES.map((r) => ({ id: r.id, severity: r.severity, title: r.title }));
            process.stdout.write(`${JSON.stringify(rules, null, 2)}\n`);
          } else
            for (const r of RULES)
              process.stdout.write(`${r.id.padEnd(28)} ${r.severity.padEnd(8)} ${r.title}\n`);
          return;
        }
        const plan = planRoots(opts.root ?? ["/"]);
        if (plan.fleet && opts.pcap) {
          process.stderr.write("linkguard doctor: --pcap goes with one --root, not a fleet\n");
          process.exitCode = 3;
          return;
        }
        if (plan.fleet) {
          // Loaded only for a fleet: a single-host run does not pay for it.
          const { defaultJobs, runFleet } = await import("./doctor-fleet.js");
          const fleetOptions = {
            format,
            brief: opts.brief,
            color: useColor(opts.color),
            jobs: opts.jobs ?? defaultJobs(),
          };
          await runFleet(
            plan.roots,
            opts.config === undefined ? fleetOptions : { ...fleetOptions, config: opts.config },
          );
          return;
        }
        const root = plan.roots[0]?.root ?? "/";
        let report: DoctorReport;
        try {
          const { config } = await loadCheckedConfig(opts.config);
          const captured = opts.pcap ? await capturedNeighbours(opts.pcap) : undefined;
          report = await diagnoseRootInterruptible(root, silencesOf(config), captured);
        } catch (err) {
          if (err instanceof RootError || err instanceof ConfigError || err instanceof PcapError) {
            if (format === "nagios")
              process.stdout.write(`LINKGUARD UNKNOWN - ${nagiosText(err.message)}\n`);
            else process.stderr.write(`linkguard doctor: ${err.message}\n`);
            process.exitCode = 3;
            return;
          }
          throw err;
        }
        process.stdout.write(
          renderReport(report, { format, color: useColor(opts.color), brief: opts.brief }),
        );
        process.exitCode = exitCodeFor(report.status);
      },
    );
}
