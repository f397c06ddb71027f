// What the watch daemon takes from the world: the root it reads /sys and /proc from, the
// watcher's clock and commands, the prober, the tool check, the signals and timers that stop
// it, the dashboard the CLI plugs in, and its output. A test gives its own; a host the defaults.

import { requireTools } from "../host/tools.js";
import type { SignalSource, StopTimers } from "../runtime/lifecycle.js";
import { chooseProber, type ProberChoice } from "../runtime/prober.js";
import { noDashboard, type StartDashboard } from "./dashboard-slot.js";
import type { WatcherIo } from "./watcher.js";

/** What the daemon takes from the world; a test gives its own, a host the defaults. */
export interface WatchEnv {
  /** Where /sys and /proc are read from. */
  root: string;
  /** The watcher's clock, `ip` runner, link monitor and probers (real ones when left out). */
  io: Partial<WatcherIo>;
  prober: () => ProberChoice;
  requireTools: typeof requireTools;
  signals: SignalSource;
  timers?: StopTimers;
  /** The dashboard (the CLI gives the web's; none by default). */
  dashboard: StartDashboard;
  stdout(text: string): void;
  stderr(text: string): void;
}

export const hostEnv: WatchEnv = {
  root: "/",
  io: {},
  prober: chooseProber,
  requireTools,
  signals: process,
  dashboard: noDashboard,
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};
