// What every pcap report starts with: which file, what format, and whether it was read to the
// end (a truncated or corrupt capture is reported with the byte offset and frame number where
// reading stopped; everything before it was analysed).

import { escapeControl } from "../../lib/text.js";
import type { ReadResult } from "../read.js";
import { bytes, count } from "./format.js";

const LINK_TYPES: Record<number, string> = {
  1: "ethernet",
  113: "linux-sll",
  276: "linux-sll2",
};

export interface CaptureInfo {
  file: string;
  format: string | null;
  frames: number;
  bytesRead: number;
  interfaces: Array<{ id: number; name: string | null; linkType: string; snapLength: number }>;
  error: { offset: number; frame: number; message: string } | null;
}

export function captureInfo(file: string, read: ReadResult): CaptureInfo {
  return {
    file,
    format: read.format ?? null,
    frames: read.frames,
    bytesRead: read.bytes,
    interfaces: read.interfaces.map((i) => ({
      id: i.id,
      name: i.name ?? null,
      linkType: LINK_TYPES[i.linkType] ?? `linktype ${i.linkType}`,
      snapLength: i.snapLength,
    })),
    error:
      read.error === undefined
        ? null
        : { offset: read.error.offset, frame: read.error.frame, message: read.error.message },
  };
}

/** The error line, also printed on stderr by the CLI. */
export function readErrorText(c: CaptureInfo): string | undefined {
  const e = c.error;
  if (e === null) return undefined;
  return `${c.file}: reading stopped at byte offset ${e.offset} (frame ${e.frame}): ${e.message}; the ${count(e.frame - 1)} frames before it are reported`;
}

export function renderCaptureHeader(c: CaptureInfo): string[] {
  const ifaces = c.interfaces.map(
    (i) => (i.name === null ? i.linkType : `${escapeControl(i.name)} (${i.linkType})`), // from the file
  );
  const lines = [
    `${c.file}: ${c.format ?? "unknown format"}, ${count(c.frames)} frames, ${bytes(c.bytesRead)}, ${ifaces.length} interface${ifaces.length === 1 ? "" : "s"}: ${ifaces.join(", ") || "-"}`,
  ];
  const error = readErrorText(c);
  if (error !== undefined) lines.push(`  ! ${error}`);
  return lines;
}
