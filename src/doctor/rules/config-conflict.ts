// Configuration files that parse but contradict each other: a port that names a bond or team
// no file defines, or one bond declared in two files.
import { ConfigConflict } from "../../host/model.js";
import type { Finding, Rule } from "../types.js";

const ID = "config-conflict";

/** "etc/sysconfig/network-scripts/ifcfg-eth1" -> "eth1"; other files keep their path. */
function subjectOf(file: string): string {
  const base = file.split("/").pop() ?? file;
  const m = /^ifcfg-(.+)$/.exec(base) ?? /^(.+)\.(netdev|network|nmconnection)$/.exec(base);
  return m?.[1] ?? file;
}

export const rule: Rule = {
  id: ID,
  title: "Network configuration files contradict each other",
  severity: "warning",
  doc: {
    what: "Reports a port whose MASTER/TEAM_MASTER, controller= or Bond= names a bond or team that no file of the same format defines, and a bond or team declared in two files of one format.",
    why: "A port that points at a missing bond is not enslaved at boot: the host comes up with one NIC fewer than the design says, silently. With two declarations of one bond, which one wins depends on file order (networkd ignores the later .netdev; initscripts read both), so a fix made in one file may never take effect.",
    evidence: "The line that names the missing bond, or the second declaration.",
    fix: "Point the port at the bond that exists (or create the bond's file), and keep exactly one declaration per bond.",
    references: [
      "nm-settings-ifcfg-rh(5): MASTER, TEAM_MASTER",
      "nm-settings-keyfile(5): connection.controller / master",
      "systemd.network(5): Bond=; systemd.netdev(5)",
    ],
  },
  check(s) {
    const out: Finding[] = [];
    for (const p of s.problems) {
      if (!(p instanceof ConfigConflict)) continue;
      out.push({
        rule: ID,
        severity: "warning",
        subject: subjectOf(p.file),
        title: `/${p.file}:${p.line}: ${p.reason}`,
        explanation:
          "The file parses, but what it says cannot all be true at once. A port that refers to a bond or team no file defines is left out at boot, so the host has less redundancy than its configuration promises; a bond declared twice is built from whichever file the tool reads first, so editing the other one changes nothing.",
        evidence: [{ file: p.file, line: p.line, text: p.text }],
        fix: [`# edit /${p.file}: name an existing bond, or remove the duplicate declaration`],
      });
    }
    return out;
  },
};
