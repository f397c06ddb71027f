// The healer as a watcher listener: its group is the bond the failing member is in (as sysfs
// says now), else the probing members; a member is healthy with carrier and no failed path.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Healer } from "../heal/healer.js";
import { readBondOf } from "../host/read/bond-of.js";
import type { WatchConfig } from "./config.js";
import { makeEvent } from "./detect/event.js";
import type { Watcher } from "./watcher.js";

/** The members of the bond `ifname` is in; `probeMembers` when it is in none (or sysfs fails). */
export function groupOf(ifname: string, probeMembers: string[], sysClassNet: string): string[] {
  const bond = readBondOf(ifname, sysClassNet);
  if (bond === undefined) return probeMembers;
  try {
    return readFileSync(join(sysClassNet, bond, "bonding/slaves"), "utf8")
      .trim()
      .split(/\s+/);
  } catch {
    // a master that is not a bond: the probing members are the group
    return probeMembers;
  }
}

export function startHealer(
  cfg: WatchConfig,
  watcher: Watcher,
  host: string,
  probeMembers: string[],
  sysClassNet: string,
): Healer {
  const healthy = (name: string) =>
    watcher.samples().get(name)?.carrier === true &&
    !watcher.detector.probes.failedPaths().some((p) => p.ifname === name);
  const healer = new Healer(
    cfg.heal.rules,
    {
      maxPerHour: cfg.heal.max_per_hour,
      cooldownMs: cfg.heal.cooldown_s * 1000,
      settleMs: cfg.heal.settle_s === undefined ? undefined : cfg.heal.settle_s * 1000,
      dryRun: !cfg.heal.enabled,
    },
    {
      members: (ifname) =>
        groupOf(ifname, probeMembers, sysClassNet).map((name) => ({
          name,
          healthy: healthy(name),
        })),
      raise: (kind, severity, subject, detail, data) =>
        watcher.raise([
          makeEvent({ host }, watcher.now(), kind, severity, subject, detail, {
            ifname: subject,
            data,
          }),
        ]),
    },
  );
  watcher.listen(healer);
  return healer;
}
