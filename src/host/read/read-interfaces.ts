// Interfaces: netlink JSON (live, snapshot) or `ip -d address` text (sosreport), then sysfs
// and `ethtool -i` fill what those lack. Each field keeps the file it came from.
import { evidence, toInt } from "../../lib/text.js";
import type { EvidenceKeys, NetInterface, ParseError } from "../model.js";
import { parseEthtoolInfo } from "../parse/ethtool-info.js";
import { parseIpAddressText } from "../parse/ip-address-text.js";
import { parseIpJson } from "../parse/ip-json.js";
import { COMMANDS, type CommandSource, ethtoolInfo, isValidIfname } from "./commands.js";
import type { RootFs } from "./root-fs.js";

/** Fill the fields `into` lacks from `from` (the less precise source), keeping evidence. */
function mergeInterface(into: NetInterface, from: NetInterface): void {
  const target = into as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(from)) {
    if (value === undefined || key === "ev" || key === "source") continue;
    if (key === "addresses" || key === "flags") {
      if ((target[key] as unknown[]).length === 0) target[key] = value;
      continue;
    }
    if (target[key] === undefined) {
      target[key] = value;
      const e = from.ev[key as EvidenceKeys<NetInterface>];
      if (e !== undefined) into.ev[key as EvidenceKeys<NetInterface>] = e;
    }
  }
}

const SYSFS_INT_FIELDS: Array<[EvidenceKeys<NetInterface>, string]> = [
  ["mtu", "mtu"],
  ["speedMbps", "speed"],
  ["carrierChanges", "carrier_changes"],
  ["carrierUpCount", "carrier_up_count"],
  ["carrierDownCount", "carrier_down_count"],
];

/** What /sys/class/net/<if>/ says about one interface. */
function readSysfsInterface(fs: RootFs, name: string): NetInterface {
  const dir = `sys/class/net/${name}`;
  const iface: NetInterface = {
    name,
    flags: [],
    addresses: [],
    source: evidence(dir, 0, name),
    ev: {},
  };
  const text: Record<string, string | undefined> = {};
  const attr = (file: string) => {
    text[file] = fs.read(`${dir}/${file}`)?.trim();
    return text[file];
  };
  const put = <K extends EvidenceKeys<NetInterface>>(
    field: K,
    file: string,
    value: NetInterface[K] | undefined,
  ) => {
    if (value === undefined) return;
    iface[field] = value;
    iface.ev[field] = evidence(`${dir}/${file}`, 1, text[file] ?? "");
  };
  for (const [field, file] of SYSFS_INT_FIELDS) {
    const n = toInt(attr(file));
    // speed is -1 (unknown) when the link is down
    if (n !== undefined && n >= 0) put(field, file, n);
  }
  put("operstate", "operstate", attr("operstate"));
  put("duplex", "duplex", attr("duplex"));
  put("mac", "address", attr("address"));
  const carrier = attr("carrier");
  put("carrier", "carrier", carrier === undefined ? undefined : carrier === "1");
  const master = fs.link(`${dir}/master`);
  if (master !== undefined) {
    iface.master = master.split("/").pop() as string;
    iface.ev.master = evidence(`${dir}/master`, 0, `master -> ${iface.master}`);
  }
  const driver = fs.link(`${dir}/device/driver`);
  if (driver !== undefined) {
    const d = driver.split("/").pop() as string;
    iface.driver = { driver: d, source: evidence(`${dir}/device/driver`, 0, `driver -> ${d}`) };
  }
  return iface;
}

export function readInterfaces(
  fs: RootFs,
  commands: CommandSource,
  problems: ParseError[],
): Record<string, NetInterface> {
  const byName: Record<string, NetInterface> = {};
  const take = (list: NetInterface[]) => {
    for (const i of list) {
      const have = byName[i.name];
      if (have) mergeInterface(have, i);
      else byName[i.name] = i;
    }
  };
  // Most precise first: netlink JSON, then the text sos keeps.
  // `ip -d -j address` carries the link details too; `ip -d -j link` only when it is missing.
  let addressesRead = false;
  for (const cmd of [COMMANDS.ipDetailJsonAddress, COMMANDS.ipDetailJsonLink]) {
    const out = commands.run(cmd);
    if (!out) continue;
    const parsed = parseIpJson(out.text, out.file);
    problems.push(...parsed.problems);
    take(parsed.value);
    if (parsed.value.length > 0) {
      addressesRead = cmd === COMMANDS.ipDetailJsonAddress;
      break;
    }
  }
  // sosreports keep only the text forms; the first one that names interfaces wins. After
  // `ip -d -j link` (no addresses) they still add each interface's addresses, fact by fact.
  if (!addressesRead) {
    for (const cmd of [COMMANDS.ipDetailAddress, COMMANDS.ipStatsDetailLink]) {
      const out = commands.run(cmd);
      if (!out) continue;
      const parsed = parseIpAddressText(out.text, out.file);
      problems.push(...parsed.problems);
      take(parsed.value);
      if (parsed.value.length > 0) break;
    }
  }
  for (const name of fs.list("sys/class/net")) {
    if (!isValidIfname(name) || !fs.isDir(`sys/class/net/${name}`)) continue;
    take([readSysfsInterface(fs, name)]);
  }
  for (const iface of Object.values(byName)) {
    if (iface.driver?.firmware !== undefined || !isValidIfname(iface.name) || iface.name === "lo")
      continue;
    const out = commands.run(ethtoolInfo(iface.name));
    if (!out) continue;
    const parsed = parseEthtoolInfo(out.text, out.file);
    problems.push(...parsed.problems);
    if (parsed.value) iface.driver = parsed.value;
  }
  return byName;
}
