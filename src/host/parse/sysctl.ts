// STUB: to be implemented.
import type { Parsed, Sysctl } from "../model.js";

/** `sysctl -a` output and sysctl.conf / sysctl.d files. */
export function parseSysctl(text: string, file: string): Parsed<Sysctl[]> {
  void text;
  void file;
  return { value: [], problems: [] };
}
