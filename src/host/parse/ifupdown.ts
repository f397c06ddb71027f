// Debian /etc/network/interfaces as ifupdown (bond_mode, slaves), ifupdown2 (bond-mode,
// bond-slaves) and ifupdown-ng (bond-members, "use bond" + "requires") write it. Members may
// instead name their bond with "bond-master" (cloud-init, with "bond-slaves none" on the bond).

import type { Evidence } from "../../lib/evidence.js";
import { evidence, numberedLines } from "../../lib/text.js";
import type { ConfiguredBond, Parsed } from "../model.js";
import { ParseError } from "../model.js";
import type { ConfigResult } from "./config-result.js";
import { addMember, makeAddress, maskOrPrefix, newBond, setOption } from "./config-values.js";

interface Option {
  key: string;
  value: string;
  ev: Evidence;
}

interface Stanza {
  name: string;
  family?: string;
  options: Option[];
  ev: Evidence;
}

// Stanza openers (interfaces(5), ifupdown2, ifupdown-ng); only "iface" and "template" take options.
const OPENERS =
  /^(iface|template|mapping|auto|allow-\S+|source|source-directory|source-dir|rename|no-auto-down|no-scripts)$/;
const MEMBER_KEYS = new Set(["slaves", "bond-slaves", "bond_slaves", "bond-members", "bond-ports"]);
const MASTER_KEYS = new Set(["bond-master", "bond_master"]);
// ifupdown2 names that differ from the kernel's (ifupdown2 addons/bond.py).
const ALIASES: Record<string, string> = {
  ad_sys_priority: "ad_actor_sys_prio",
  ad_sys_mac_addr: "ad_actor_system",
};

/** "bond-xmit-hash-policy" / "bond_mode" -> kernel option name; undefined for non-bond keys. */
function kernelOption(key: string): string | undefined {
  if (!/^bond[-_]/.test(key) || MEMBER_KEYS.has(key) || MASTER_KEYS.has(key)) return undefined;
  const k = key.slice(5).replace(/-/g, "_");
  return ALIASES[k] ?? k;
}

function readStanzas(text: string, file: string, problems: ParseError[]): Stanza[] {
  const stanzas: Stanza[] = [];
  let current: Stanza | undefined;
  const lines = numberedLines(text);
  for (let i = 0; i < lines.length; i++) {
    const { n, text: raw } = lines[i] ?? { n: 0, text: "" };
    let line = raw;
    // A trailing backslash continues the line (interfaces(5)).
    while (line.endsWith("\\") && i + 1 < lines.length)
      line = `${line.slice(0, -1)} ${lines[++i]?.text ?? ""}`;
    const t = line.trim();
    if (t === "" || t.startsWith("#")) continue;
    const [word = "", ...rest] = t.split(/\s+/);
    const ev = evidence(file, n, raw);
    if (OPENERS.test(word)) {
      current = undefined;
      if (word !== "iface" && word !== "template") continue; // auto, source...: nothing to record
      const [name, family] = rest;
      if (name === undefined) {
        problems.push(new ParseError(file, n, `${word} without an interface name`, raw));
        continue;
      }
      current = { name, options: [], ev, ...(family ? { family } : {}) };
      stanzas.push(current);
      continue;
    }
    if (current) current.options.push({ key: word, value: rest.join(" "), ev });
    else if (!/^(map|script)$/.test(word))
      problems.push(new ParseError(file, n, `"${word}" is outside any iface stanza`, raw));
  }
  return stanzas;
}

const has = (s: Stanza, pred: (o: Option) => boolean) => s.options.some(pred);
const isBondStanza = (s: Stanza) =>
  !has(s, (o) => MASTER_KEYS.has(o.key)) &&
  has(
    s,
    (o) =>
      MEMBER_KEYS.has(o.key) ||
      kernelOption(o.key) !== undefined ||
      (o.key === "use" && o.value === "bond"),
  );

function addresses(s: Stanza, out: ConfigResult, problems: ParseError[]): void {
  const mask = s.options.filter((o) => o.key === "netmask").pop();
  const prefix = mask ? maskOrPrefix(mask.value) : undefined;
  if (mask && prefix === undefined)
    problems.push(
      new ParseError(mask.ev.file, mask.ev.line, `"${mask.value}" is not a netmask`, mask.ev.text),
    );
  const broadcast = s.options.find((o) => o.key === "broadcast")?.value;
  for (const o of s.options) {
    // "address 0.0.0.0" only brings the link up without an address (Proxmox VLAN stanzas).
    if (o.key !== "address" || /^(0\.0\.0\.0|::)(\/\d+)?$/.test(o.value)) continue;
    const a = makeAddress(s.name, o.value, "ifupdown", o.ev, problems, { prefix, broadcast });
    if (a) out.addresses.push(a);
  }
}

/** Debian /etc/network/interfaces (ifupdown, ifupdown2, ifupdown-ng). */
export function parseInterfaces(text: string, file: string): Parsed<ConfigResult> {
  const problems: ParseError[] = [];
  const out: ConfigResult = { bonds: [], addresses: [] };
  const stanzas = readStanzas(text, file, problems);
  const bonds = new Map<string, ConfiguredBond>();
  const bondFor = (name: string, ev: Evidence) => {
    let b = bonds.get(name);
    if (!b) {
      b = newBond(name, "ifupdown", "bond", file, ev);
      bonds.set(name, b);
      out.bonds.push(b);
    }
    return b;
  };
  // The bond's own stanzas first: their options win over copies on the members.
  for (const s of stanzas.filter(isBondStanza)) {
    const b = bondFor(s.name, s.ev);
    const ngBond = has(s, (o) => o.key === "use" && o.value === "bond");
    for (const o of s.options) {
      const opt = kernelOption(o.key);
      if (opt) setOption(b, opt, o.value, o.ev, problems, "kernel");
      // ifupdown-ng: a bond's "requires" lists its members.
      if (MEMBER_KEYS.has(o.key) || (ngBond && o.key === "requires")) {
        for (const m of o.value.split(/\s+/)) if (m !== "none") addMember(b, m, o.ev);
      }
    }
  }
  for (const s of stanzas) {
    const master = s.options.find((o) => MASTER_KEYS.has(o.key));
    if (!master) continue;
    const b = bondFor(master.value, master.ev);
    addMember(b, s.name, master.ev);
    // ifenslave lets a member carry the bond's options; use them only where the bond is silent.
    for (const o of s.options) {
      const opt = kernelOption(o.key);
      if (opt && b.options[opt] === undefined) setOption(b, opt, o.value, o.ev, problems, "kernel");
    }
  }
  for (const s of stanzas) addresses(s, out, problems);
  return { value: out, problems };
}
