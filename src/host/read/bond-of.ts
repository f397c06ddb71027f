// Which bond an interface is a member of, as sysfs says it now: `<if>/master` links to the
// master device, whose `uevent` names it (and says DEVTYPE=bond for a bond).
import { readFileSync } from "node:fs";
import { isValidIfname } from "./commands.js";

/** The INTERFACE= line of a sysfs uevent file: the device it describes. */
function ueventInterface(text: string): string | undefined {
  return /^INTERFACE=(\S+)$/m.exec(text)?.[1];
}

/**
 * The bond (or other master) `ifname` is enslaved to; undefined when it has none, when sysfs
 * cannot be read, or when the name could leave the directory ("..", "a/b").
 */
export function readBondOf(ifname: string, sysClassNet = "/sys/class/net"): string | undefined {
  if (!isValidIfname(ifname)) return undefined;
  try {
    return ueventInterface(readFileSync(`${sysClassNet}/${ifname}/master/uevent`, "utf8"));
  } catch {
    return undefined;
  }
}
