#!/usr/bin/env node
// linkguard: the CLI is the table of contents. Each verb lives in its own file.
import { Command } from "commander";
import { registerDemo } from "./demo.js";
import { registerDoctor } from "./doctor.js";
import { registerEvents } from "./events.js";
import { registerIncidents } from "./incidents.js";
import { registerLab } from "./lab.js";
import { registerMpath } from "./mpath.js";
import { registerPcap } from "./pcap.js";
import { registerSnapshot } from "./snapshot.js";
import { registerTimeline } from "./timeline.js";
import { VERSION } from "./version.js";
import { registerWatch } from "./watch.js";

const program = new Command()
  .name("linkguard")
  .description(
    "Keeps redundant server NICs honest: bonds (802.3ad/LACP, active-backup...), teams,\n" +
      "IPMP-style groups and DSR real servers.",
  )
  .version(VERSION)
  .showHelpAfterError("(run with --help for usage)")
  .addHelpText(
    "after",
    `
Exit codes (doctor): 0 healthy, 1 warnings, 2 critical, 3 could not run.

Examples:
  linkguard doctor                          diagnose this host
  linkguard doctor --root sosreport.tar.xz  diagnose a sosreport from a ticket
  linkguard snapshot -o /tmp                collect this host's state for later
  linkguard demo                            run the doctor over the bundled incidents`,
  );

registerDoctor(program);
registerSnapshot(program);
registerDemo(program);
registerWatch(program);
registerEvents(program);
registerIncidents(program);
registerTimeline(program);
registerMpath(program);
registerLab(program);
registerPcap(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`linkguard: ${(err as Error).message}\n`);
  process.exitCode = 3;
});
