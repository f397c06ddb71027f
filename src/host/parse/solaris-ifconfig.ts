// STUB: to be implemented.
import type { IpmpInterface, Parsed } from "../model.js";

/** Solaris `ifconfig -a` output (flags in hex decoded, groupname, ether). */
export function parseSolarisIfconfig(text: string, file: string): Parsed<IpmpInterface[]> {
  void text;
  void file;
  return { value: [], problems: [] };
}
