// The dashboard for tests. Most ask it through app.request() (Hono's own way: createApp(deps),
// no port) over a store filled by the store's own writers, in memory or in a file; the few
// that need a real socket (live streams, the CLI) start it on 127.0.0.1 with a free port.
// Neither runs the doctor on the machine running the tests: its root is a fixture host.
import { join } from "node:path";
import { after } from "node:test";
import { openStore, type Store } from "../../src/store/store.js";
import { type DashboardOptions, startDashboard } from "../../src/web/dashboard.js";
import { DoctorCache } from "../../src/web/doctor-run.js";
import { createApp, type RunningServer } from "../../src/web/server.js";
import { StoreHandle } from "../../src/web/store-handle.js";
import { REPO_ROOT } from "./paths.js";

/** The doctor's root unless a test names one: a recorded host, never the test machine. */
export const FIXTURE_ROOT = join(REPO_ROOT, "test", "fixtures", "hosts", "netplan-single-member");

/** A store at `path` written through `fill`, then closed (as a stopped watcher leaves it). */
export function writeStore(path: string, fill: (s: Store) => void): void {
  const store = openStore(path, { flushEveryMs: 0, maintainEveryMs: 0 });
  fill(store);
  store.flush();
  store.close();
}

/** An in-memory store written through `fill`, left open for the app, closed after the file's tests. */
export function memoryStore(fill: (s: Store) => void): Store {
  const store = openStore(":memory:", { flushEveryMs: 0, maintainEveryMs: 0 });
  fill(store);
  store.flush();
  after(() => store.close());
  return store;
}

/** What a test asks: a path (with method, headers, body), answered as a browser would get it. */
export interface Dashboard {
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

export interface TestAppOptions {
  /** An open (in-memory) store, a store file opened read-only as `serve` does, or none. */
  store: Store | string | null;
  captureDir?: string;
  doctorRoot?: string;
  mpathStatusFile?: string | null;
}

/** createApp(deps) as `serve` builds it, asked through app.request(): no port is bound. */
export function testApp(o: TestAppOptions): Dashboard {
  const store =
    o.store === null || typeof o.store === "string"
      ? new StoreHandle(o.store)
      : StoreHandle.of(o.store.db);
  after(() => store.close());
  const app = createApp({
    store,
    captureDir: o.captureDir ?? "/nonexistent",
    doctor: new DoctorCache(o.doctorRoot ?? FIXTURE_ROOT, 60_000),
    mpathStatusFile: o.mpathStatusFile ?? null,
    host: "web01",
    hostNames: ["127.0.0.1"],
    now: Date.now,
  });
  return {
    // As a browser sends it: with the Host it connected to (the rebinding guard reads it).
    fetch: async (path, init) => {
      const headers = new Headers(init?.headers);
      if (!headers.has("host")) headers.set("host", "127.0.0.1:9470");
      return app.request(path, { ...init, headers });
    },
  };
}

/** The dashboard on a real port (for what needs a socket: live streams, aborts). */
export async function startTestServer(
  o: Partial<DashboardOptions> & { storePath: string | null },
): Promise<RunningServer> {
  const server = await startDashboard({
    listen: { host: "127.0.0.1", port: 0 },
    captureDir: "/nonexistent",
    doctorRoot: FIXTURE_ROOT,
    mpathStatusFile: null,
    host: "web01",
    ...o,
  });
  after(() => server.close());
  return server;
}

export async function getJson<T>(
  dashboard: Dashboard,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await dashboard.fetch(path, { headers, signal: AbortSignal.timeout(30_000) });
  return { status: res.status, body: (await res.json()) as T, headers: res.headers };
}
