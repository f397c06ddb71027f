// Kernel settings: the running values (procfs, or `sysctl -a` in a sosreport) first, then the
// persistent files (sysctl.conf, sysctl.d) for keys the running values do not show.
import type { ParseError, Sysctl } from "../model.js";
import { parseSysctl, sysctlKeyFromProcPath } from "../parse/sysctl.js";
import { COMMANDS, type CommandSource } from "./commands.js";
import type { RootFs } from "./root-fs.js";

/** The per-interface IPv4 settings the rules read; reading all of /proc/sys is slow. */
const CONF_KEYS = ["arp_ignore", "arp_announce", "arp_filter", "rp_filter", "promote_secondaries"];

function readProcSys(fs: RootFs): Sysctl[] {
  const out: Sysctl[] = [];
  for (const rel of ["proc/sys/net/ipv4/ip_forward"]) {
    const value = fs.read(rel)?.trim();
    if (value !== undefined)
      out.push({
        key: sysctlKeyFromProcPath(rel.slice("proc/sys/".length)),
        value,
        source: { file: rel, line: 1, text: value },
      });
  }
  const base = "proc/sys/net/ipv4/conf";
  for (const iface of fs.list(base)) {
    for (const key of CONF_KEYS) {
      const rel = `${base}/${iface}/${key}`;
      const value = fs.read(rel)?.trim();
      if (value === undefined) continue;
      const name = sysctlKeyFromProcPath(rel.slice("proc/sys/".length));
      out.push({ key: name, value, source: { file: rel, line: 1, text: value } });
    }
  }
  return out;
}

export function readSysctls(
  fs: RootFs,
  commands: CommandSource,
  problems: ParseError[],
  live: boolean,
): Record<string, Sysctl> {
  const byKey: Record<string, Sysctl> = {};
  const take = (list: Sysctl[]) => {
    for (const s of list) byKey[s.key] ??= s;
  };
  take(readProcSys(fs));
  if (!live) {
    const out = commands.run(COMMANDS.sysctlAll);
    if (out) {
      const parsed = parseSysctl(out.text, out.file);
      problems.push(...parsed.problems);
      take(parsed.value);
    }
  }
  const files = [
    "etc/sysctl.conf",
    ...fs
      .list("etc/sysctl.d")
      .filter((n) => n.endsWith(".conf"))
      .map((n) => `etc/sysctl.d/${n}`),
  ];
  // sysctl.d files apply in name order, sysctl.conf last: later files win.
  const persistent: Record<string, Sysctl> = {};
  for (const file of [...files.slice(1), files[0] as string]) {
    const text = fs.read(file);
    if (text === undefined) continue;
    const parsed = parseSysctl(text, file);
    problems.push(...parsed.problems);
    for (const s of parsed.value) persistent[s.key] = s;
  }
  take(Object.values(persistent));
  return byKey;
}
