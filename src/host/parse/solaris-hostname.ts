// STUB: to be implemented.
import type { IpmpInterface, Parsed } from "../model.js";

/** Solaris /etc/hostname.<if> (ifconfig arguments, one logical interface per line). */
export function parseSolarisHostname(
  text: string,
  file: string,
  ifname: string,
): Parsed<IpmpInterface[]> {
  void text;
  void file;
  void ifname;
  return { value: [], problems: [] };
}
