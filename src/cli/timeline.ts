// `linkguard timeline`: every interface sample with the probes through it at that time —
// the incident-004 checker's table, kept by the watcher instead of a shell loop.
import { type Command, Option } from "commander";
import { timeline } from "../store/queries.js";
import { formatLocal } from "./format/time.js";
import { renderTimelineCsv, renderTimelineText } from "./format/timeline.js";
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

interface TimelineOptions extends StoreCliOptions {
  resolution: "auto" | "raw" | "1m";
}

export function registerTimeline(program: Command, write: Write = writeStdout): void {
  const cmd = program
    .command("timeline")
    .description("samples per interface (carrier, state, counters) with probe results, over time");
  addStoreOptions(cmd, "10m")
    .addOption(
      new Option("--resolution <r>", "raw samples, minute roll-ups, or auto")
        .choices(["auto", "raw", "1m"])
        .default("auto"),
    )
    .addHelpText(
      "after",
      `${TIME_HELP}
auto reads raw samples while --since is within the watcher's raw retention (24 h by
default) and minute roll-ups (averages; carrier-down seconds) beyond it.

CSV columns: date,if,carr,state,age,chngs,ping_<target>... (1 answered, 0 lost, empty
when no probe), then rx_bps,tx_bps,rx_pps,tx_pps,rx_errors_ps,tx_errors_ps,rx_dropped_ps,
tx_dropped_ps,rtt_ms_<target>...

Examples:
  linkguard timeline --since 15m --interface bond0
  linkguard timeline --since 2024-05-01T10:00:00 --until 2024-05-01T10:10:00 --csv > t.csv`,
    )
    .action((opts: TimelineOptions) => {
      const now = Date.now();
      const format = formatOf(opts);
      const { since, until } = windowOf(opts, now);
      const tl = withStore(opts.db, (db) =>
        timeline(db, {
          since,
          until,
          ifname: opts.interface,
          resolution: opts.resolution,
          nowMs: now,
        }),
      );
      if (format === "json") write(toJson({ since, until, ...tl }));
      else if (format === "csv") write(renderTimelineCsv(tl));
      else if (tl.rows.length === 0)
        write(`no samples between ${formatLocal(since)} and ${formatLocal(until)}\n`);
      else write(renderTimelineText(tl));
    });
}
