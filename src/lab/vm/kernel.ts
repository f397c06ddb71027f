// The kernel a lab VM boots: Debian's linux-image package (this machine's own kernel may
// have no bonding module), downloaded once with `apt-get download`, unpacked with
// `dpkg-deb -x`, and only vmlinuz and the lab's modules kept, in a cache outside the
// repository. A second run finds the cache and downloads nothing.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { run } from "../../host/exec.js";
import { loadOrder, modinfoDepends, VM_MODULES } from "./kernel-modules.js";

export interface VmKernel {
  /** e.g. "6.1.0-57-amd64" */
  version: string;
  /** The Debian package it came from, e.g. "linux-image-6.1.0-57-amd64 6.1.192-3". */
  package: string;
  dir: string;
  vmlinuz: string;
  /** Module names in load order; each file is `<dir>/modules/<name>.ko`. */
  modules: string[];
}

/**
 * Where kernels are cached: $LINKGUARD_VM_CACHE, else $XDG_CACHE_HOME/linkguard/vm, else
 * /var/cache/linkguard/vm for root and ~/.cache/linkguard/vm for others.
 */
export function vmCacheDir(
  env: NodeJS.ProcessEnv = process.env,
  uid = process.getuid?.() ?? 0,
): string {
  if (env.LINKGUARD_VM_CACHE) return env.LINKGUARD_VM_CACHE;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, "linkguard", "vm");
  if (uid === 0) return "/var/cache/linkguard/vm";
  return join(env.HOME ?? "/tmp", ".cache", "linkguard", "vm");
}

/** The exact image package `apt-cache depends linux-image-amd64` names (never a glob). */
function parseImageDepends(text: string): string {
  const m = /^\s*Depends:\s*(linux-image-[0-9][a-z0-9.+-]*-amd64)\s*$/m.exec(text);
  if (!m?.[1])
    throw new Error(`apt-cache depends linux-image-amd64 names no image package:\n${text}`);
  return m[1];
}

const MANIFEST = "manifest.json";

/** The cached kernel for `version` (or any cached one), without touching the network. */
function cachedKernel(cache = vmCacheDir(), version?: string): VmKernel | undefined {
  if (!existsSync(cache)) return undefined;
  const versions = version ? [version] : readdirSync(cache).sort().reverse();
  for (const v of versions) {
    const file = join(cache, v, MANIFEST);
    if (!existsSync(file)) continue;
    const k = JSON.parse(readFileSync(file, "utf8")) as VmKernel;
    // A cache made when the lab needed fewer modules is fetched again.
    const complete = VM_MODULES.every((m) => k.modules.includes(m));
    if (
      complete &&
      existsSync(k.vmlinuz) &&
      k.modules.every((m) => existsSync(join(k.dir, "modules", `${m}.ko`)))
    )
      return k;
  }
  return undefined;
}

/**
 * The kernel the lab boots: the cached one, else the one Debian's linux-image-amd64 names now
 * (downloaded and cut down to vmlinuz + modules). Set LINKGUARD_VM_KERNEL=<version> to
 * insist on a version already in the cache.
 */
export async function ensureKernel(
  cache = vmCacheDir(),
  log: (line: string) => void = () => undefined,
): Promise<VmKernel> {
  const pinned = process.env.LINKGUARD_VM_KERNEL;
  const hit = cachedKernel(cache, pinned);
  if (hit) return hit;
  if (pinned) throw new Error(`LINKGUARD_VM_KERNEL=${pinned} is not in ${cache}`);
  const pkg = parseImageDepends(await run(["apt-cache", "depends", "linux-image-amd64"]));
  const version = pkg.replace(/^linux-image-/, "");
  mkdirSync(cache, { recursive: true });
  const work = mkdtempSync(join(cache, ".fetch-"));
  try {
    log(`downloading ${pkg} (once; cached in ${cache})`);
    await run(["apt-get", "download", "-q", pkg], { timeoutMs: 600_000, cwd: work });
    const deb = readdirSync(work).find((f) => f.startsWith(`${pkg}_`) && f.endsWith(".deb"));
    if (!deb) throw new Error(`apt-get download ${pkg} left no .deb in ${work}`);
    await run(["dpkg-deb", "-x", join(work, deb), join(work, "x")], { timeoutMs: 300_000 });
    const dest = join(work, version);
    mkdirSync(join(dest, "modules"), { recursive: true });
    copyFileSync(join(work, "x", "boot", `vmlinuz-${version}`), join(dest, "vmlinuz"));
    const found = await run(["find", join(work, "x", "lib", "modules", version), "-name", "*.ko"]);
    const byName = new Map(
      found
        .split("\n")
        .filter(Boolean)
        .map((p) => [p.slice(p.lastIndexOf("/") + 1, -3), p] as const),
    );
    const depends = new Map<string, string[]>();
    for (const name of VM_MODULES) {
      const file = byName.get(name);
      if (!file) throw new Error(`${pkg} has no ${name}.ko`);
      copyFileSync(file, join(dest, "modules", `${name}.ko`));
      depends.set(name, modinfoDepends(readFileSync(file)));
    }
    const dir = join(cache, version);
    const debVersion = deb.split("_")[1] ?? "?";
    const kernel: VmKernel = {
      version,
      package: `${pkg} ${debVersion}`,
      dir,
      vmlinuz: join(dir, "vmlinuz"),
      modules: loadOrder(depends),
    };
    writeFileSync(join(dest, MANIFEST), `${JSON.stringify(kernel, null, 2)}\n`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(dest, dir);
    return kernel;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
