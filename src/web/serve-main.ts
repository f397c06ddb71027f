// `linkguard serve`: the dashboard on its own, reading the watcher's store read-only.
import { silencesOf } from "../config/config.js";
import { loadCheckedConfig } from "../config/load.js";
import { parseWatchConfig } from "../watch/config.js";
import { DEFAULT_LISTEN, type ListenAddress, parseListen, parseServeConfig } from "./config.js";
import { DEFAULT_MPATH_STATUS, startDashboard } from "./dashboard.js";

export interface ServeFlags {
  config?: string;
  listen?: string;
  store?: string;
  captures?: string;
  doctorRoot?: string;
  mpathStatus?: string;
  host?: string;
}

export async function runServe(flags: ServeFlags): Promise<void> {
  const file = await loadCheckedConfig(flags.config);
  const watch = parseWatchConfig(file.config.watch, file.text, file.file);
  const serve = parseServeConfig(file.config.serve, file.text, file.file);
  const listenText = flags.listen ?? (serve === false ? DEFAULT_LISTEN : serve.listen);
  let listen: ListenAddress;
  try {
    listen = parseListen(listenText);
  } catch (err) {
    throw new Error(`--listen: ${(err as Error).message}`);
  }
  const storePath = flags.store ?? (watch.store === false ? null : watch.store.path);
  const server = await startDashboard({
    listen,
    token: serve === false ? undefined : serve.token,
    storePath,
    captureDir: flags.captures ?? watch.capture.dir,
    doctorRoot: flags.doctorRoot ?? "/",
    mpathStatusFile: flags.mpathStatus ?? DEFAULT_MPATH_STATUS,
    silences: silencesOf(file.config),
    host: flags.host,
    hosts: serve === false ? [] : serve.hosts,
  });
  process.stdout.write(
    `linkguard serve: ${server.url} (store ${storePath ?? "none"}${serve !== false && serve.token ? ", token required" : ""})\n`,
  );
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  await server.close();
}
