// STUB: to be implemented.
import type { Parsed } from "../model.js";
import type { ConfigResult } from "./config-result.js";

/** systemd-networkd .netdev/.network files from one directory. */
export function parseNetworkdSet(
  files: Array<{ file: string; text: string }>,
): Parsed<ConfigResult> {
  void files;
  return { value: { bonds: [], addresses: [] }, problems: [] };
}
