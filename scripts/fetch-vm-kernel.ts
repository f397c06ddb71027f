// Fetches (once) the Debian kernel the VM lab boots and builds its initramfs, into the cache
// outside the repository ($LINKGUARD_VM_CACHE, $XDG_CACHE_HOME/linkguard/vm or
// /var/cache/linkguard/vm). A second run finds the cache and downloads nothing.
import { ensureInitramfs } from "../src/lab/vm/initramfs.js";
import { ensureKernel, vmCacheDir } from "../src/lab/vm/kernel.js";

const t0 = Date.now();
const kernel = await ensureKernel(vmCacheDir(), (line) => process.stderr.write(`${line}\n`));
const initrd = ensureInitramfs(kernel);
process.stdout.write(
  `${kernel.package}: ${kernel.vmlinuz}, ${initrd} (${kernel.modules.length} modules) in ${Date.now() - t0} ms\n`,
);
