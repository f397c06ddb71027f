// The store as a watcher listener: samples, probes, events and incidents written as they come,
// and numbering that goes on after what the file already holds.

import { openStore, type Store } from "../store/store.js";
import type { WatchConfig } from "./config.js";
import type { Watcher } from "./watcher.js";

export function attachStore(cfg: Exclude<WatchConfig["store"], false>, watcher: Watcher): Store {
  const store = openStore(cfg.path, {
    retention: {
      rawMs: cfg.raw_hours * 3_600_000,
      rollupMs: cfg.rollup_days * 86_400_000,
    },
  });
  const next = store.nextIds();
  watcher.continueFrom(next.event, next.incident);
  watcher.listen({
    sample: (x, r) => store.addSample(x, r),
    probe: (r) => store.addProbe(r),
    event: (e) => void store.addEvent(e),
    incident: (i) => store.upsertIncident(i),
  });
  return store;
}
