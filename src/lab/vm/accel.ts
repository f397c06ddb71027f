// KVM when it boots a lab VM within a short bound, TCG (emulation) otherwise. Nested KVM can
// hang right after the BIOS, so /dev/kvm existing proves nothing: a probe VM must reach its
// init. The verdict is cached per host kernel; LINKGUARD_VM_ACCEL=kvm|tcg overrides.
import {
  accessSync,
  constants,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { release, tmpdir } from "node:os";
import { join } from "node:path";
import type { Accel } from "./qemu-argv.js";
import { startVm, stopPid, waitConsoleMark } from "./vm.js";

export interface AccelChoice {
  accel: Accel;
  why: string;
}

const PROBE_MS = 20_000;

export async function chooseAccel(
  cacheDir: string,
  vmlinuz: string,
  initrd: string,
): Promise<AccelChoice> {
  const forced = process.env.LINKGUARD_VM_ACCEL;
  if (forced === "kvm" || forced === "tcg") return { accel: forced, why: "LINKGUARD_VM_ACCEL" };
  try {
    accessSync("/dev/kvm", constants.R_OK | constants.W_OK);
  } catch {
    return { accel: "tcg", why: "no usable /dev/kvm" };
  }
  const file = join(cacheDir, `accel-${release()}.json`);
  if (existsSync(file)) {
    const v = JSON.parse(readFileSync(file, "utf8")) as AccelChoice;
    return { accel: v.accel, why: `${v.why} (cached in ${file})` };
  }
  const dir = mkdtempSync(join(tmpdir(), "linkguard-kvm-probe-"));
  const t0 = Date.now();
  const vm = startVm({
    name: "lg-kvm-probe",
    hostname: "probe",
    dir,
    accel: "kvm",
    vmlinuz,
    initrd,
    nics: [],
  });
  let ok = false;
  try {
    ok = await waitConsoleMark(vm, PROBE_MS);
  } finally {
    await stopPid(vm.pid);
    rmSync(dir, { recursive: true, force: true });
  }
  const choice: AccelChoice = ok
    ? { accel: "kvm", why: `a KVM probe VM reached its init in ${Date.now() - t0} ms` }
    : { accel: "tcg", why: `a KVM probe VM did not reach its init within ${PROBE_MS} ms` };
  writeFileSync(file, `${JSON.stringify(choice)}\n`);
  return choice;
}
