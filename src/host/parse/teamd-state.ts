// STUB: to be implemented.
import type { Parsed, Team } from "../model.js";

/** `teamdctl <team> state dump` JSON. */
export function parseTeamdState(
  text: string,
  file: string,
  teamName: string,
): Parsed<Team | undefined> {
  void text;
  void file;
  void teamName;
  return { value: undefined, problems: [] };
}
