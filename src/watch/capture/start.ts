// Captures around incidents as a watcher listener: its events are raised through the watcher,
// and each file it writes is attached to the live incident and to the store.

import type { Store } from "../../store/store.js";
import type { WatchConfig } from "../config.js";
import { makeEvent } from "../detect/event.js";
import type { Watcher } from "../watcher.js";
import { CaptureManager } from "./manager.js";

const MB = 1024 * 1024;

export function startCapture(
  cfg: WatchConfig,
  watcher: Watcher,
  host: string,
  store: Store | null,
): CaptureManager {
  const c = cfg.capture;
  const manager = new CaptureManager(
    {
      interfaces: c.interfaces,
      snaplen: c.snaplen,
      filter: c.filter,
      preSeconds: c.pre_seconds,
      preBytes: c.pre_mb * MB,
      postSeconds: c.post_seconds,
      dir: c.dir,
      limits: {
        budgetBytes: c.budget_mb * MB,
        minFreeBytes: c.min_free_mb * MB,
        maxPerHour: c.max_per_hour,
      },
    },
    {
      raise: (kind, severity, subject, detail, data) =>
        watcher.raise([
          makeEvent({ host }, watcher.now(), kind, severity, subject, detail, {
            ifname: subject,
            data,
          }),
        ]),
      attach: (incidentId, path) => {
        const live = watcher.correlator.current();
        if (live?.id === incidentId && !live.captures.includes(path)) live.captures.push(path);
        store?.addCapture(incidentId, path);
      },
    },
  );
  watcher.listen(manager);
  manager.start();
  return manager;
}
