// Routing daemons (FRR, Quagga, BIRD): their configuration files and running processes. A host
// that forwards and runs one is a router, and a /32 on its lo is a router loopback.
import type { RoutingDaemon } from "../model.js";
import { parsePsRouting } from "../parse/ps-routing.js";
import { COMMANDS, type CommandSource } from "./commands.js";
import type { RootFs } from "./root-fs.js";

const CONFIG_FILES: Array<[string, string]> = [
  ["etc/frr/frr.conf", "FRR"],
  ["etc/frr/zebra.conf", "FRR"],
  ["etc/frr/bgpd.conf", "FRR"],
  ["etc/frr/ospfd.conf", "FRR"],
  ["etc/quagga/zebra.conf", "Quagga"],
  ["etc/quagga/bgpd.conf", "Quagga"],
  ["etc/quagga/ospfd.conf", "Quagga"],
  ["etc/bird.conf", "BIRD"],
  ["etc/bird/bird.conf", "BIRD"],
  ["etc/bird6.conf", "BIRD"],
  ["etc/bird/bird6.conf", "BIRD"],
];

/** sos's process listing (`ps auxwww`). */
const SOS_PS = "sos_commands/process/ps_auxwww";

export function readRoutingDaemons(fs: RootFs, commands: CommandSource): RoutingDaemon[] {
  const out: RoutingDaemon[] = [];
  for (const [file, suite] of CONFIG_FILES) {
    const text = fs.read(file);
    if (text === undefined) continue;
    const first = text.split("\n").find((l) => l.trim() !== "" && !/^[!#]/.test(l.trim())) ?? "";
    out.push({ suite, kind: "config", source: { file, line: 0, text: first.trim() } });
  }
  // Live and snapshots: `ps -e -o comm=`; a sosreport has `ps auxwww` instead.
  const ps = commands.run(COMMANDS.psComm);
  const sos = ps ? undefined : fs.read(SOS_PS);
  const text = ps?.text ?? sos;
  if (text !== undefined)
    for (const p of parsePsRouting(text, ps?.file ?? SOS_PS)) out.push({ ...p, kind: "process" });
  return out;
}
