// `linkguard incidents` lists what the correlator grouped; `incidents show ID` tells one
// incident's story with its events and capture files.
import type { Command } from "commander";
import { getIncident, listIncidents } from "../store/queries.js";
import { renderIncidentsCsv, renderIncidentsText, renderIncidentText } from "./format/incidents.js";
import { formatLocal } from "./format/time.js";
import {
  addStoreOptions,
  formatOf,
  type StoreCliOptions,
  TIME_HELP,
  toJson,
  type Write,
  windowOf,
  withStore,
  writeStdout,
} from "./store-options.js";

interface IncidentsOptions extends StoreCliOptions {
  open?: boolean;
}

function parseId(text: string): number {
  const id = Number(text);
  if (!Number.isSafeInteger(id) || id <= 0)
    throw new Error(`incident id wants a number, not ${text}`);
  return id;
}

export function registerIncidents(program: Command, write: Write = writeStdout): void {
  const cmd = program
    .command("incidents")
    .description("list incidents: events the watcher grouped, with the order they happened in");
  addStoreOptions(cmd, "7d")
    .option("--open", "only incidents that are still open")
    .addHelpText(
      "after",
      `${TIME_HELP}
An incident is listed when it was open at some point after --since.

Examples:
  linkguard incidents --open
  linkguard incidents --since 30d --interface eno1
  linkguard incidents show 12`,
    )
    .action((opts: IncidentsOptions) => {
      const now = Date.now();
      const format = formatOf(opts);
      const { since, until } = windowOf(opts, now);
      const incidents = withStore(opts.db, (db) =>
        listIncidents(db, { since, until, open: opts.open, ifname: opts.interface }),
      );
      if (format === "json") write(toJson(incidents));
      else if (format === "csv") write(renderIncidentsCsv(incidents));
      else if (incidents.length === 0)
        write(`no ${opts.open ? "open " : ""}incidents since ${formatLocal(since)}\n`);
      else write(renderIncidentsText(incidents, now));
    });

  // --db and --json belong to `incidents` and are read here through optsWithGlobals(), so
  // both `incidents --db X show 3` and `incidents show 3 --db X` work.
  cmd
    .command("show <id>")
    .description("one incident in full: explanation, events, captures")
    .option("--pcap", "also run the pcap analyses (summary, lacp, arp, storms) on its captures")
    .action(async (idText: string, _opts: unknown, self: Command) => {
      const opts = self.optsWithGlobals<IncidentsOptions & { pcap?: boolean }>();
      const id = parseId(idText);
      const detail = withStore(opts.db, (db) => getIncident(db, id));
      if (!detail) throw new Error(`no incident ${id} in ${opts.db}`);
      const analyses = opts.pcap
        ? await (await import("../pcap/cli-run.js")).analyzeForIncident(detail.incident.captures)
        : undefined;
      if (opts.json) write(toJson(analyses ? { ...detail, pcap: analyses.json } : detail));
      else {
        write(renderIncidentText(detail, Date.now()));
        if (analyses)
          write(
            detail.incident.captures.length ? analyses.text : "no captures for this incident\n",
          );
      }
    });
}
