// The bond the configuration files describe is not the bond that is running.
import { normalizeFailOverMac, normalizeLacpRate } from "../../host/bond-mode.js";
import type {
  Bond,
  ConfiguredBond,
  ConfiguredBondEvidenceKey,
  HostSnapshot,
  MemberMatch,
} from "../../host/model.js";
import type { Evidence } from "../../lib/evidence.js";
import { normalizeMac } from "../../lib/net.js";
import { present } from "../rule-helpers.js";
import type { Finding, Rule } from "../types.js";

type Drift = { option: string; configured: string; running: string; evidence: Evidence[] };
type Ev = Evidence | undefined;

const ID = "config-runtime-drift";
/** A snapshot path as it is on the host: etc/x -> /etc/x. */
const onHost = (f: string) => (f.startsWith("/") ? f : `/${f}`);

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
/** sysfs prints "slow 0", "none 0": keep the name. */
const word = (v: string | undefined) => v?.trim().split(/\s+/)[0];

function cfgEv(c: ConfiguredBond, ...keys: ConfiguredBondEvidenceKey[]): Evidence {
  for (const k of keys) if (c.ev[k]) return c.ev[k];
  return { file: c.file, line: 0, text: "" };
}

/** fnmatch-style glob (netplan `match: name: "en*"`) as a whole-name test. */
function globMatch(glob: string, name: string): boolean {
  const re = glob
    .replace(/[.+^${}()|\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${re}$`).test(name);
}

/**
 * The running members a configured member stands for. A plain name stands for itself; a MAC
 * (keyfiles written by cloud-init) or a netplan `match:` (driver, MAC, name glob) stands for
 * the running members it matches. undefined: the input lacks the facts to tell.
 */
function resolveMember(
  s: HostSnapshot,
  c: ConfiguredBond,
  b: Bond,
  m: string,
): string[] | undefined {
  const mac = normalizeMac(m);
  const want: MemberMatch | undefined = c.memberMatch?.[m] ?? (mac ? { mac } : undefined);
  if (!want) return [m];
  const hits: string[] = [];
  let unknown = false;
  for (const sl of b.slaves) {
    const i = s.interfaces[sl.name];
    const checks: Array<boolean | undefined> = [];
    if (want.name) checks.push(globMatch(want.name, sl.name));
    if (want.mac) {
      const have = sl.permanentMac ?? i?.permanentMac ?? i?.mac;
      checks.push(have === undefined ? undefined : have === want.mac);
    }
    if (want.driver) {
      const have = i?.driver?.driver;
      checks.push(have === undefined ? undefined : have === want.driver);
    }
    if (checks.includes(false)) continue;
    if (checks.includes(undefined)) unknown = true;
    else hits.push(sl.name);
  }
  if (hits.length > 0) return hits;
  return unknown ? undefined : [m];
}

/** Only what both sides state is compared. */
function drifts(s: HostSnapshot, c: ConfiguredBond, b: Bond): Drift[] {
  const out: Drift[] = [];
  const add = (option: string, configured: string, running: string, ev: Ev[]) => {
    if (!same(configured, running))
      out.push({ option, configured, running, evidence: present(...ev) });
  };
  if (c.mode && c.mode !== "unknown" && b.mode !== "unknown")
    add("mode", c.mode, b.mode, [cfgEv(c, "mode"), b.ev.mode ?? b.source]);
  const resolved = c.members.map((m) => resolveMember(s, c, b, m));
  const members = [...new Set(resolved.flatMap((r) => r ?? []))].sort();
  // A member the input cannot resolve (its driver or MAC not collected): do not guess.
  if (members.length > 0 && !resolved.includes(undefined)) {
    const running = b.slaves.map((s) => s.name).sort();
    const odd = b.slaves.filter((s) => !members.includes(s.name)).map((s) => s.source);
    const ev = [cfgEv(c, "members", ...members.map((m) => `member:${m}` as const)), ...odd];
    if (running.length === 0) ev.push(b.source);
    add("members", members.join(" "), running.join(" ") || "(none)", ev);
  }
  const miimon = c.options.miimon;
  if (miimon !== undefined && /^\d+$/.test(miimon.trim()) && b.miimon !== undefined)
    add("miimon", String(Number(miimon)), String(b.miimon), [cfgEv(c, "miimon"), b.ev.miimon]);
  const rateC = normalizeLacpRate(c.options.lacp_rate);
  const rateR = normalizeLacpRate(word(b.ad?.lacpRate));
  if (rateC && rateR) add("lacp_rate", rateC, rateR, [cfgEv(c, "lacp_rate"), b.ev.lacpRate]);
  const fomC = normalizeFailOverMac(c.options.fail_over_mac);
  // /proc/net/bonding prints "(fail_over_mac ...)" only when it is not none.
  const fromProc = b.source.file.startsWith("proc/net/bonding");
  const fomR =
    normalizeFailOverMac(word(b.failOverMac)) ??
    (b.mode === "active-backup" && fromProc ? "none" : undefined);
  if (fomC && fomR)
    add("fail_over_mac", fomC, fomR, [cfgEv(c, "fail_over_mac"), b.ev.failOverMac ?? b.ev.mode]);
  const primary = c.options.primary;
  if (primary && b.primary !== undefined)
    add("primary", primary, b.primary || "none", [cfgEv(c, "primary"), b.ev.primary]);
  return out;
}

function applyCommands(c: ConfiguredBond, members: string[]): string[] {
  const n = c.name;
  const nm = `nmcli connection reload && nmcli device disconnect ${n} && nmcli connection up ifname ${n}`;
  switch (c.format) {
    case "ifcfg":
      return [
        `${nm}   # NetworkManager (RHEL 8 and later)`,
        `ifdown ${n} && ifup ${n}   # network-scripts (RHEL/CentOS 7: or systemctl restart network)`,
      ];
    case "nmconnection":
      return [nm];
    case "netplan":
      return [`ip link delete ${n} && netplan apply   # networkd keeps old bond parameters`];
    case "networkd":
      return [
        `networkctl reload && networkctl reconfigure ${n}`,
        `# if the values did not change ("netdev exists, using existing without changing its parameters"):`,
        `ip link delete ${n} && networkctl reload && networkctl reconfigure ${members.join(" ") || n}`,
      ];
    default:
      return [`ifdown ${n} && ifup ${n}`];
  }
}

function driftFinding(s: HostSnapshot, c: ConfiguredBond, ds: Drift[]): Finding {
  const others = s.configuredBonds
    .filter((o) => o !== c && o.name === c.name)
    .map((o) => `${onHost(o.file)} (${o.format})`);
  const first = ds[0] as Drift;
  const title =
    ds.length === 1
      ? `${c.name}: ${onHost(c.file)} says ${first.option} ${first.configured}, the running bond has ${first.running}`
      : `${c.name} runs with ${ds.length} settings that differ from ${onHost(c.file)} (${ds.map((d) => d.option).join(", ")})`;
  return {
    rule: ID,
    severity: "warning",
    subject: c.name,
    title,
    explanation:
      `${ds.map((d) => `${d.option}: ${d.configured} in the file, ${d.running} running`).join("; ")}. ` +
      "Bonding options are applied when the bond is created: editing the file changes nothing until the interface is restarted, and the running bond keeps its old values until then (incident 000: after setting BONDING_OPTS mode=1 in ifcfg-bond0, /proc/net/bonding/bond0 went on showing 802.3ad until the network was restarted). " +
      "Either a change was never applied, or the running bond was changed by hand and the next reboot or restart will silently bring the file's values back — with a mode change the switch side (LACP port-channel or plain ports) must match too." +
      (others.length > 0
        ? ` It is also defined in ${others.join(", ")}: only one should be used.`
        : ""),
    evidence: ds.flatMap((d) => d.evidence),
    fix: [
      "# restarting the bond drops its traffic for a few seconds: use the console (iDRAC/iLO) or a maintenance window",
      ...applyCommands(c, c.members),
      `# or, if the running values are the right ones, write them into ${onHost(c.file)}: ${ds.map((d) => `${d.option} ${d.running}`).join(", ")}`,
    ],
  };
}

export const rule: Rule = {
  id: ID,
  title: "A bond's configuration files and its running state disagree",
  severity: "warning",
  doc: {
    what: "Compares each bond declared in ifcfg, NetworkManager keyfiles, netplan, systemd-networkd or ifupdown files with the running bond of the same name: mode, members, miimon, lacp_rate, fail_over_mac and primary, where both sides state them. Each disagreeing file is reported; a configured bond that is not running is reported as info.",
    why: "Bonding options take effect when the bond is created, so an edited file and the running bond drift apart until the interface is restarted (incident 000 changed BONDING_OPTS and had to restart the network to see it). A drifted host behaves differently after its next reboot, usually when nobody is watching.",
    evidence:
      "The option's line in the configuration file and the matching line of /proc/net/bonding/<bond> or /sys/class/net/<bond>/bonding.",
    fix: "Apply the file (`nmcli connection up`, `ifdown/ifup`, `netplan apply`, `networkctl reload`; networkd and netplan need the bond deleted first to change its parameters) or write the running values into the file.",
    references: [
      "kernel Documentation/networking/bonding.rst: 'Configuring Bonding Devices', 'Bonding Driver Options'",
      "systemd.netdev(5) and systemd issue #9627: existing netdevs keep their parameters",
      "nmcli(1), netplan-apply(8), interfaces(5)",
    ],
  },
  check(s) {
    const out: Finding[] = [];
    const runtimeKnown = s.bonds.length > 0 || Object.keys(s.interfaces).length > 0;
    for (const c of s.configuredBonds) {
      if (c.kind !== "bond") continue;
      const b = s.bonds.find((x) => x.name === c.name);
      if (b) {
        const ds = drifts(s, c, b);
        if (ds.length > 0) out.push(driftFinding(s, c, ds));
        continue;
      }
      if (!runtimeKnown || s.interfaces[c.name]) continue;
      out.push({
        rule: ID,
        severity: "info",
        subject: c.name,
        title: `${c.name} is configured in ${onHost(c.file)} but not running`,
        explanation: `${onHost(c.file)} (${c.format}) declares bond ${c.name}, but the host has no such interface. Either the file is left over, or the bond failed to come up (ONBOOT=no, a missing bonding module, a renamed member NIC) and the redundancy it promises is not there.`,
        evidence: [cfgEv(c, "name", "mode")],
        fix: [...applyCommands(c, c.members), "# or delete the file if unwanted"],
      });
    }
    return out;
  },
};
