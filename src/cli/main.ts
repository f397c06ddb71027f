#!/usr/bin/env node
// linkguard: the CLI is the table of contents. Each verb lives in its own file.
import { Command } from "commander";
import { VERSION } from "../config/version.js";
import { failureOutcome, quietOnClosedPipe, wantsNagios } from "./usage.js";

type Register = (program: Command) => void;

/**
 * Every verb, in the order `--help` lists them. Only the verb being run is loaded (each pulls
 * its own dependencies): a doctor run does not pay for the watcher, the lab or the pcap
 * reader. `--help` and unknown input load them all.
 */
const VERBS: Record<string, () => Promise<Register>> = {
  doctor: async () => (await import("./doctor.js")).registerDoctor,
  snapshot: async () => (await import("./snapshot.js")).registerSnapshot,
  demo: async () => (await import("./demo.js")).registerDemo,
  watch: async () => (await import("./watch.js")).registerWatch,
  events: async () => (await import("./events.js")).registerEvents,
  incidents: async () => (await import("./incidents.js")).registerIncidents,
  timeline: async () => (await import("./timeline.js")).registerTimeline,
  mpath: async () => (await import("./mpath.js")).registerMpath,
  lab: async () => (await import("./lab.js")).registerLab,
  pcap: async () => (await import("./pcap.js")).registerPcap,
  serve: async () => (await import("./serve.js")).registerServe,
};

quietOnClosedPipe(process.stdout);
quietOnClosedPipe(process.stderr);

// exitOverride before any verb is added: every subcommand inherits it, so a usage error
// anywhere ends in the catch below (exit 3), not in commander's process.exit(1).
const program = new Command()
  .exitOverride()
  .name("linkguard")
  .description(
    // one line: commander wraps it to the terminal (an own newline left "teams," alone)
    "Keeps redundant server NICs honest: bonds (802.3ad/LACP, active-backup...), teams, IPMP-style groups and DSR real servers.",
  )
  .version(VERSION)
  .showHelpAfterError("(run with --help for usage)")
  .addHelpText(
    "after",
    `
Exit codes (doctor): 0 healthy, 1 warnings, 2 critical, 3 could not run.
Every verb: 3 for a usage error (unknown verb or option, a value it cannot read).

Examples:
  linkguard doctor                          diagnose this host
  linkguard doctor --root sosreport.tar.xz  diagnose a sosreport from a ticket
  linkguard snapshot -o /tmp                collect this host's state for later
  linkguard demo                            run the doctor over the bundled incidents`,
  );

const verb = process.argv[2];
const chosen = verb !== undefined ? VERBS[verb] : undefined;
for (const load of chosen ? [chosen] : Object.values(VERBS)) (await load())(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  const end = failureOutcome(err, wantsNagios(process.argv.slice(2)));
  if (end.stdout) process.stdout.write(end.stdout);
  if (end.stderr) process.stderr.write(end.stderr);
  process.exitCode = end.code;
});
