// Is this a virtual machine, and which hypervisor? DMI strings first (systemd-detect-virt
// uses the same ones), then virtual NIC drivers as a hint.

import type { Evidence } from "../../lib/evidence.js";
import { evidence, numberedLines } from "../../lib/text.js";
import type { VirtKind, Virtualization } from "../model.js";

// Checked in order against "vendor product" (case-insensitive); the first match wins.
const DMI_TABLE: Array<[RegExp, VirtKind]> = [
  [/innotek|virtualbox/i, "virtualbox"],
  [/vmware/i, "vmware"],
  [/amazon ec2|^amazon/i, "aws"],
  [/google compute engine|^google/i, "gcp"],
  [/microsoft corporation.*virtual machine/i, "hyperv"],
  [/\bxen\b/i, "xen"],
  [/qemu|kvm|red hat|bochs|openstack|ovirt|nutanix|proxmox/i, "kvm"],
  [/parallels|bhyve|apple virtualization/i, "other-vm"],
  [
    /dell|hpe|hewlett|lenovo|supermicro|cisco|fujitsu|inspur|huawei|ibm|oracle corporation|quanta|gigabyte|asus|intel corporation/i,
    "none",
  ],
];

/** Drivers of paravirtual NICs: seeing one means a VM even when DMI says nothing. */
const VIRTUAL_NIC_DRIVERS = [
  "virtio_net",
  "vmxnet3",
  "hv_netvsc",
  "xen-netfront",
  "xen_netfront",
  "ena",
  "gve",
];

export interface DmiFacts {
  sysVendor?: Evidence;
  productName?: Evidence;
  boardVendor?: Evidence;
  biosVendor?: Evidence;
  nicDrivers?: Evidence[];
}

/** The driver name in "driver: virtio_net" / "driver -> virtio_net" / "virtio_net". */
function driverName(e: Evidence): string {
  return (e.text.split(/[:>]\s*/).pop() ?? "").trim();
}

/** DMI facts (sys/class/dmi/id/* or dmidecode) and NIC drivers -> virtualization. */
export function detectVirtualization(facts: DmiFacts): Virtualization {
  const dmi = [facts.sysVendor, facts.productName, facts.boardVendor, facts.biosVendor].filter(
    (e): e is Evidence => e !== undefined,
  );
  const text = dmi.map((e) => e.text.replace(/^[\w ]+:\s*/, "")).join(" ");
  const virtualNics = (facts.nicDrivers ?? []).filter((e) =>
    VIRTUAL_NIC_DRIVERS.includes(driverName(e)),
  );
  for (const [re, kind] of DMI_TABLE) {
    if (!re.test(text)) continue;
    const out: Virtualization = { kind, evidence: [...dmi, ...virtualNics] };
    if (facts.sysVendor) out.vendor = facts.sysVendor.text.replace(/^[\w ]+:\s*/, "");
    if (facts.productName) out.product = facts.productName.text.replace(/^[\w ]+:\s*/, "");
    // A physical vendor string with paravirtual NICs is a cloud or a hypervisor we do not know.
    if (kind === "none" && virtualNics.length > 0) out.kind = "other-vm";
    return out;
  }
  if (virtualNics.length > 0) return { kind: "other-vm", evidence: [...dmi, ...virtualNics] };
  return { kind: "unknown", evidence: dmi };
}

/** `dmidecode` text -> the System Information fields and the BIOS vendor, as evidence. */
export function parseDmidecode(
  text: string,
  file: string,
): { sysVendor?: Evidence; productName?: Evidence; biosVendor?: Evidence } {
  const out: { sysVendor?: Evidence; productName?: Evidence; biosVendor?: Evidence } = {};
  let block = "";
  for (const { n, text: raw } of numberedLines(text)) {
    if (/^\S/.test(raw)) {
      block = raw.trim();
      continue;
    }
    const m = /^\s+([\w ]+):\s*(.*)$/.exec(raw);
    if (!m) continue;
    const ev = evidence(file, n, raw.trim());
    if (block === "System Information" && m[1] === "Manufacturer") out.sysVendor = ev;
    else if (block === "System Information" && m[1] === "Product Name") out.productName = ev;
    else if (block === "BIOS Information" && m[1] === "Vendor") out.biosVendor = ev;
  }
  return out;
}
