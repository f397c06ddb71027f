// STUB: to be implemented.
import type { Parsed } from "../model.js";
import type { ConfigResult } from "./config-result.js";

/** A set of RHEL/SUSE ifcfg-* files (name -> text) from one network-scripts directory. */
export function parseIfcfgSet(files: Array<{ file: string; text: string }>): Parsed<ConfigResult> {
  void files;
  return { value: { bonds: [], addresses: [] }, problems: [] };
}
