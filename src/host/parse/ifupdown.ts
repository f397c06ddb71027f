// STUB: to be implemented.
import type { Parsed } from "../model.js";
import type { ConfigResult } from "./config-result.js";

/** Debian /etc/network/interfaces (ifupdown, ifupdown2, ifupdown-ng). */
export function parseInterfaces(text: string, file: string): Parsed<ConfigResult> {
  void text;
  void file;
  return { value: { bonds: [], addresses: [] }, problems: [] };
}
