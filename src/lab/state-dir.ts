// Where a lab keeps its record (ids, topology, VM PIDs), readable by root only.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Makes a lab state folder root-only, but not its parent: /run/linkguard also holds the
 * watcher's neighbour table and mpath's state, which unprivileged users (a Nagios check) read.
 * A recursive mkdir with a mode would give every folder it creates that mode.
 */
export function makeLabStateDir(dir: string): void {
  mkdirSync(dirname(dir), { recursive: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}
