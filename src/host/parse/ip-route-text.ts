// STUB: to be implemented.
import type { Parsed, Route } from "../model.js";

/** Text of `ip route` / `ip route show table all` (sosreport). */
export function parseIpRouteText(text: string, file: string): Parsed<Route[]> {
  void text;
  void file;
  return { value: [], problems: [] };
}
