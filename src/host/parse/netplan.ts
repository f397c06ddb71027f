// STUB: to be implemented.
import type { Parsed } from "../model.js";
import type { ConfigResult } from "./config-result.js";

/** One netplan YAML file. */
export function parseNetplan(text: string, file: string): Parsed<ConfigResult> {
  void text;
  void file;
  return { value: { bonds: [], addresses: [] }, problems: [] };
}
