// `doctor` over many roots: check the config once, read the hosts (fleet-pool), then print
// the fleet table / JSON / Nagios line and exit with the fleet's code.
import { availableParallelism } from "node:os";
import { ConfigError, silencesOf } from "../config/config.js";
import { loadCheckedConfig } from "../config/load.js";
import { VERSION } from "../config/version.js";
import type { Silence } from "../doctor/engine.js";
import { buildFleet } from "../doctor/fleet.js";
import { renderFleetJson } from "../doctor/render/fleet-json.js";
import { renderFleetNagios } from "../doctor/render/fleet-nagios.js";
import { renderFleetText } from "../doctor/render/fleet-text.js";
import { diagnoseFleet } from "./fleet-pool.js";
import type { PlannedRoot } from "./fleet-roots.js";
import type { OutputFormat } from "./output-format.js";

export interface FleetCommandOptions {
  format: OutputFormat;
  config?: string;
  brief: boolean;
  /** ANSI colours in the text table (a terminal, no NO_COLOR, no --no-color). */
  color: boolean;
  jobs: number;
}

/** Width for the fleet table: $COLUMNS, else the terminal's, else 80. */
function tableWidth(): number {
  const fromEnv = Number.parseInt(process.env.COLUMNS ?? "", 10);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return process.stdout.isTTY ? process.stdout.columns : 80;
}

/**
 * Leave a CPU for the tar processes and the main thread. Measured on 2 CPUs: a second
 * worker did not pay, each one costs ~130 ms to load the rules (docs/doctor.md).
 */
export function defaultJobs(): number {
  return Math.min(3, Math.max(1, availableParallelism() - 1));
}

export async function runFleet(roots: PlannedRoot[], options: FleetCommandOptions): Promise<void> {
  let silences: Silence[];
  try {
    // A bad config stops the run before any host is read.
    silences = silencesOf((await loadCheckedConfig(options.config)).config);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`linkguard doctor: ${err.message}\n`);
    process.exitCode = 3;
    return;
  }
  // Should the run end early for any reason, it must not look like a healthy fleet.
  process.exitCode = 3;
  const fleet = buildFleet(await diagnoseFleet(roots, { jobs: options.jobs, silences }));
  const out =
    options.format === "json"
      ? renderFleetJson(fleet, VERSION)
      : options.format === "nagios"
        ? renderFleetNagios(fleet)
        : renderFleetText(fleet, {
            width: tableWidth(),
            brief: options.brief,
            color: options.color,
          });
  process.stdout.write(out);
  process.exitCode = fleet.summary.exit;
}
