// Where the watcher's records go: the store, the sinks and the Prometheus metrics (with their
// HTTP endpoint when configured), each a watcher listener. Closed together, last, so the
// `watcher-stopped` event is written and sent before the files and sockets close.

import type { Server } from "node:http";
import { serveMetrics } from "../runtime/metrics-server.js";
import type { ProberChoice } from "../runtime/prober.js";
import { createSink } from "../runtime/sinks/index.js";
import type { Store } from "../store/store.js";
import type { WatchConfig } from "./config.js";
import { WatchMetrics } from "./metrics.js";
import { attachStore } from "./store-attach.js";
import type { Watcher } from "./watcher.js";

/** How long a sink may take to send what it holds at stop. */
const SINK_FLUSH_MS = 2000;

export interface Outputs {
  store: Store | null;
  metrics: WatchMetrics;
  /** For the start line: the store's file and /metrics' HOST:PORT, or null for none. */
  where: { store: string | null; metrics: string | null };
  close(): Promise<void>;
}

export async function openOutputs(
  cfg: WatchConfig,
  watcher: Watcher,
  prober: ProberChoice["kind"],
): Promise<Outputs> {
  const store = cfg.store ? attachStore(cfg.store, watcher) : null;
  const sinks = cfg.sinks.map(createSink);
  watcher.listen({
    event: (e) => {
      for (const s of sinks) s.write(e);
    },
  });
  const metrics = new WatchMetrics(prober);
  watcher.listen(metrics);
  let metricsServer: Server | null = null;
  try {
    metricsServer = cfg.metrics ? await serveMetrics(metrics.registry, cfg.metrics) : null;
  } catch (err) {
    // A taken port must not leave the store and the sinks open.
    store?.close();
    await Promise.all(sinks.map((s) => s.close()));
    throw err;
  }
  return {
    store,
    metrics,
    where: {
      store: cfg.store ? cfg.store.path : null,
      metrics: metricsServer && cfg.metrics ? cfg.metrics : null,
    },
    close: async () => {
      metricsServer?.close();
      store?.close();
      await Promise.all(sinks.map((s) => s.flush(SINK_FLUSH_MS).then(() => s.close())));
    },
  };
}
