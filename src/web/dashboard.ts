// The dashboard as one running thing: the store handle, the doctor cache and the HTTP server,
// started by `linkguard serve` and by `linkguard watch` alike, and closed together.
import type { Silence } from "../doctor/engine.js";
import { type ListenAddress, tokenRuleViolation } from "./config.js";
import { DoctorCache } from "./doctor-run.js";
import { createApp, type RunningServer, startServer } from "./server.js";
import { StoreHandle } from "./store-handle.js";
import type { StreamOptions } from "./stream.js";

/** Where `linkguard mpath run` keeps its state (mpath.status_file's default). */
export const DEFAULT_MPATH_STATUS = "/run/linkguard/mpath.json";
/**
 * The doctor runs at most this often for /api/health: it runs commands on the host, and a
 * health view left open on a wall monitor must not turn into a load of its own.
 */
const DOCTOR_MAX_AGE_MS = 60_000;

export interface DashboardOptions {
  listen: ListenAddress;
  token?: string | undefined;
  storePath: string | null;
  captureDir: string;
  doctorRoot: string;
  mpathStatusFile: string | null;
  silences?: Silence[];
  host?: string | undefined;
  /** Names besides IP literals and localhost the server answers to (serve.hosts). */
  hosts?: readonly string[];
  /** Live stream limits; the defaults suit production, tests shorten them. */
  stream?: StreamOptions;
}

class TokenRuleError extends Error {
  override name = "TokenRuleError";
}

export async function startDashboard(o: DashboardOptions): Promise<RunningServer> {
  const why = tokenRuleViolation(o.listen, o.token);
  if (why !== null) throw new TokenRuleError(why);
  const store = new StoreHandle(o.storePath);
  const app = createApp({
    store,
    captureDir: o.captureDir,
    doctor: new DoctorCache(o.doctorRoot, DOCTOR_MAX_AGE_MS, o.silences ?? []),
    mpathStatusFile: o.mpathStatusFile,
    token: o.token,
    host: o.host,
    hostNames: [o.listen.host, ...(o.hosts ?? [])],
    now: Date.now,
    ...(o.stream ? { stream: o.stream } : {}),
  });
  try {
    const server = await startServer(app, o.listen.host, o.listen.port);
    return {
      ...server,
      close: async () => {
        await server.close();
        store.close();
      },
    };
  } catch (err) {
    store.close();
    throw err;
  }
}
