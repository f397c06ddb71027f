// The QEMU command line of a lab VM. Pure: every path and name is validated here, and the
// result goes to spawn() as an argument array, never through a shell.
import { HOST_TAG, VM_DIR_TAG } from "./initramfs.js";

export type Accel = "kvm" | "tcg";

export interface VmNic {
  /** QEMU's netdev id, e.g. "n0"; what `set_link` names. */
  netdev: string;
  tap: string;
  mac: string;
}

export interface QemuSpec {
  /** e.g. "lg-8fcbf8-server", shown by ps. */
  name: string;
  accel: Accel;
  memMb: number;
  vmlinuz: string;
  initrd: string;
  /** The VM's own host directory, shared writable at /tmp/lg. */
  dir: string;
  nics: VmNic[];
  qmpSocket: string;
  ctlSocket: string;
  consoleLog: string;
}

/** The name of the virtio-serial port the agent talks on. */
export const CTL_PORT = "lg.ctl";

const PATH_RE = /^\/[A-Za-z0-9_./-]+$/;
const MAC_RE = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/;
const ID_RE = /^[a-z][a-z0-9]{0,7}$/;
const TAP_RE = /^[a-zA-Z0-9_.-]{1,15}$/;

function assertPath(p: string): void {
  // QEMU's -option lists use "," as a separator: a comma in a path would split the option.
  if (!PATH_RE.test(p)) throw new Error(`qemu: path "${p}" must be absolute, no commas or spaces`);
}

/**
 * The kernel command line: serial console, no reboot on panic, and no spectre mitigations
 * (they only slow an emulated CPU down; nothing untrusted runs in a lab VM).
 */
const KERNEL_APPEND = "console=ttyS0 panic=-1 loglevel=4 mitigations=off random.trust_cpu=on";

export function qemuArgv(s: QemuSpec): string[] {
  for (const p of [s.vmlinuz, s.initrd, s.dir, s.qmpSocket, s.ctlSocket, s.consoleLog])
    assertPath(p);
  if (!/^[a-z0-9-]{1,40}$/.test(s.name)) throw new Error(`qemu: bad VM name "${s.name}"`);
  if (!Number.isInteger(s.memMb) || s.memMb < 128 || s.memMb > 4096)
    throw new Error(`qemu: memory ${s.memMb} MB is out of 128-4096`);
  const nics = s.nics.flatMap((n) => {
    if (!ID_RE.test(n.netdev) || !TAP_RE.test(n.tap) || !MAC_RE.test(n.mac))
      throw new Error(`qemu: bad NIC ${JSON.stringify(n)}`);
    return [
      "-netdev",
      `tap,id=${n.netdev},ifname=${n.tap},script=no,downscript=no`,
      "-device",
      // 802.3ad needs speed and duplex, or the bond sends no LACPDU at all.
      `virtio-net-pci,netdev=${n.netdev},mac=${n.mac},speed=10000,duplex=full`,
    ];
  });
  const accel =
    s.accel === "kvm" ? ["-accel", "kvm", "-cpu", "host"] : ["-accel", "tcg", "-cpu", "max"];
  return [
    "qemu-system-x86_64",
    "-name",
    s.name,
    "-nodefaults",
    "-no-user-config",
    "-display",
    "none",
    "-no-reboot",
    ...accel,
    "-m",
    String(s.memMb),
    "-smp",
    "1",
    "-kernel",
    s.vmlinuz,
    "-initrd",
    s.initrd,
    "-append",
    KERNEL_APPEND,
    "-serial",
    `file:${s.consoleLog}`,
    "-virtfs",
    `local,path=/,mount_tag=${HOST_TAG},security_model=none,readonly=on,multidevs=remap`,
    "-virtfs",
    `local,path=${s.dir},mount_tag=${VM_DIR_TAG},security_model=none`,
    "-device",
    "virtio-serial-pci",
    "-chardev",
    `socket,id=ctl,path=${s.ctlSocket},server=on,wait=off`,
    "-device",
    `virtserialport,chardev=ctl,name=${CTL_PORT}`,
    "-qmp",
    `unix:${s.qmpSocket},server=on,wait=off`,
    ...nics,
  ];
}
