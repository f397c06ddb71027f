// STUB: to be implemented.
import type { NetInterface, Parsed } from "../model.js";

/** Text of `ip -d address` / `ip address` / `ip -s -d link` (sosreport). */
export function parseIpAddressText(text: string, file: string): Parsed<NetInterface[]> {
  void text;
  void file;
  return { value: [], problems: [] };
}
