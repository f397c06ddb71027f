// The dashboard on a real port for tests: a store filled by the store's own writers, and the
// server started in-process on 127.0.0.1 with a free port.
import { after } from "node:test";
import { openStore, type Store } from "../../src/watch/store/store.js";
import { type DashboardOptions, startDashboard } from "../../src/web/dashboard.js";
import type { RunningServer } from "../../src/web/server.js";

/** A store at `path` written through `fill`, then closed (as a stopped watcher leaves it). */
export function writeStore(path: string, fill: (s: Store) => void): void {
  const store = openStore(path, { flushEveryMs: 0, maintainEveryMs: 0 });
  fill(store);
  store.flush();
  store.close();
}

export async function startTestServer(
  o: Partial<DashboardOptions> & { storePath: string | null },
): Promise<RunningServer> {
  const server = await startDashboard({
    listen: { host: "127.0.0.1", port: 0 },
    captureDir: "/nonexistent",
    doctorRoot: "/",
    mpathStatusFile: null,
    host: "web01",
    ...o,
  });
  after(() => server.close());
  return server;
}

export async function getJson<T>(
  server: RunningServer,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(new URL(path, server.url), {
    headers,
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, body: (await res.json()) as T, headers: res.headers };
}
