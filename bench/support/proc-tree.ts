// CPU and memory of a process and all its descendants, from /proc (Linux). CPU includes the
// reaped children (cutime/cstime), so short-lived helpers such as `ping -c1` count too.
import { readdirSync, readFileSync } from "node:fs";

const TICK = 100; // USER_HZ on Linux

interface Stat {
  pid: number;
  ppid: number;
  cpu_s: number;
}

function stat(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which may hold spaces: ") S ppid ..."
    const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const n = (i: number) => Number(f[i]);
    return { pid, ppid: n(1), cpu_s: (n(11) + n(12) + n(13) + n(14)) / TICK };
  } catch {
    return undefined;
  }
}

function descendants(root: number): number[] {
  const all = readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
  const stats = all.map(stat).filter((s): s is Stat => s !== undefined);
  const out = [root];
  for (let i = 0; i < out.length; i++)
    for (const s of stats) if (s.ppid === out[i]) out.push(s.pid);
  return out;
}

/** CPU seconds used so far by the tree under `root`. */
export function treeCpuSeconds(root: number): number {
  return descendants(root).reduce((sum, pid) => sum + (stat(pid)?.cpu_s ?? 0), 0);
}

/** Resident memory of the tree under `root`, MiB. */
export function treeRssMb(root: number): number {
  let kb = 0;
  for (const pid of descendants(root)) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // exited meanwhile
    }
  }
  return kb / 1024;
}
