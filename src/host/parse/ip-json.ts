// STUB: to be implemented.
import type { NetInterface, Parsed, Route } from "../model.js";

/** `ip -d -j address` or `ip -d -j link` JSON. */
export function parseIpJson(text: string, file: string): Parsed<NetInterface[]> {
  void text;
  void file;
  return { value: [], problems: [] };
}

/** `ip -j route` JSON. */
export function parseIpRouteJson(text: string, file: string): Parsed<Route[]> {
  void text;
  void file;
  return { value: [], problems: [] };
}
