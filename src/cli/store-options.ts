// What `events`, `incidents` and `timeline` share: the store path, the time window, the
// interface filter, the output format, and where the output goes (passed in for tests).

import type Database from "better-sqlite3";
import type { Command } from "commander";
import { parseTimeSpec } from "../lib/duration.js";
import { openStoreReadOnly } from "../store/open-read-only.js";

const DEFAULT_DB = "/var/lib/linkguard/linkguard.db";

export interface StoreCliOptions {
  db: string;
  since: string;
  until?: string;
  interface?: string;
  json?: boolean;
  csv?: boolean;
}

export type Write = (text: string) => void;
export const writeStdout: Write = (text) => {
  process.stdout.write(text);
};

export function addStoreOptions(cmd: Command, defaultSince: string): Command {
  return cmd
    .option("--db <path>", "the watcher's store", DEFAULT_DB)
    .option(
      "--since <when>",
      "from: 30s, 15m, 2h, 7d, ISO-8601 time, or epoch seconds",
      defaultSince,
    )
    .option("--until <when>", "to (same forms as --since; default now)")
    .option("-i, --interface <if>", "only this interface (and paths through it, eth0>10.0.0.1)")
    .option("--json", "JSON instead of a table")
    .option("--csv", "CSV instead of a table");
}

export const TIME_HELP = `
Times are local. --since/--until take a time ago (30s, 15m, 2h, 7d, 1h30m), an ISO-8601
time (2024-05-01T10:00:00+02:00, or without offset for local time), or epoch seconds.`;

interface Window {
  since: number;
  until: number;
}

export function windowOf(opts: Pick<StoreCliOptions, "since" | "until">, nowMs: number): Window {
  const read = (option: string, text: string) => {
    try {
      return parseTimeSpec(text, nowMs);
    } catch (err) {
      throw new Error(`${option}: ${(err as Error).message}`, { cause: err });
    }
  };
  const since = read("--since", opts.since);
  const until = opts.until === undefined ? nowMs : read("--until", opts.until);
  if (until < since) throw new Error(`--until (${opts.until}) is before --since (${opts.since})`);
  return { since, until };
}

export function formatOf(opts: Pick<StoreCliOptions, "json" | "csv">): "text" | "json" | "csv" {
  if (opts.json && opts.csv) throw new Error("choose one of --json and --csv");
  return opts.json ? "json" : opts.csv ? "csv" : "text";
}

/** Run `fn` with the store open read-only; closes it whatever happens. */
export function withStore<T>(path: string, fn: (db: Database.Database) => T): T {
  const db = openStoreReadOnly(path);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
