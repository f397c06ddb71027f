// The cpio "newc" archive the kernel unpacks as its initramfs (the kernel's
// Documentation/driver-api/early-userspace/buffer-format.rst). Pure: entries in, bytes out.

export type CpioEntry =
  | { kind: "dir"; path: string; mode?: number }
  | { kind: "file"; path: string; data: Uint8Array; mode?: number }
  | { kind: "symlink"; path: string; target: string };

const TYPE = { dir: 0o040000, file: 0o100000, symlink: 0o120000 } as const;
const DEFAULT_MODE = { dir: 0o755, file: 0o644, symlink: 0o777 } as const;

function hex8(n: number): string {
  return n.toString(16).padStart(8, "0");
}

function pad4(n: number): number {
  return (4 - (n % 4)) % 4;
}

function record(ino: number, mode: number, name: string, data: Uint8Array, nlink: number): Buffer {
  const nameBytes = Buffer.from(`${name}\0`, "utf8");
  const header = Buffer.from(
    `070701${[ino, mode, 0, 0, nlink, 0, data.length, 0, 0, 0, 0, nameBytes.length, 0].map(hex8).join("")}`,
    "ascii",
  );
  return Buffer.concat([
    header,
    nameBytes,
    Buffer.alloc(pad4(header.length + nameBytes.length)),
    data,
    Buffer.alloc(pad4(data.length)),
  ]);
}

/** A newc archive of the entries, in their order, ending with the TRAILER!!! record. */
export function writeNewc(entries: readonly CpioEntry[]): Buffer {
  const parts = entries.map((e, i) => {
    const path = e.path.replace(/^\/+/, "");
    if (path === "" || path.split("/").includes(".."))
      throw new Error(`cpio: bad path "${e.path}"`);
    const mode =
      TYPE[e.kind] |
      (e.kind === "symlink" ? DEFAULT_MODE.symlink : (e.mode ?? DEFAULT_MODE[e.kind]));
    const data =
      e.kind === "file" ? e.data : e.kind === "symlink" ? Buffer.from(e.target) : new Uint8Array();
    return record(i + 1, mode, path, data, e.kind === "dir" ? 2 : 1);
  });
  return Buffer.concat([...parts, record(0, 0, "TRAILER!!!", new Uint8Array(), 1)]);
}
