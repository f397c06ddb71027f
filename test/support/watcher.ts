// A real `linkguard watch` inside a lab namespace, its events collected as they come.
import { type ChildProcess, spawn } from "node:child_process";
import type { WatchEvent } from "../../src/events/types.js";
import { CLI } from "./cli.js";
import { collectEvents, until } from "./wait.js";

/**
 * Starts the watcher (JSON lines on stdout, no metrics port, no dashboard unless `args` asks
 * for one with --serve) and waits for watcher-started.
 */
export async function startWatcher(
  ns: string,
  args: string[],
  events: WatchEvent[],
): Promise<ChildProcess> {
  const argv = [
    "netns",
    "exec",
    ns,
    process.execPath,
    CLI,
    "watch",
    "--jsonl",
    "-",
    "--metrics",
    "off",
    ...(args.includes("--serve") ? [] : ["--serve", "off"]),
    ...args,
  ];
  const child = spawn("ip", argv, { stdio: ["ignore", "pipe", "ignore"] });
  collectEvents(child.stdout, events);
  await until("watcher-started", 15_000, () => events.find((e) => e.kind === "watcher-started"));
  return child;
}
