// STUB: to be implemented.
import type { Evidence, Virtualization } from "../model.js";

/** DMI facts (sys/class/dmi/id/* or dmidecode) and NIC drivers -> virtualization. */
export function detectVirtualization(facts: {
  sysVendor?: Evidence;
  productName?: Evidence;
  boardVendor?: Evidence;
  biosVendor?: Evidence;
  nicDrivers?: Evidence[];
}): Virtualization {
  void facts;
  return { kind: "unknown", evidence: [] };
}

/** `dmidecode` text -> the System Information fields as evidence. */
export function parseDmidecode(
  text: string,
  file: string,
): { sysVendor?: Evidence; productName?: Evidence; biosVendor?: Evidence } {
  void text;
  void file;
  return {};
}
