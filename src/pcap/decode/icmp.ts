// ICMP (RFC 792): type and code for every message, identifier and sequence for echo.
import { attempt, type ByteCursor, type Malformed } from "../cursor.js";

export const IP_PROTOCOL_ICMP = 1;
const ECHO_REPLY = 0;
const ECHO_REQUEST = 8;

export interface Icmp {
  kind: "icmp";
  type: number;
  code: number;
  /** Echo request (8) and reply (0) only. */
  echo: { request: boolean; id: number; seq: number } | undefined;
}

function decode(c: ByteCursor): Icmp {
  const type = c.u8("icmp type");
  const code = c.u8("icmp code");
  c.skip(2, "icmp checksum");
  let echo: Icmp["echo"];
  if (type === ECHO_REQUEST || type === ECHO_REPLY) {
    const id = c.u16("icmp echo identifier");
    echo = { request: type === ECHO_REQUEST, id, seq: c.u16("icmp echo sequence") };
  }
  return { kind: "icmp", type, code, echo };
}

export function decodeIcmp(c: ByteCursor): Icmp | Malformed {
  return attempt("icmp", c, decode);
}
