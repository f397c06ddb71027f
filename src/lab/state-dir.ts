// Where a lab keeps its record (ids, topology, VM PIDs), readable by root only.
import { mkdirSync, readdirSync } from "node:fs";
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

/**
 * The files in a lab state folder; none when it does not exist (no lab was ever made here).
 * A folder that exists but cannot be read is an error that says so: an empty list would tell
 * a user who is not root that no lab is up.
 */
export function readLabStateDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return [];
    if (code === "EACCES" || code === "EPERM")
      throw new Error(
        `cannot read the lab records in ${dir}: permission denied (they are root's; run it with sudo)`,
        { cause: err },
      );
    throw new Error(`cannot read the lab records in ${dir}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}
