// A real `linkguard serve` on loopback for the dashboard tests, stopped by PID.
import { type ChildProcess, spawn } from "node:child_process";
import { CLI } from "./cli.js";
import { freePort, stopChild } from "./process.js";
import { until } from "./wait.js";

export interface Served {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/** Starts `linkguard serve ARGS --listen 127.0.0.1:PORT` and waits for /api/info to answer. */
export async function startServe(args: string[], port: number): Promise<Served> {
  const child = spawn(
    process.execPath,
    [CLI, "serve", "--config", "/dev/null", "--listen", `127.0.0.1:${port}`, ...args],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  await until(`linkguard serve on ${url} (stderr: ${stderr})`, 15_000, async () => {
    if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}: ${stderr}`);
    try {
      // 401: up, and asking for its token.
      const status = (await fetch(`${url}/api/info`)).status;
      return status === 200 || status === 401 ? true : undefined;
    } catch {
      return undefined;
    }
  });
  return {
    child,
    url,
    stop: () => stopChild(child, 3000),
  };
}

export { freePort };
