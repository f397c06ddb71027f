// Solaris IPMP: /etc/hostname.<if> files and `ifconfig -a` output in the snapshot.
import type { IpmpInterface, ParseError } from "../model.js";
import { parseSolarisHostname } from "../parse/solaris-hostname.js";
import { parseSolarisIfconfig } from "../parse/solaris-ifconfig.js";
import { COMMANDS, type CommandSource } from "./commands.js";
import type { RootFs } from "./root-fs.js";

/** Solaris ifconfig prints netmasks in hex and an interface index; Linux net-tools does not. */
function looksSolaris(text: string): boolean {
  return /\bnetmask [0-9a-f]{8}\b/.test(text) || /\bmtu \d+ index \d+/.test(text);
}

export function readIpmp(
  fs: RootFs,
  commands: CommandSource,
  problems: ParseError[],
  live: boolean,
): IpmpInterface[] {
  const out: IpmpInterface[] = [];
  for (const name of fs.list("etc")) {
    const m = /^hostname6?\.(.+)$/.exec(name);
    if (!m?.[1]) continue;
    const file = `etc/${name}`;
    const text = fs.read(file);
    if (text === undefined) continue;
    const parsed = parseSolarisHostname(text, file, m[1]);
    problems.push(...parsed.problems);
    out.push(...parsed.value);
  }
  // This tool runs on Linux: Solaris `ifconfig -a` output only comes from a snapshot.
  const ifconfig = live ? undefined : commands.run(COMMANDS.ifconfigAll);
  if (ifconfig && looksSolaris(ifconfig.text)) {
    const parsed = parseSolarisIfconfig(ifconfig.text, ifconfig.file);
    problems.push(...parsed.problems);
    out.push(...parsed.value);
  }
  return out;
}
