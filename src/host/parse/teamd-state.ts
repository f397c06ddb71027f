// `teamdctl <team> state dump`: the running team (runner, active port, per-port link state).
import { evidence } from "../../lib/text.js";
import { type Parsed, ParseError, type Team, type TeamPort } from "../model.js";

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : undefined;

/** `teamdctl <team> state dump` JSON. */
export function parseTeamdState(
  text: string,
  file: string,
  teamName: string,
): Parsed<Team | undefined> {
  let data: Json | undefined;
  try {
    data = obj(JSON.parse(text));
  } catch (err) {
    return {
      value: undefined,
      problems: [new ParseError(file, 1, `invalid JSON: ${(err as Error).message}`)],
    };
  }
  if (!data)
    return { value: undefined, problems: [new ParseError(file, 1, "expected a JSON object")] };
  const ev = evidence(file, 1, `teamdctl ${teamName} state dump`);
  const setup = obj(data.setup);
  const runner = obj(data.runner);
  const team: Team = { name: teamName, ports: [], source: ev, ev: {} };
  const runnerName = setup?.runner_name;
  if (typeof runnerName === "string") team.runner = runnerName;
  if (typeof runner?.active_port === "string" && runner.active_port !== "")
    team.activePort = runner.active_port;
  for (const [name, raw] of Object.entries(obj(data.ports) ?? {})) {
    const p = obj(raw);
    const link = obj(p?.link);
    const port: TeamPort = { name, ev: {} };
    if (typeof link?.up === "boolean") port.linkUp = link.up;
    if (typeof link?.speed === "number") port.speedMbps = link.speed;
    if (typeof link?.duplex === "string") port.duplex = link.duplex;
    // teamd/teamd_link_watch.c: "link_watches": {"list": {"link_watch_0": {...}}, "up": bool}
    const lw = obj(p?.link_watches);
    if (typeof lw?.up === "boolean") port.linkWatchUp = lw.up;
    const watches = Object.values(obj(lw?.list) ?? {}).flatMap((w) => {
      const o = obj(w);
      if (typeof o?.name !== "string") return [];
      const one: { name: string; up?: boolean; downCount?: number } = { name: o.name };
      if (typeof o.up === "boolean") one.up = o.up;
      if (typeof o.down_count === "number") one.downCount = o.down_count;
      return [one];
    });
    if (watches.length > 0) port.linkWatches = watches;
    const pr = obj(p?.runner);
    if (typeof pr?.selected === "boolean") port.lacpSelected = pr.selected;
    if (typeof pr?.state === "string") port.lacpState = pr.state;
    team.ports.push(port);
  }
  return { value: team, problems: [] };
}
