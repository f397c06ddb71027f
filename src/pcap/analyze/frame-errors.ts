// What is wrong with one decoded frame, if anything: a header cut short, a length field that
// claims more bytes than the frame holds, a field with an impossible value. A frame cut by the
// capture's snap length is not an error (only frames captured whole are held to their lengths).
import type { Malformed } from "../cursor.js";
import type { Frame } from "../decode/dispatch.js";
import type { LinkHeader } from "../decode/ethernet.js";

export interface FrameError {
  frame: number;
  kind: "truncated" | "bad-length" | "malformed";
  protocol: string;
  /** Offset in the frame where decoding stopped, when a decoder stopped. */
  offset?: number;
  message: string;
}

function fromMalformed(frame: Frame, m: Malformed): FrameError | undefined {
  const snapped = frame.packet.capturedLength < frame.packet.originalLength;
  if (m.truncated && snapped) return undefined;
  return {
    frame: frame.packet.index,
    kind: m.truncated ? "truncated" : "malformed",
    protocol: m.protocol,
    offset: m.offset,
    message: m.message,
  };
}

function badLength(frame: Frame, protocol: string, message: string): FrameError {
  return { frame: frame.packet.index, kind: "bad-length", protocol, message };
}

function llcLength(link: LinkHeader): number {
  const llc = link.llc;
  if (llc === undefined) return 0;
  return llc.snap !== undefined ? 8 : llc.control > 0xff ? 4 : 3;
}

export function frameError(frame: Frame): FrameError | undefined {
  const p = frame.packet;
  if (p.capturedLength > p.originalLength) {
    const m = `captured length ${p.capturedLength} > original length ${p.originalLength}`;
    return badLength(frame, "capture", m);
  }
  const { link, payload } = frame;
  if (link.kind === "malformed") return fromMalformed(frame, link);
  if (link.kind !== "link") return undefined;
  const whole = p.capturedLength >= p.originalLength;
  if (
    whole &&
    link.length8023 !== undefined &&
    link.payloadLength + llcLength(link) < link.length8023
  ) {
    const m = `802.3 length ${link.length8023}, but the frame ends sooner`;
    return badLength(frame, "802.3", m);
  }
  if (payload === undefined) return undefined;
  switch (payload.kind) {
    case "malformed":
      return fromMalformed(frame, payload);
    case "ipv4":
    case "ipv6":
      if (whole && payload.truncated) {
        const n = payload.kind === "ipv4" ? payload.totalLength : payload.declaredLength;
        return badLength(frame, payload.kind, `${payload.kind} length ${n} exceeds the frame`);
      }
      return payload.inner?.kind === "malformed" ? fromMalformed(frame, payload.inner) : undefined;
    case "arp":
      if (
        (payload.hardwareType === 1 && payload.hardwareLength !== 6) ||
        (payload.protocolType === 0x0800 && payload.protocolLength !== 4)
      ) {
        const m = `arp hardware length ${payload.hardwareLength}, protocol length ${payload.protocolLength}`;
        return badLength(frame, "arp", m);
      }
      return undefined;
    default:
      return undefined;
  }
}
