// Virtualisation from DMI (sysfs or dmidecode) and the NIC drivers seen.

import type { Evidence } from "../../lib/evidence.js";
import { evidence } from "../../lib/text.js";
import type { NetInterface, Virtualization } from "../model.js";
import { detectVirtualization, parseDmidecode } from "../parse/dmi.js";
import { COMMANDS, type CommandSource } from "./commands.js";
import type { RootFs } from "./root-fs.js";

export function readVirtualization(
  fs: RootFs,
  commands: CommandSource,
  interfaces: Record<string, NetInterface>,
): Virtualization {
  const dmi = (name: string): Evidence | undefined => {
    const file = `sys/class/dmi/id/${name}`;
    const text = fs.read(file)?.trim();
    return text ? evidence(file, 1, text) : undefined;
  };
  const facts: Parameters<typeof detectVirtualization>[0] = {};
  const sysVendor = dmi("sys_vendor");
  const productName = dmi("product_name");
  const boardVendor = dmi("board_vendor");
  const biosVendor = dmi("bios_vendor");
  if (sysVendor) facts.sysVendor = sysVendor;
  if (productName) facts.productName = productName;
  if (boardVendor) facts.boardVendor = boardVendor;
  if (biosVendor) facts.biosVendor = biosVendor;
  if (!sysVendor && !productName) {
    const out = commands.run(COMMANDS.dmidecode);
    if (out) Object.assign(facts, parseDmidecode(out.text, out.file));
  }
  const drivers: Evidence[] = [];
  for (const i of Object.values(interfaces)) {
    if (i.driver?.driver) drivers.push(i.driver.source);
  }
  if (drivers.length > 0) facts.nicDrivers = drivers;
  return detectVirtualization(facts);
}
