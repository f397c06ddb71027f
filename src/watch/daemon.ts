// The watcher as a daemon: config file first, flags override; then the parts start in order
// and, at --duration, SIGINT or SIGTERM, close in order (store flushed, sinks drained, ports
// closed). Wiring only: the world (root, clock, commands, signals) is `env`, and the dashboard
// is what the CLI plugs in.

import { hostname } from "node:os";
import { join } from "node:path";
import { loadCheckedConfig } from "../config/load.js";
import { run } from "../host/exec.js";
import { closeInOrder, waitForStop } from "../runtime/lifecycle.js";
import { describeProber } from "../runtime/prober.js";
import { startCapture } from "./capture/start.js";
import { parseWatchConfig } from "./config.js";
import { startHealer } from "./heal-start.js";
import { neededTools } from "./needed-tools.js";
import { neighbourOptions, startNeighbourWatch } from "./neighbours/start.js";
import { openOutputs } from "./outputs.js";
import { planProbes } from "./probe-plan.js";
import { startLine } from "./start-line.js";
import { hostEnv, type WatchEnv } from "./watch-env.js";
import { mergeFlags, type WatchFlags, watcherOptions } from "./watch-flags.js";
import { Watcher } from "./watcher.js";

export async function runWatch(flags: WatchFlags, given: Partial<WatchEnv> = {}): Promise<void> {
  const env: WatchEnv = { ...hostEnv, ...given };
  const file = await loadCheckedConfig(flags.config);
  const cfg = mergeFlags(parseWatchConfig(file.config.watch, file.text, file.file), flags);
  const host = flags.host ?? hostname();
  // Interfaces, routes and link changes all come from `ip`.
  env.requireTools("watch", ["ip"]);
  const plan = await planProbes(cfg, (argv) => (env.io.run ?? run)(argv, {}));
  // Raw sockets where the native prober loads and may open them, else ping/arping.
  const prober = env.prober();
  const watcher = new Watcher({
    ...watcherOptions(cfg, host, plan.probes),
    prober,
    root: env.root,
    io: env.io,
  });
  if (flags.once) {
    const once = { host, samples: watcher.tick(), probes: plan.probes };
    return env.stdout(`${JSON.stringify(once, null, 2)}\n`);
  }
  env.requireTools("watch", neededTools(prober.kind, plan.probes, cfg.capture.interfaces));

  const problem = (m: string) => env.stderr(`linkguard watch: ${m}\n`);
  watcher.listen({ problem });
  const outputs = await openOutputs(cfg, watcher, prober.kind);
  const { store, metrics } = outputs;
  if (cfg.heal.rules.length > 0)
    startHealer(cfg, watcher, host, plan.members, join(env.root, "sys/class/net"));
  const capture = cfg.capture.interfaces.length ? startCapture(cfg, watcher, host, store) : null;
  // Listening before watcher-started, so that event means every port answers.
  const dashboard = await env.dashboard({ file, cfg, watcher, store, host, problem });
  await watcher.start().catch(async (err) => {
    // Open ports would keep a failed watcher's process alive.
    await closeInOrder([() => capture?.stop(), dashboard.stop, outputs.close]);
    throw err;
  });
  dashboard.started();
  const neighbours = cfg.lldp.listen
    ? await startNeighbourWatch(watcher, {
        ...neighbourOptions(cfg, host, plan.members),
        store,
        metrics: metrics.neighbours,
        problem,
      })
    : null;
  env.stderr(
    startLine({
      probePaths: plan.probes.length,
      targets: plan.targets,
      ...outputs.where,
      dashboardUrl: dashboard.url,
      neighbours,
      prober: describeProber(prober),
    }),
  );

  const stop = waitForStop(flags.duration, env.signals, env.timers);
  await stop.reason;
  await closeInOrder([
    () => capture?.stop(),
    dashboard.stop,
    () => neighbours?.stop(),
    () => watcher.stop(),
    outputs.close,
  ]);
  stop.release();
}
