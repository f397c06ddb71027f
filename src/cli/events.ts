// `linkguard events`: what the watcher saw, from its store, oldest first.
import type { Command } from "commander";
import { EVENT_KINDS } from "../events/types.js";
import { listEvents } from "../store/queries.js";
import { renderEventsCsv, renderEventsText } from "./format/events.js";
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

interface EventsOptions extends StoreCliOptions {
  kind?: string;
  limit: string;
}

function parseKinds(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const kinds = text
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean);
  const known = new Set<string>(EVENT_KINDS);
  const unknown = kinds.filter((k) => !known.has(k));
  if (unknown.length > 0)
    throw new Error(`unknown event kind ${unknown.join(", ")} (known: ${EVENT_KINDS.join(", ")})`);
  return kinds;
}

function parseLimit(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`--limit wants a positive whole number, not ${text}`);
  return n;
}

export function registerEvents(program: Command, write: Write = writeStdout): void {
  const cmd = program
    .command("events")
    .description("list the events the watcher recorded (link, probe, LACP, traffic...)");
  addStoreOptions(cmd, "24h")
    .option("--kind <kinds>", "only these kinds, comma-separated (link-down,probe-loss,...)")
    .option("--limit <n>", "at most the newest n events of the window", "1000")
    .addHelpText(
      "after",
      `${TIME_HELP}

Examples:
  linkguard events --since 2h --interface eth0
  linkguard events --kind link-down,probe-loss --since 2024-05-01T10:00:00 --until 2024-05-01T11:00:00
  linkguard events --since 7d --csv > events.csv`,
    )
    .action((opts: EventsOptions) => {
      const now = Date.now();
      const format = formatOf(opts);
      const { since, until } = windowOf(opts, now);
      const kind = parseKinds(opts.kind);
      const limit = parseLimit(opts.limit);
      const events = withStore(opts.db, (db) =>
        listEvents(db, { since, until, limit, kind, ifname: opts.interface }),
      );
      if (format === "json") write(toJson(events));
      else if (format === "csv") write(renderEventsCsv(events));
      else if (events.length === 0)
        write(`no events between ${formatLocal(since)} and ${formatLocal(until)}\n`);
      else write(renderEventsText(events));
    });
}
