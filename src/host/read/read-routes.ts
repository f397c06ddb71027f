// Routes: `ip -j route` (live, snapshot) or the text sos keeps.
import type { ParseError, Route } from "../model.js";
import { parseIpRouteJson } from "../parse/ip-json.js";
import { parseIpRouteText } from "../parse/ip-route-text.js";
import { COMMANDS, type CommandSource } from "./commands.js";

export function readRoutes(commands: CommandSource, problems: ParseError[]): Route[] {
  const json = commands.run(COMMANDS.ipJsonRoute);
  if (json) {
    const parsed = parseIpRouteJson(json.text, json.file);
    problems.push(...parsed.problems);
    return parsed.value;
  }
  const text = commands.run(COMMANDS.ipRouteTableAll);
  if (!text) return [];
  const parsed = parseIpRouteText(text.text, text.file);
  problems.push(...parsed.problems);
  return parsed.value;
}
