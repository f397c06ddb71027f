// STUB: to be implemented.
import type { Bond, Parsed } from "../model.js";

/** /proc/net/bonding/<bond> text (any driver version, also a `tail -v` multi-file dump) -> bonds. */
export function parseProcNetBonding(text: string, file: string, bondName: string): Parsed<Bond[]> {
  void text;
  void file;
  void bondName;
  return { value: [], problems: [] };
}
