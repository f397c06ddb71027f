// Which roots `doctor` reads. A directory is ONE host when it holds proc/, sys/, etc/,
// sos_commands/ or linkguard-snapshot.json (or is "/"). Otherwise, when some of its entries
// are such directories or tarballs, it is a fleet directory and each entry (one level deep)
// is a host; anything else stays one host, exactly as a single --root always read it.
import { readdirSync, realpathSync, statSync } from "node:fs";
import { join, sep } from "node:path";
import { SNAPSHOT_MARKER } from "../host/read/read-host.js";

const HOST_ROOT_MARKERS = ["proc", "sys", "etc", "sos_commands", SNAPSHOT_MARKER] as const;

const TARBALL_NAME = /\.(tar\.xz|tar\.gz|tar\.bz2|tar\.zst|tgz|txz|tar)$/i;

/** A root to diagnose, or the reason it is known up front not to be one. */
export interface PlannedRoot {
  root: string;
  error?: string;
}

export interface RootPlan {
  /** More than one root given, or a fleet directory: print the fleet table. */
  fleet: boolean;
  roots: PlannedRoot[];
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function listDir(path: string): string[] {
  try {
    return readdirSync(path).sort();
  } catch {
    return [];
  }
}

export function isHostRoot(dir: string): boolean {
  if (dir === "/") return true;
  const names = new Set(listDir(dir));
  return HOST_ROOT_MARKERS.some((m) => names.has(m));
}

/** True when `path`, resolved, stays inside the real directory `realDir`. */
function inside(path: string, realDir: string): boolean {
  try {
    const real = realpathSync.native(path);
    return real.startsWith(realDir + sep);
  } catch {
    return false;
  }
}

/** The fleet directory's hosts, or undefined when `dir` is not a fleet directory. */
function fleetEntries(dir: string): PlannedRoot[] | undefined {
  if (!isDirectory(dir) || isHostRoot(dir)) return undefined;
  const out: PlannedRoot[] = [];
  const realDir = realpathSync.native(dir);
  let hosts = 0;
  for (const name of listDir(dir)) {
    if (name.startsWith(".")) continue;
    const path = join(dir, name);
    if (!inside(path, realDir)) {
      // A ticket folder unpacked from elsewhere may hold `web01 -> /`: never read this machine.
      if (isDirectory(path) || TARBALL_NAME.test(name))
        out.push({ root: path, error: "a symlink that points outside the fleet directory" });
      continue;
    }
    if (isDirectory(path)) {
      if (isHostRoot(path)) {
        hosts++;
        out.push({ root: path });
      } else {
        // Shown as a row, not skipped: a half-copied sosreport must not vanish from the table.
        out.push({
          root: path,
          error: `not a sosreport or snapshot: none of ${HOST_ROOT_MARKERS.join(", ")} in it`,
        });
      }
    } else if (TARBALL_NAME.test(name)) {
      hosts++;
      out.push({ root: path });
    }
    // Other files (README, checksums) are not hosts.
  }
  return hosts > 0 ? out : undefined;
}

export function planRoots(givens: readonly string[]): RootPlan {
  const roots: PlannedRoot[] = [];
  let expanded = false;
  for (const given of givens) {
    const entries = fleetEntries(given);
    if (entries === undefined) roots.push({ root: given });
    else {
      expanded = true;
      roots.push(...entries);
    }
  }
  return { fleet: expanded || givens.length > 1, roots };
}
