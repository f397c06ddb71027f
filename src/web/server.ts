// The dashboard's HTTP server: createApp(deps) is the whole app (tested with real requests on
// a port, or app.request()); startServer binds it. The store is read-only, the page is local.
import { createReadStream } from "node:fs";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { latestDoctorReport } from "../store/doctor-reports.js";
import type { HealthResponse } from "./api.js";
import type { AppDeps } from "./app-deps.js";
import { loginHandler, newSessionKey, requireToken } from "./auth.js";
import { CaptureAnalyses, captureFile, captureRecorded, isCaptureName } from "./captures.js";
import {
  interfaceGroup,
  mpathGroups,
  readInterfaceHealth,
  readMpathStatus,
  withCabling,
} from "./health.js";
import { requireKnownHost } from "./host-check.js";
import { doctorSnapshotOf, incidentDetail } from "./incident-detail.js";
import { BadRequest, intParam } from "./params.js";
import { staticRoutes } from "./static.js";
import { streamHandler } from "./stream.js";
import { timelineRoutes } from "./timeline-routes.js";

/** A recorded doctor report younger than this is used as it is (the watcher records them). */
const RECORDED_FRESH_MS = 15_000;

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const analyses = new CaptureAnalyses();
  app.onError((err, c) => {
    if (err instanceof BadRequest) return c.json({ error: err.message }, 400);
    return c.json({ error: `internal error: ${err.message}` }, 500);
  });
  app.use("*", requireKnownHost(deps.hostNames ?? []));
  app.use("/api/*", async (c, next) => {
    await next();
    if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
  });
  const session = deps.sessionKey ?? newSessionKey();
  app.use("/api/*", requireToken(deps.token, session));
  app.post("/api/login", loginHandler(deps.token, session));
  timelineRoutes(app, deps);

  app.get("/api/incidents/:id", async (c) => {
    const id = intParam((n) => c.req.param(n), "id", 1, Number.MAX_SAFE_INTEGER) as number;
    const db = deps.store.get();
    const detail = db === null ? null : await incidentDetail(db, id, deps.captureDir, analyses);
    return detail === null ? c.json({ error: `no incident ${id}` }, 404) : c.json(detail);
  });

  app.get("/api/captures/:name", (c) => {
    const name = c.req.param("name");
    if (!isCaptureName(name))
      throw new BadRequest(`not a capture file name: "${name.slice(0, 60)}"`);
    const db = deps.store.get();
    const file =
      db !== null && captureRecorded(db, name) ? captureFile(deps.captureDir, name) : null;
    if (file === null) return c.json({ error: `no capture ${name}` }, 404);
    c.header("Content-Type", "application/vnd.tcpdump.pcap");
    c.header("Content-Disposition", `attachment; filename="${name}"`);
    c.header("Content-Length", String(file.bytes));
    return c.body(Readable.toWeb(createReadStream(file.path)) as ReadableStream);
  });

  app.get("/api/health", async (c) => {
    const db = deps.store.get();
    const now = deps.now();
    const recorded = db === null ? null : latestDoctorReport(db);
    const mpath = readMpathStatus(deps.mpathStatusFile);
    const interfaces = db === null ? [] : readInterfaceHealth(db);
    const { run, error } = await deps.doctor.get(now);
    const doctor =
      recorded !== null &&
      now - recorded.t_ms < RECORDED_FRESH_MS &&
      (run === null || recorded.t_ms > run.t_ms)
        ? doctorSnapshotOf(recorded)
        : run === null
          ? null
          : { t_ms: run.t_ms, status: run.status, findings: run.findings, unseen: run.unseen };
    const body: HealthResponse = {
      now_ms: now,
      groups: withCabling(
        [
          ...(run?.groups ?? []),
          ...(mpath === null ? [] : mpathGroups(mpath)),
          ...(interfaces.length > 0 ? [interfaceGroup(interfaces)] : []),
        ],
        run?.neighbours,
      ),
      interfaces,
      doctor,
      doctor_error: error,
      mpath: mpath as unknown as Record<string, unknown> | null,
    };
    return c.json(body);
  });

  app.get("/api/stream", streamHandler(deps.store, deps.now, deps.stream));
  app.all("/api/*", (c) => c.json({ error: `no such route: ${c.req.method} ${c.req.path}` }, 404));
  staticRoutes(app, deps.assetsRoot);
  return app;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Bind and serve; rejects (EADDRINUSE, EACCES...) when the address cannot be bound. */
export function startServer(app: Hono, host: string, port: number): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info: AddressInfo) => {
      server.off("error", reject);
      const shown = host.includes(":") ? `[${host}]` : host;
      resolve({
        url: `http://${shown}:${info.port}/`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Live streams hold their sockets open; end them so close() finishes.
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
    server.once("error", reject);
  });
}
