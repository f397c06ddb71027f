// Teams (teamd): `teamdctl <team> state dump` output, live or as sos stored it.
import type { NetInterface, ParseError, Team } from "../model.js";
import { parseTeamdState } from "../parse/teamd-state.js";
import { type CommandSource, isValidIfname, teamdctlState } from "./commands.js";
import type { RootFs } from "./root-fs.js";

export function readTeams(
  fs: RootFs,
  commands: CommandSource,
  interfaces: Record<string, NetInterface>,
  problems: ParseError[],
): Team[] {
  const names = new Set(
    Object.values(interfaces)
      .filter((i) => i.kind === "team")
      .map((i) => i.name),
  );
  // sos stores one file per team: teamdctl_<team>_state_dump
  for (const f of fs.list("sos_commands/teamd")) {
    const m = /^teamdctl_(.+)_state_dump$/.exec(f);
    if (m?.[1]) names.add(m[1]);
  }
  const teams: Team[] = [];
  for (const name of [...names].sort()) {
    if (!isValidIfname(name)) continue;
    const out = commands.run(teamdctlState(name));
    if (!out) continue;
    const parsed = parseTeamdState(out.text, out.file, name);
    problems.push(...parsed.problems);
    if (parsed.value) teams.push(parsed.value);
  }
  return teams;
}
