// The initramfs every lab VM boots: static busybox, the lab's modules and an /init that loads
// them in dependency order, mounts the host's / read-only over 9p (tag "host") and the VM's
// own writable host directory (tag "lgvm") at /tmp/lg, then runs /tmp/lg/init.sh chrooted in
// the host's files, so the host's node, iproute2 and linkguard run inside the VM.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { type CpioEntry, writeNewc } from "./cpio.js";
import type { VmKernel } from "./kernel.js";
import { MODULE_PARAMS } from "./kernel-modules.js";

export const HOST_TAG = "host";
export const VM_DIR_TAG = "lgvm";

/** Folders the VM mounts afresh over the host's files (see renderInit): what lies there is hidden. */
const VM_OWN_MOUNTS = ["/tmp", "/run", "/dev/shm"] as const;

/** The VM's own mount that hides `path` of the host, if any. */
export function hiddenInVm(path: string): string | undefined {
  return VM_OWN_MOUNTS.find((m) => path === m || path.startsWith(`${m}/`));
}
/** Where the VM's own host directory appears inside the VM. */
const VM_DIR_IN_GUEST = "/tmp/lg";
/** Printed on the console when init hands over; the boot time is measured to it. */
export const INIT_MARK = "lg-init: run init.sh";

const MODULE_RE = /^[a-z0-9_]{1,40}$/;

/** The /init script (busybox sh). Pure. */
export function renderInit(modules: readonly string[]): string {
  for (const m of modules) if (!MODULE_RE.test(m)) throw new Error(`bad module name "${m}"`);
  const nine = "trans=virtio,version=9p2000.L,msize=262144";
  const insmods = modules
    .map(
      (m) =>
        `insmod /lib/modules/${m}.ko ${MODULE_PARAMS[m] ?? ""}`.trimEnd() +
        ` || echo "lg-init: insmod ${m} failed"`,
    )
    .join("\n");
  return `#!/bin/sh
export PATH=/bin
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
${insmods}
if ! mount -t 9p -o ${nine},ro,cache=loose ${HOST_TAG} /host; then
  echo "lg-init: cannot mount the host's files"; poweroff -f
fi
mount --bind /proc /host/proc
mount --bind /sys /host/sys
mount --bind /dev /host/dev
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /host/dev/pts
mount -t tmpfs -o mode=1777 tmpfs /host/dev/shm
mount -t tmpfs -o mode=1777 tmpfs /host/tmp
mount -t tmpfs -o mode=755 tmpfs /host/run
mkdir -p /host${VM_DIR_IN_GUEST}
mount -t 9p -o ${nine} ${VM_DIR_TAG} /host${VM_DIR_IN_GUEST}
echo "${INIT_MARK}"
chroot /host /bin/sh ${VM_DIR_IN_GUEST}/init.sh
echo "lg-init: init.sh exited $?"
poweroff -f
`;
}

/** Every file of the initramfs: busybox's bytes and the modules are read by the caller. */
export function initramfsEntries(
  busybox: Uint8Array,
  modules: ReadonlyMap<string, Uint8Array>,
  order: readonly string[],
): CpioEntry[] {
  const dirs = ["bin", "dev", "proc", "sys", "host", "tmp", "lib", "lib/modules"];
  return [
    ...dirs.map((path): CpioEntry => ({ kind: "dir", path })),
    { kind: "file", path: "bin/busybox", data: busybox, mode: 0o755 },
    { kind: "symlink", path: "bin/sh", target: "busybox" },
    { kind: "file", path: "init", data: Buffer.from(renderInit(order)), mode: 0o755 },
    ...order.map((name): CpioEntry => {
      const data = modules.get(name);
      if (!data) throw new Error(`initramfs: no bytes for module ${name}`);
      return { kind: "file", path: `lib/modules/${name}.ko`, data };
    }),
  ];
}

/** Writes (once) `<kernel dir>/initramfs.cpio.gz` and returns its path. */
export function ensureInitramfs(kernel: VmKernel, busyboxPath = "/bin/busybox"): string {
  const out = join(kernel.dir, "initramfs.cpio.gz");
  const init = Buffer.from(renderInit(kernel.modules));
  const stamp = join(kernel.dir, "initramfs.init");
  if (existsSync(out) && existsSync(stamp) && readFileSync(stamp).equals(init)) return out;
  const modules = new Map(
    kernel.modules.map((m) => [m, readFileSync(join(kernel.dir, "modules", `${m}.ko`))] as const),
  );
  const cpio = writeNewc(initramfsEntries(readFileSync(busyboxPath), modules, kernel.modules));
  writeFileSync(out, gzipSync(cpio, { level: 6 }));
  writeFileSync(stamp, init);
  return out;
}
