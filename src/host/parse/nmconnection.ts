// STUB: to be implemented.
import type { Parsed } from "../model.js";
import type { ConfigResult } from "./config-result.js";

/** NetworkManager keyfiles (*.nmconnection) from one directory; ports refer to controllers by name or UUID. */
export function parseNmConnectionSet(
  files: Array<{ file: string; text: string }>,
): Parsed<ConfigResult> {
  void files;
  return { value: { bonds: [], addresses: [] }, problems: [] };
}
