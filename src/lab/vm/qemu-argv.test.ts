import assert from "node:assert/strict";
import { test } from "node:test";
import { type QemuSpec, qemuArgv } from "./qemu-argv.js";

const spec = (over: Partial<QemuSpec> = {}): QemuSpec => ({
  name: "lg-8fcbf8-server",
  accel: "tcg",
  memMb: 384,
  vmlinuz: "/var/cache/linkguard/vm/6.1.0-57-amd64/vmlinuz",
  initrd: "/var/cache/linkguard/vm/6.1.0-57-amd64/initramfs.cpio.gz",
  dir: "/tmp/linkguard-vm-x/server",
  nics: [
    { netdev: "n0", tap: "lg-8fcbf8-t0", mac: "52:54:00:4c:00:00" },
    { netdev: "n1", tap: "lg-8fcbf8-t1", mac: "52:54:00:4c:00:01" },
  ],
  qmpSocket: "/tmp/linkguard-vm-x/server/qmp.sock",
  ctlSocket: "/tmp/linkguard-vm-x/server/ctl.sock",
  consoleLog: "/tmp/linkguard-vm-x/server/console.log",
  ...over,
});

test("qemuArgv gives every NIC a tap netdev and a virtio NIC with speed and duplex (802.3ad needs them)", () => {
  const argv = qemuArgv(spec());
  assert.equal(argv[0], "qemu-system-x86_64");
  const devices = argv.filter((_, i) => argv[i - 1] === "-device");
  assert.ok(
    devices.includes("virtio-net-pci,netdev=n0,mac=52:54:00:4c:00:00,speed=10000,duplex=full"),
  );
  assert.ok(
    devices.includes("virtio-net-pci,netdev=n1,mac=52:54:00:4c:00:01,speed=10000,duplex=full"),
  );
  const netdevs = argv.filter((_, i) => argv[i - 1] === "-netdev");
  assert.deepEqual(netdevs, [
    "tap,id=n0,ifname=lg-8fcbf8-t0,script=no,downscript=no",
    "tap,id=n1,ifname=lg-8fcbf8-t1,script=no,downscript=no",
  ]);
});

test("qemuArgv shares the host's / read-only and the VM's directory writable", () => {
  const virtfs = qemuArgv(spec()).filter((a) => a.startsWith("local,"));
  assert.match(virtfs[0] ?? "", /^local,path=\/,mount_tag=host,.*readonly=on/);
  assert.match(virtfs[1] ?? "", /^local,path=\/tmp\/linkguard-vm-x\/server,mount_tag=lgvm,/);
  assert.doesNotMatch(virtfs[1] ?? "", /readonly/);
});

test("qemuArgv asks for KVM with the host CPU, or TCG", () => {
  const accel = (argv: string[]) => argv.slice(argv.indexOf("-accel"), argv.indexOf("-accel") + 4);
  assert.deepEqual(accel(qemuArgv(spec({ accel: "kvm" }))), ["-accel", "kvm", "-cpu", "host"]);
  assert.deepEqual(accel(qemuArgv(spec())), ["-accel", "tcg", "-cpu", "max"]);
});

test("qemuArgv refuses a comma in a path (it would split QEMU's option list) and a bad MAC", () => {
  assert.throws(() => qemuArgv(spec({ dir: "/tmp/a,readonly=off" })), /no commas/);
  const nics = [{ netdev: "n0", tap: "lg-8fcbf8-t0", mac: "52:54:00:4c:00" }];
  assert.throws(() => qemuArgv(spec({ nics })), /bad NIC/);
});
