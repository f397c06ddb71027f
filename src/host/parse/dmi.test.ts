import assert from "node:assert/strict";
import { test } from "node:test";
import { detectVirtualization, parseDmidecode } from "./dmi.js";

const ev = (file: string, text: string) => ({ file, line: 1, text });

test("detectVirtualization recognises VirtualBox from sys_vendor and product_name (incident 003)", () => {
  const v = detectVirtualization({
    sysVendor: ev("sys/class/dmi/id/sys_vendor", "innotek GmbH"),
    productName: ev("sys/class/dmi/id/product_name", "VirtualBox"),
  });
  assert.equal(v.kind, "virtualbox");
  assert.equal(v.vendor, "innotek GmbH");
  assert.equal(v.evidence.length, 2);
});

test("detectVirtualization tells hypervisors and physical servers apart", () => {
  const cases: Array<[string, string, string]> = [
    ["VMware, Inc.", "VMware Virtual Platform", "vmware"],
    ["QEMU", "Standard PC (Q35 + ICH9, 2009)", "kvm"],
    ["Microsoft Corporation", "Virtual Machine", "hyperv"],
    ["Amazon EC2", "m5.large", "aws"],
    ["Google", "Google Compute Engine", "gcp"],
    ["Xen", "HVM domU", "xen"],
    ["Dell Inc.", "PowerEdge R630", "none"],
    ["HPE", "ProLiant DL360 Gen10", "none"],
    ["Acme Widgets", "Model 7", "unknown"],
  ];
  for (const [vendor, product, kind] of cases) {
    const v = detectVirtualization({ sysVendor: ev("v", vendor), productName: ev("p", product) });
    assert.equal(v.kind, kind, `${vendor} ${product}`);
  }
});

test("detectVirtualization takes a paravirtual NIC driver as a VM when DMI is silent", () => {
  const v = detectVirtualization({
    nicDrivers: [ev("sos_commands/networking/ethtool_-i_eth0", "driver: virtio_net")],
  });
  assert.equal(v.kind, "other-vm");
  assert.equal(detectVirtualization({ nicDrivers: [ev("x", "driver: e1000")] }).kind, "unknown");
  assert.equal(detectVirtualization({}).kind, "unknown");
});

test("parseDmidecode reads System Information and the BIOS vendor with their lines", () => {
  const text = [
    "# dmidecode 3.3",
    "Handle 0x0000, DMI type 0, 24 bytes",
    "BIOS Information",
    "\tVendor: innotek GmbH",
    "\tVersion: VirtualBox",
    "",
    "Handle 0x0001, DMI type 1, 27 bytes",
    "System Information",
    "\tManufacturer: innotek GmbH",
    "\tProduct Name: VirtualBox",
    "\tSerial Number: 0",
  ].join("\n");
  const facts = parseDmidecode(text, "sos_commands/hardware/dmidecode");
  assert.equal(facts.sysVendor?.line, 9);
  assert.equal(facts.productName?.text, "Product Name: VirtualBox");
  assert.equal(facts.biosVendor?.text, "Vendor: innotek GmbH");
  assert.equal(detectVirtualization(facts).kind, "virtualbox");
});
