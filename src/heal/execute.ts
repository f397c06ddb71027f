// Runs a plan's commands and reads the kernel back: an action is done only when sysfs says so.
// Every command runs even after one fails (a member taken down must be brought up again).
import { readFileSync } from "node:fs";
import { CommandError, type RunOptions, run } from "../host/exec.js";
import { readBondOf } from "../host/read/bond-of.js";
import type { HealPlan } from "./plan.js";

/** A command that failed, as an event's data carries it. */
interface FailedCommand {
  argv: string[];
  code: number | string | null;
  stderr: string;
}

/** What the commands of a plan did: failed commands and read-back disagreements, as text. */
export interface Outcome {
  failed: FailedCommand[];
  errors: string[];
}

export interface ExecuteDeps {
  sysClassNet?: string | undefined;
  /** Runs one command (default: host/exec's run); rejects with a CommandError. */
  run?: ((argv: string[], options: RunOptions) => Promise<string>) | undefined;
}

function failedCommand(argv: string[], err: unknown): FailedCommand {
  if (err instanceof CommandError)
    return { argv: [...err.argv], code: err.code, stderr: err.stderr };
  return { argv, code: null, stderr: (err as Error).message };
}

/** IFF_UP from sysfs; null when it cannot be read. */
function adminUp(ifname: string, sysClassNet = "/sys/class/net"): boolean | null {
  try {
    const flags = readFileSync(`${sysClassNet}/${ifname}/flags`, "utf8");
    return (Number.parseInt(flags.trim(), 16) & 1) === 1;
  } catch {
    return null;
  }
}

/** What is wrong with the interface after the action, read back from sysfs; [] if nothing. */
function readBack(ifname: string, expect: HealPlan["expect"], sysClassNet?: string): string[] {
  const wrong: string[] = [];
  if (expect?.master !== undefined) {
    const master = readBondOf(ifname, sysClassNet);
    if (master !== expect.master)
      wrong.push(`${ifname} is ${master ? `in ${master}` : "in no bond"}, not in ${expect.master}`);
  }
  if (expect?.up !== undefined) {
    const up = adminUp(ifname, sysClassNet);
    if (up !== expect.up)
      wrong.push(`${ifname} is ${up === null ? "unreadable" : up ? "up" : "down"}`);
  }
  return wrong;
}

/** Runs every command of the plan (even after one fails), then reads the kernel back. */
export async function execute(plan: HealPlan, deps: ExecuteDeps): Promise<Outcome> {
  const exec = deps.run ?? run;
  const failed: FailedCommand[] = [];
  for (const argv of plan.commands) {
    await exec(argv, { timeoutMs: 30_000, ...(plan.env && { env: plan.env }) }).catch(
      (err: unknown) => failed.push(failedCommand(argv, err)),
    );
  }
  const wrong = readBack(plan.subject, plan.expect, deps.sysClassNet);
  const errors = [
    ...failed.map(
      (f) =>
        `${f.argv.join(" ")}: ${f.stderr.trim().split("\n")[0] || `exit code ${String(f.code)}`}`,
    ),
    ...wrong.map((w) => `read back: ${w}`),
  ];
  return { failed, errors };
}
