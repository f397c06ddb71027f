// RHEL initscripts and SUSE/wicked ifcfg-* files: shell KEY=value assignments.
// Bonds come from BONDING_MASTER/TYPE=Bond/BONDING_OPTS, teams from DEVICETYPE=Team/TEAM_*;
// ports name their master (MASTER=, TEAM_MASTER=) or the master lists them (BONDING_SLAVE_N).

import type { Evidence } from "../../lib/evidence.js";
import { evidence, numberedLines } from "../../lib/text.js";
import type { ConfiguredBond, Parsed } from "../model.js";
import { ConfigConflict, ParseError } from "../model.js";
import type { ConfigResult } from "./config-result.js";
import {
  addMember,
  applyTeamJson,
  type ConfigFile,
  makeAddress,
  maskOrPrefix,
  newBond,
  setOption,
  setRunner,
} from "./config-values.js";

interface ShellVar {
  value: string;
  ev: Evidence;
}
type Vars = Map<string, ShellVar>;

/** Parse one quoted/unquoted shell word; a quote left open continues onto the next line. */
function readValue(src: string): { value: string; rest: string; open: boolean } {
  let value = "";
  let quote: string | undefined;
  let i = 0;
  for (; i < src.length; i++) {
    const c = src[i] ?? "";
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else value += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === "\\" && /["\\$`]/.test(src[i + 1] ?? "")) value += src[++i];
      else value += c;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "\\") value += src[++i] ?? "";
    else if (/\s/.test(c)) break;
    else value += c;
  }
  return { value, rest: src.slice(i).trim(), open: quote !== undefined };
}

function parseShell(text: string, file: string, problems: ParseError[]): Vars {
  const vars: Vars = new Map();
  const lines = numberedLines(text);
  for (let i = 0; i < lines.length; i++) {
    const { n, text: line } = lines[i] ?? { n: 0, text: "" };
    const t = line.trim();
    if (t === "" || t.startsWith("#")) continue;
    const m = /^(?:export\s+)?([A-Za-z_]\w*)=(.*)$/.exec(t);
    if (!m) {
      problems.push(new ParseError(file, n, "expected KEY=value", line));
      continue;
    }
    let src = m[2] ?? "";
    let whole = line;
    let r = readValue(src);
    while (r.open && i + 1 < lines.length) {
      const next = lines[++i]?.text ?? "";
      src += `\n${next}`;
      whole += `\n${next}`;
      r = readValue(src);
    }
    if (r.open) problems.push(new ParseError(file, n, "quote is never closed", line));
    else if (r.rest !== "" && !r.rest.startsWith("#"))
      problems.push(new ParseError(file, n, `unquoted text after the value: "${r.rest}"`, line));
    vars.set(m[1] ?? "", { value: r.value, ev: evidence(file, n, whole) });
  }
  return vars;
}

const yes = (v: ShellVar | undefined) => v !== undefined && /^(yes|true|on|1)$/i.test(v.value);
const is = (v: ShellVar | undefined, want: string) => v?.value.toLowerCase() === want;
// initscripts skip editor and package-manager leftovers (ifcfg-eth0.bak, .rpmsave...).
const SKIPPED = /(~|\.(bak|orig|old|rpmnew|rpmorig|rpmsave|swp))$/;

interface IfcfgFile {
  name: string;
  nameEv: Evidence;
  vars: Vars;
}

/** Every VAR<suffix> (BONDING_SLAVE0, BONDING_SLAVE_1, IPADDR_2...) in file order. */
function suffixed(vars: Vars, prefix: string): Array<[string, ShellVar]> {
  const out: Array<[string, ShellVar]> = [];
  for (const [k, v] of vars) if (k.startsWith(prefix)) out.push([k.slice(prefix.length), v]);
  return out;
}

function declareMaster(
  f: IfcfgFile,
  file: string,
  problems: ParseError[],
): ConfiguredBond | undefined {
  const v = f.vars;
  const bondOpts = v.get("BONDING_OPTS") ?? v.get("BONDING_MODULE_OPTS");
  const isBond =
    yes(v.get("BONDING_MASTER")) ||
    is(v.get("TYPE"), "bond") ||
    (bondOpts !== undefined && !v.has("MASTER"));
  const isTeam =
    is(v.get("DEVICETYPE"), "team") ||
    is(v.get("TYPE"), "team") ||
    v.has("TEAM_RUNNER") ||
    suffixed(v, "TEAM_PORT_DEVICE").length > 0 ||
    (v.has("TEAM_CONFIG") && !v.has("TEAM_MASTER"));
  if (!isBond && !isTeam) return undefined;
  const bond = newBond(f.name, "ifcfg", isBond ? "bond" : "team", file, f.nameEv);
  if (bondOpts) {
    for (const tok of bondOpts.value.split(/\s+/).filter(Boolean)) {
      const eq = tok.indexOf("=");
      if (eq <= 0) {
        problems.push(
          new ParseError(file, bondOpts.ev.line, `"${tok}" is not option=value`, bondOpts.ev.text),
        );
        continue;
      }
      setOption(bond, tok.slice(0, eq), tok.slice(eq + 1), bondOpts.ev, problems, "kernel");
    }
  }
  for (const [, s] of suffixed(v, "BONDING_SLAVE")) addMember(bond, s.value, s.ev);
  for (const [, s] of suffixed(v, "TEAM_PORT_DEVICE_")) addMember(bond, s.value, s.ev);
  const teamCfg = v.get("TEAM_CONFIG");
  if (teamCfg) applyTeamJson(bond, teamCfg.value, teamCfg.ev, problems);
  // wicked spells teamd settings as separate variables (ifcfg-team(5)).
  const runner = v.get("TEAM_RUNNER");
  if (runner) setRunner(bond, runner.value, runner.ev);
  const hash = v.get("TEAM_LB_TX_HASH");
  if (hash) {
    bond.options.tx_hash = hash.value;
    bond.ev.tx_hash = hash.ev;
  }
  const watches = suffixed(v, "TEAM_LW_NAME").filter(([sfx]) => /^(_\d+)?$/.test(sfx));
  if (watches.length > 0) {
    bond.options.link_watch = watches.map(([, w]) => w.value).join(",");
    const first = watches[0]?.[1].ev;
    if (first !== undefined) bond.ev.link_watch = first;
  }
  return bond;
}

function addresses(f: IfcfgFile, out: ConfigResult, problems: ParseError[]): void {
  const v = f.vars;
  for (const [sfx, ip] of suffixed(v, "IPADDR")) {
    if (ip.value === "") continue;
    const mask = v.get(`PREFIX${sfx}`) ?? v.get(`PREFIXLEN${sfx}`) ?? v.get(`NETMASK${sfx}`);
    const prefix = mask ? maskOrPrefix(mask.value) : undefined;
    if (mask && prefix === undefined)
      problems.push(
        new ParseError(
          mask.ev.file,
          mask.ev.line,
          `"${mask.value}" is not a netmask`,
          mask.ev.text,
        ),
      );
    // SUSE labels an extra address LABEL_x=y, which the kernel shows as "eth0:y".
    const label = v.get(`LABEL${sfx}`)?.value;
    const name = label && !f.name.includes(":") ? `${f.name}:${label}` : f.name;
    const broadcast = v.get(`BROADCAST${sfx}`)?.value || undefined;
    const a = makeAddress(name, ip.value, "ifcfg", ip.ev, problems, { prefix, broadcast });
    if (a) out.addresses.push(a);
  }
  const v6 = [v.get("IPV6ADDR"), v.get("IPV6ADDR_SECONDARIES")];
  for (const s of v6) {
    for (const word of s?.value.split(/\s+/).filter(Boolean) ?? []) {
      const a = s && makeAddress(f.name, word, "ifcfg", s.ev, problems);
      if (a) out.addresses.push(a);
    }
  }
}

/** A set of RHEL/SUSE ifcfg-* files (name -> text) from one network-scripts directory. */
export function parseIfcfgSet(files: Array<{ file: string; text: string }>): Parsed<ConfigResult> {
  const problems: ParseError[] = [];
  const out: ConfigResult = { bonds: [], addresses: [] };
  const parsed: Array<IfcfgFile & ConfigFile> = [];
  for (const cf of files) {
    const base = cf.file.split("/").pop() ?? cf.file;
    if (!base.startsWith("ifcfg-") || SKIPPED.test(base)) continue; // route-*, keys-*: not ours
    const vars = parseShell(cf.text, cf.file, problems);
    const dev = vars.get("DEVICE");
    const name = dev?.value || base.slice("ifcfg-".length);
    parsed.push({ ...cf, vars, name, nameEv: dev?.ev ?? evidence(cf.file, 0, base) });
  }
  // Masters first, so ports can name them by DEVICE, UUID or NAME in any order.
  const byRef = new Map<string, ConfiguredBond>();
  for (const f of parsed) {
    const bond = declareMaster(f, f.file, problems);
    if (!bond) continue;
    const dup = out.bonds.find((b) => b.name === bond.name);
    if (dup) {
      const ev = f.nameEv;
      problems.push(
        new ConfigConflict(
          f.file,
          ev.line,
          `${bond.name} is already declared in ${dup.file}`,
          ev.text,
        ),
      );
      continue;
    }
    out.bonds.push(bond);
    for (const k of ["UUID", "NAME"]) {
      const ref = f.vars.get(k)?.value;
      if (ref) byRef.set(ref, bond);
    }
  }
  for (const f of parsed) {
    for (const key of ["MASTER", "MASTER_UUID", "TEAM_MASTER", "TEAM_MASTER_UUID"]) {
      const ref = f.vars.get(key);
      if (!ref || ref.value === "") continue;
      const bond = out.bonds.find((b) => b.name === ref.value) ?? byRef.get(ref.value);
      if (bond) addMember(bond, f.name, ref.ev);
      else {
        const why = `port refers to ${ref.value}, which no ifcfg file defines`;
        problems.push(new ConfigConflict(ref.ev.file, ref.ev.line, why, ref.ev.text));
      }
      break; // MASTER_UUID only matters when MASTER is absent
    }
    addresses(f, out, problems);
  }
  return { value: out, problems };
}
