// NetworkManager keyfiles (*.nmconnection). A bond is type=bond with kernel option names in
// [bond]; a team is type=team with teamd JSON in [team] config=; ports name their controller
// (master=/controller=) by interface name, profile id or UUID.

import type { Evidence } from "../../lib/evidence.js";
import { normalizeMac } from "../../lib/net.js";
import type { ConfiguredBond, Parsed } from "../model.js";
import { ConfigConflict, ParseError } from "../model.js";
import type { ConfigResult } from "./config-result.js";
import {
  addMember,
  applyTeamJson,
  type IniEntry,
  makeAddress,
  newBond,
  parseIni,
  setOption,
} from "./config-values.js";

// Sections whose lines may be quoted in problems; any other may hold secrets (psk=, password=).
const SAFE_SECTIONS = new Set(["connection", "bond", "team", "ipv4", "ipv6", "ethernet", "match"]);
const SECRET_KEY = /(psk|password|passphrase|secret|private-key|wep-key\d*|pin)$/i;

/** GKeyFile escapes: \s \t \n \r \\. */
function unescapeKeyfile(v: string): string {
  const map: Record<string, string> = { s: " ", t: "\t", n: "\n", r: "\r", "\\": "\\" };
  return v.replace(/\\([stnr\\])/g, (_, c: string) => map[c] ?? c);
}

interface Profile {
  file: string;
  get(section: string, key: string): IniEntry | undefined;
  entries: IniEntry[];
}

function load(file: string, text: string, problems: ParseError[]): Profile {
  const r = parseIni(text, file, (s) => !SAFE_SECTIONS.has(s));
  problems.push(...r.problems);
  const entries = r.entries.map((e) => ({ ...e, value: unescapeKeyfile(e.value) }));
  // GKeyFile keeps the last of repeated keys.
  const get = (section: string, key: string) =>
    entries.filter((e) => e.section === section && e.key === key).pop();
  return { file, get, entries };
}

/** The interface a profile stands for: interface-name, else the MAC it matches, else its id. */
function ifaceOf(p: Profile): { name: string; ev: Evidence } | undefined {
  const named = p.get("connection", "interface-name");
  if (named && named.value !== "") return { name: named.value, ev: named.ev };
  // cloud-init's ports match by MAC only: the kernel name is whichever NIC has that MAC.
  for (const section of ["ethernet", "infiniband"]) {
    const mac = p.get(section, "mac-address");
    const norm = normalizeMac(mac?.value);
    if (mac && norm) return { name: norm, ev: mac.ev };
  }
  const id = p.get("connection", "id");
  return id && id.value !== "" ? { name: id.value, ev: id.ev } : undefined;
}

function declare(p: Profile, problems: ParseError[]): ConfiguredBond | undefined {
  const type = p.get("connection", "type")?.value;
  if (type !== "bond" && type !== "team") return undefined;
  const who = ifaceOf(p);
  if (!who) {
    problems.push(new ParseError(p.file, 0, `${type} profile has no interface-name or id`));
    return undefined;
  }
  const bond = newBond(who.name, "nmconnection", type, p.file, who.ev);
  for (const e of p.entries) {
    if (type === "bond" && e.section === "bond" && !SECRET_KEY.test(e.key))
      setOption(bond, e.key, e.value, e.ev, problems, "kernel");
    if (type === "team" && e.section === "team" && e.key === "config")
      applyTeamJson(bond, e.value, e.ev, problems);
  }
  return bond;
}

function addresses(p: Profile, out: ConfigResult, problems: ParseError[]): void {
  const iface = ifaceOf(p)?.name;
  if (iface === undefined) return;
  for (const e of p.entries) {
    if ((e.section !== "ipv4" && e.section !== "ipv6") || !/^address(es)?\d*$/.test(e.key))
      continue;
    // "192.0.2.2/24,192.0.2.1": an optional gateway follows the comma; lists use ";".
    for (const item of e.value.split(";").filter((s) => s.trim() !== "")) {
      const a = makeAddress(iface, item.split(",")[0] ?? "", "nmconnection", e.ev, problems);
      if (a) out.addresses.push(a);
    }
  }
}

/** NetworkManager keyfiles (*.nmconnection) from one directory; ports refer to controllers by name or UUID. */
export function parseNmConnectionSet(
  files: Array<{ file: string; text: string }>,
): Parsed<ConfigResult> {
  const problems: ParseError[] = [];
  const out: ConfigResult = { bonds: [], addresses: [] };
  const profiles = files.map((f) => load(f.file, f.text, problems));
  const refs = new Map<string, ConfiguredBond>();
  for (const p of profiles) {
    const bond = declare(p, problems);
    if (!bond) continue;
    out.bonds.push(bond);
    // A controller may be named by UUID, interface name or profile id; first profile wins.
    for (const key of ["uuid", "interface-name", "id"]) {
      const ref = p.get("connection", key)?.value;
      if (ref && !refs.has(ref)) refs.set(ref, bond);
    }
  }
  for (const p of profiles) {
    const ref = p.get("connection", "controller") ?? p.get("connection", "master");
    if (ref && ref.value !== "") {
      const bond = refs.get(ref.value);
      const member = ifaceOf(p)?.name;
      if (!bond) {
        const why = `port refers to ${ref.value}, which no keyfile defines`;
        problems.push(new ConfigConflict(ref.ev.file, ref.ev.line, why, ref.ev.text));
      } else if (member !== undefined) addMember(bond, member, ref.ev);
    }
    addresses(p, out, problems);
  }
  return { value: out, problems };
}
