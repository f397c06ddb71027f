// A member's carrier at start, from sysfs under a root (`/` live; a directory in tests):
// true, false, or null when it cannot be read (no such interface, or it is down).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isValidIfname } from "../host/read/commands.js";

export function carrierReader(root: string): (ifname: string) => boolean | null {
  return (ifname) => {
    if (!isValidIfname(ifname)) return null;
    try {
      return readFileSync(join(root, "sys/class/net", ifname, "carrier"), "utf8").trim() === "1";
    } catch {
      return null;
    }
  };
}
