// Temp dirs of a doctor run carry the pid that made them (linkguard-doctor-4711-XXXXXX), so
// a later run can remove what a killed run (SIGKILL, OOM, power loss) left behind: a dir
// whose process is gone and that belongs to this user.
import { execFileSync } from "node:child_process";
import { lstatSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const RUN_TEMP = /^linkguard-(doctor|fleet|root|snap)-(\d+)-[A-Za-z0-9]{6}$/;

/** A fresh temp dir named for this process: `linkguard-KIND-PID-XXXXXX`. */
export function makeRunTemp(kind: "doctor" | "fleet" | "root" | "snap", parent = tmpdir()): string {
  return mkdtempSync(join(parent, `linkguard-${kind}-${process.pid}-`));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // someone else's, but alive
  }
}

/** Removes this user's run temp dirs whose process is gone; returns their names. */
export function sweepStaleRunTemps(parent = tmpdir()): string[] {
  const uid = process.getuid?.();
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = RUN_TEMP.exec(name);
    if (!m) continue;
    const pid = Number(m[2]);
    if (pid === process.pid || alive(pid)) continue;
    try {
      const st = lstatSync(join(parent, name));
      if (!st.isDirectory() || (uid !== undefined && st.uid !== uid)) continue;
      removeTree(join(parent, name));
      removed.push(name);
    } catch {
      // gone meanwhile, or not ours to remove
    }
  }
  return removed;
}

/**
 * rm -r that survives any depth. Node 20's fs.rm recurses in JavaScript and a 2,000-level
 * tree overflows its stack ("Maximum call stack size exceeded"); coreutils' rm walks with
 * fts, without recursion and without paths longer than PATH_MAX.
 */
export function removeTree(dir: string): void {
  try {
    execFileSync("rm", ["-rf", "--", dir], { stdio: "ignore", timeout: 120_000 });
  } catch {
    // rm missing or failed: Node's own, which handles every ordinary tree.
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}
