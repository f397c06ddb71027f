// STUB: to be implemented.
import type { Bond, Parsed } from "../model.js";

/**
 * Bonding sysfs for one bond. `files` maps paths relative to /sys/class/net/<bond>/
 * ("bonding/mode", "bonding/slaves", "lower_eth0/bonding_slave/mii_status"...) to contents.
 */
export function parseBondingSysfs(
  files: Record<string, string>,
  bondName: string,
  dir: string,
): Parsed<Bond> {
  void files;
  void dir;
  return {
    value: {
      name: bondName,
      mode: "unknown",
      slaves: [],
      extra: {},
      source: { file: dir, line: 0, text: "" },
      ev: {},
    },
    problems: [],
  };
}
