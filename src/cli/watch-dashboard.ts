// The dashboard inside `linkguard watch`: the web's server and its doctor recorder, started
// by the CLI and handed to the watch daemon as its StartDashboard (watch may not import web,
// docs/adr/0002-layers.md). `--serve off`, or `serve: false` without `--serve`, starts none.

import { silencesOf } from "../config/config.js";
import type {
  DashboardContext,
  RunningDashboard,
  StartDashboard,
} from "../watch/dashboard-slot.js";
import { DEFAULT_LISTEN, parseListen, parseServeConfig, type ServeConfig } from "../web/config.js";
import { DoctorRecorder } from "../web/doctor-recorder.js";
import type { RunningServer } from "../web/server.js";

/** Throws at once on a `--serve` that is neither HOST:PORT nor "off". */
export function webDashboard(serveFlag: string | undefined): StartDashboard {
  if (serveFlag !== undefined && serveFlag !== "off") {
    try {
      parseListen(serveFlag);
    } catch (err) {
      throw new Error(`--serve: ${(err as Error).message} (or "off")`);
    }
  }
  return (ctx) => startWebDashboard(serveFlag, ctx);
}

async function startWebDashboard(
  flag: string | undefined,
  ctx: DashboardContext,
): Promise<RunningDashboard> {
  const { file, watcher, store, problem } = ctx;
  const serve = parseServeConfig(file.config.serve, file.text, file.file);
  const recorder =
    store && serve !== false
      ? new DoctorRecorder(store, {
          intervalMs: serve.doctor_interval_s * 1000,
          silences: silencesOf(file.config),
          problem,
        })
      : null;
  if (recorder) watcher.listen(recorder);
  const server = await listen(flag, serve, ctx);
  return {
    url: server?.url ?? null,
    started: () => recorder?.start(),
    stop: async () => {
      recorder?.stop();
      await server?.close();
    },
  };
}

/** The server; a port that cannot be bound is one problem line, not a crash. */
async function listen(
  flag: string | undefined,
  serve: ServeConfig,
  { cfg, host, problem }: DashboardContext,
): Promise<RunningServer | null> {
  if (flag === "off" || (serve === false && flag === undefined)) return null;
  const web = await import("../web/dashboard.js");
  try {
    return await web.startDashboard({
      listen: parseListen(flag ?? (serve === false ? DEFAULT_LISTEN : serve.listen)),
      token: serve === false ? undefined : serve.token,
      storePath: cfg.store ? cfg.store.path : null,
      captureDir: cfg.capture.dir,
      doctorRoot: "/",
      mpathStatusFile: web.DEFAULT_MPATH_STATUS,
      host,
      hosts: serve === false ? [] : serve.hosts,
    });
  } catch (err) {
    problem(
      `dashboard not started (--serve ${flag ?? "from the config"}): ${(err as Error).message}`,
    );
    return null;
  }
}
