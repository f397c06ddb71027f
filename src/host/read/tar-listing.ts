// What a tarball would unpack to, from `tar -tv --numeric-owner --quoting-style=escape`:
// checked against the unpack bounds before a single byte is written. Pure: no I/O.

/** Bounds on what `doctor` unpacks from one tarball (docs/security.md). */
export interface UnpackBounds {
  /** Members (files, directories, links) in the archive. */
  entries: number;
  /** Bytes the members would take once unpacked. */
  bytes: number;
}

export const UNPACK_BOUNDS: UnpackBounds = { entries: 100_000, bytes: 1024 * 1024 * 1024 };

export interface TarListing {
  entries: number;
  bytes: number;
  /** Members tar would create as FIFOs or device nodes (never read; reported). */
  special: number;
}

// "-rw-r--r-- 0/0   1234 2026-12-04 18:10 name"; devices show "major,minor" as the size.
const LINE = /^(\S)\S*\s+\d+\/\d+\s+(\d+)(?:,\s*\d+)?\s/;

export function parseTarListing(text: string): TarListing {
  const out: TarListing = { entries: 0, bytes: 0, special: 0 };
  for (const line of text.split("\n")) {
    if (line === "") continue;
    out.entries++;
    const m = LINE.exec(line);
    if (m === null) continue;
    const type = m[1];
    if (type === "p" || type === "c" || type === "b") out.special++;
    else if (type === "-") out.bytes += Number(m[2]);
  }
  return out;
}

function size(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${bytes} bytes`;
}

/**
 * Which bound the listing (or the part of it read so far: listing stops at the first bound
 * passed) passes, as the sentence the user reads; undefined when none.
 */
export function boundPassed(listing: TarListing, bounds: UnpackBounds): string | undefined {
  if (listing.entries > bounds.entries)
    return `it holds more than ${bounds.entries} members, the most doctor unpacks (the entry bound)`;
  if (listing.bytes > bounds.bytes)
    return `it unpacks to at least ${size(listing.bytes)}, more than the ${size(bounds.bytes)} doctor unpacks (the unpacked-bytes bound)`;
  return undefined;
}
