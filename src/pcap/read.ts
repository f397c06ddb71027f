// Reading a whole capture: chunks in (from openCapture, or any AsyncIterable), packets out to a
// callback. Pure over its source: the file, stdin and gzip part is openCapture's (open.ts).
import type { CaptureError, CaptureInterface, Packet } from "./packet.js";
import { CaptureParser, type ParserOptions } from "./parser.js";

export interface ReadResult {
  format: "pcap" | "pcapng" | undefined;
  frames: number;
  /** Capture bytes consumed (decompressed). */
  bytes: number;
  interfaces: CaptureInterface[];
  /** Why reading stopped early; every frame before `error.frame` was delivered. */
  error?: CaptureError;
}

function resultOf(parser: CaptureParser): ReadResult {
  const error = parser.end();
  return {
    format: parser.formatName,
    frames: parser.frames,
    bytes: parser.position,
    interfaces: parser.interfaces.map(
      ({ id, linkType, snapLength, name, description, unitsPerSecond }) => ({
        id,
        linkType,
        snapLength,
        unitsPerSecond,
        ...(name === undefined ? {} : { name }),
        ...(description === undefined ? {} : { description }),
      }),
    ),
    ...(error === undefined ? {} : { error }),
  };
}

/** Read every packet of a capture; never throws for bad input or a failing source. */
export async function readCapture(
  source: AsyncIterable<Uint8Array>,
  onPacket: (p: Packet) => void,
  options: ParserOptions = {},
): Promise<ReadResult> {
  const parser = new CaptureParser(onPacket, options);
  try {
    for await (const chunk of source) {
      parser.push(chunk);
      if (parser.error !== undefined) break;
    }
  } catch (e) {
    // The source failed (read error, corrupt gzip): report it where the parser had got to.
    if (parser.error === undefined) {
      const message = `cannot read further: ${e instanceof Error ? e.message : String(e)}`;
      parser.error = { kind: "error", offset: parser.position, frame: parser.frames + 1, message };
    }
  }
  return resultOf(parser);
}

/** The same over bytes already in memory, fed in chunks of `chunkSize` (tests use small ones). */
export function readCaptureBytes(
  bytes: Uint8Array,
  onPacket: (p: Packet) => void,
  chunkSize = 1 << 20,
  options: ParserOptions = {},
): ReadResult {
  const parser = new CaptureParser(onPacket, options);
  for (let at = 0; at < bytes.length && parser.error === undefined; at += chunkSize) {
    parser.push(bytes.subarray(at, at + chunkSize));
  }
  return resultOf(parser);
}
