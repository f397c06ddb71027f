// Processes and ports the tests start: a loopback port the kernel picked, and a child stopped
// by its PID (SIGTERM, then SIGKILL if it has not exited after a grace period).
import type { ChildProcess } from "node:child_process";
import { createServer } from "node:net";

/** A free-enough loopback port for one test run (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() =>
        typeof a === "object" && a !== null ? resolve(a.port) : reject(new Error("no port")),
      );
    });
  });
}

export function stopChild(child: ChildProcess | undefined, graceMs = 5000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(t);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
