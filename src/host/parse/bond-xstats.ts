// STUB: to be implemented.
import type { Parsed } from "../model.js";

/** `ip -s link xstats type bond` text -> per-member LACPDU counters. */
export function parseBondXstats(
  text: string,
  file: string,
): Parsed<Record<string, { lacpduRx?: number; lacpduTx?: number; line: number }>> {
  void text;
  void file;
  return { value: {}, problems: [] };
}
