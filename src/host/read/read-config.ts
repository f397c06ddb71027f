// Persistent network configuration in any of the five Linux formats.
import type { ParseError } from "../model.js";
import type { ConfigResult } from "../parse/config-result.js";
import { parseIfcfgSet } from "../parse/ifcfg.js";
import { parseInterfaces } from "../parse/ifupdown.js";
import { parseNetplan } from "../parse/netplan.js";
import { parseNetworkdSet } from "../parse/networkd.js";
import { parseNmConnectionSet } from "../parse/nmconnection.js";
import type { RootFs } from "./root-fs.js";

const IFCFG_DIRS = ["etc/sysconfig/network-scripts", "etc/sysconfig/network"];
const NM_DIRS = ["etc/NetworkManager/system-connections", "run/NetworkManager/system-connections"];
const NETWORKD_DIRS = ["etc/systemd/network", "run/systemd/network"];

type FileText = { file: string; text: string };

function filesIn(fs: RootFs, dir: string, keep: (name: string) => boolean): FileText[] {
  const out: FileText[] = [];
  for (const name of fs.list(dir)) {
    if (!keep(name) || fs.isDir(`${dir}/${name}`)) continue;
    const text = fs.read(`${dir}/${name}`);
    if (text !== undefined) out.push({ file: `${dir}/${name}`, text });
  }
  return out;
}

export function readConfig(fs: RootFs, problems: ParseError[]): ConfigResult {
  const result: ConfigResult = { bonds: [], addresses: [] };
  const add = (parsed: { value: ConfigResult; problems: ParseError[] }) => {
    result.bonds.push(...parsed.value.bonds);
    result.addresses.push(...parsed.value.addresses);
    problems.push(...parsed.problems);
  };
  for (const dir of IFCFG_DIRS) {
    const files = filesIn(fs, dir, (n) => n.startsWith("ifcfg-") && !n.endsWith("~"));
    if (files.length > 0) add(parseIfcfgSet(files));
  }
  for (const dir of NM_DIRS) {
    const files = filesIn(fs, dir, (n) => n.endsWith(".nmconnection"));
    if (files.length > 0) add(parseNmConnectionSet(files));
  }
  for (const f of filesIn(fs, "etc/netplan", (n) => /\.ya?ml$/.test(n))) {
    add(parseNetplan(f.text, f.file));
  }
  for (const dir of NETWORKD_DIRS) {
    const files = filesIn(fs, dir, (n) => /\.(netdev|network)$/.test(n));
    if (files.length > 0) add(parseNetworkdSet(files));
  }
  const interfaces = [
    ...filesIn(fs, "etc/network", (n) => n === "interfaces"),
    ...filesIn(fs, "etc/network/interfaces.d", (n) => !n.startsWith(".")),
  ];
  for (const f of interfaces) add(parseInterfaces(f.text, f.file));
  return result;
}
