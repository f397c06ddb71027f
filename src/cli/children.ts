// The processes this process started and that still run (its direct children), from /proc.
// A worker thread blocked in execFileSync cannot be told to stop its command, and
// Worker.terminate() waits for that command to end; signalling the children ends it at once.
import { readdirSync, readFileSync } from "node:fs";

/** The parent pid in a /proc/PID/stat line (the command name may hold spaces and parens). */
export function parentOfStat(stat: string): number | null {
  const after = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ppid = Number(after[1]);
  return Number.isInteger(ppid) ? ppid : null;
}

export function childPids(parent: number = process.pid, proc = "/proc"): number[] {
  const out: number[] = [];
  for (const name of readdirSync(proc)) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (parentOfStat(readFileSync(`${proc}/${name}/stat`, "utf8")) === parent)
        out.push(Number(name));
    } catch {
      // gone between the listing and the read
    }
  }
  return out;
}

/** Sends `signal` to every child of this process; returns the pids it reached. */
export function signalChildren(signal: NodeJS.Signals): number[] {
  const reached: number[] = [];
  for (const pid of childPids()) {
    try {
      process.kill(pid, signal);
      reached.push(pid);
    } catch {
      // already gone
    }
  }
  return reached;
}
