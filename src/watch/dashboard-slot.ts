// The place the CLI plugs the dashboard into the watch daemon. The dashboard and its doctor
// recorder live in `web`, above `watch` (docs/adr/0002-layers.md), so the daemon takes a
// function that starts them instead of importing them: `cli/watch-dashboard.ts` gives the
// web's, tests and `--once` get none.

import type { CheckedConfig } from "../config/load.js";
import type { Store } from "../store/store.js";
import type { WatchConfig } from "./config.js";
import type { Watcher } from "./watcher.js";

/** What the dashboard may use of the running daemon. */
export interface DashboardContext {
  file: CheckedConfig;
  cfg: WatchConfig;
  watcher: Watcher;
  store: Store | null;
  host: string;
  /** One line on stderr: a dashboard that cannot start is a problem, not a crash. */
  problem(message: string): void;
}

export interface RunningDashboard {
  /** Its address for the start line, or null when none listens. */
  url: string | null;
  /** Called once the watcher runs (the recorder's first doctor report). */
  started(): void;
  stop(): Promise<void>;
}

/** Listening before it resolves, so `watcher-started` means every port answers. */
export type StartDashboard = (ctx: DashboardContext) => Promise<RunningDashboard>;

export const noDashboard: StartDashboard = async () => ({
  url: null,
  started: () => undefined,
  stop: async () => undefined,
});
