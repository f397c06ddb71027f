// STUB: to be implemented.
import type { NicDriver, Parsed } from "../model.js";

/** `ethtool -i <if>` output. */
export function parseEthtoolInfo(text: string, file: string): Parsed<NicDriver | undefined> {
  void text;
  void file;
  return { value: undefined, problems: [] };
}
