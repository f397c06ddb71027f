// An event as an RFC 5424 syslog message, and RFC 6587 octet-counting framing for TCP.
// Pure: no I/O, never throws, so the syslog sink cannot fail on an odd event.
import type { EventSeverity, WatchEvent } from "../../events/types.js";

/** RFC 5424 6.2.1 table 1 (names as in syslog.conf / logger(1)). */
const FACILITIES = {
  kern: 0,
  user: 1,
  mail: 2,
  daemon: 3,
  auth: 4,
  syslog: 5,
  lpr: 6,
  news: 7,
  uucp: 8,
  cron: 9,
  authpriv: 10,
  ftp: 11,
  ntp: 12,
  security: 13,
  console: 14,
  solaris_cron: 15,
  local0: 16,
  local1: 17,
  local2: 18,
  local3: 19,
  local4: 20,
  local5: 21,
  local6: 22,
  local7: 23,
} as const;
export type Facility = keyof typeof FACILITIES;
export const FACILITY_NAMES = Object.keys(FACILITIES) as Facility[];

/** RFC 5424 6.2.1 table 2: crit(2), warning(4), informational(6). */
const SEVERITY_CODES: Record<EventSeverity, number> = { critical: 2, warning: 4, info: 6 };

/**
 * The SD-ID of our parameters. 32473 is the private enterprise number RFC 5612 reserves for
 * documentation; a site that needs its own can register one with IANA.
 */
const SD_ID = "linkguard@32473";

export interface Rfc5424Options {
  facility?: Facility;
  /** APP-NAME, default "linkguard". */
  app?: string;
  /** PROCID, usually the watcher's pid; "-" when omitted. */
  procid?: string | number;
}

const NIL = "-";

/** A header field: PRINTUSASCII only (RFC 5424 6.2: %d33-126), at most max octets, "-" if empty. */
function headerField(value: string | undefined, max: number): string {
  const clean = (value ?? "").replace(/[^\x21-\x7e]/g, "").slice(0, max);
  return clean === "" ? NIL : clean;
}

/** RFC 5424 6.3.3: inside PARAM-VALUE, '"', '\' and ']' MUST be escaped with a backslash. */
export function escapeParamValue(value: string): string {
  return value.replace(/["\\\]]/g, (c) => `\\${c}`);
}

/** FULL-DATE "T" FULL-TIME with milliseconds, UTC ("Z"); "-" when the time is not valid. */
export function renderTimestamp(tMs: number): string {
  const d = new Date(tMs);
  const year = d.getUTCFullYear(); // NaN for an invalid time
  // RFC 3339 full-date has a four-digit year.
  return year >= 0 && year <= 9999 ? d.toISOString() : NIL;
}

function structuredData(event: WatchEvent): string {
  const params: Array<[string, string]> = [["subject", event.subject]];
  if (event.ifname !== undefined) params.push(["ifname", event.ifname]);
  if (event.incident_id !== undefined) params.push(["incident", String(event.incident_id)]);
  const body = params.map(([k, v]) => `${k}="${escapeParamValue(String(v))}"`).join(" ");
  return `[${SD_ID} ${body}]`;
}

/**
 * `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD] MSG` (RFC 5424 6).
 * MSGID is the event kind, MSG the event's sentence as UTF-8 without a BOM (MSG-ANY): many
 * receivers print a BOM as garbage, and rsyslog treats both alike.
 */
export function renderRfc5424(event: WatchEvent, opts: Rfc5424Options = {}): string {
  const facility = FACILITIES[opts.facility ?? "daemon"] ?? FACILITIES.daemon;
  const severity = SEVERITY_CODES[event.severity] ?? SEVERITY_CODES.info;
  const header = [
    `<${facility * 8 + severity}>1`,
    renderTimestamp(event.t_ms),
    headerField(event.host, 255),
    headerField(opts.app ?? "linkguard", 48),
    headerField(opts.procid === undefined ? undefined : String(opts.procid), 128),
    headerField(event.kind, 32),
  ].join(" ");
  const msg = event.detail ? ` ${event.detail}` : "";
  return `${header} ${structuredData(event)}${msg}`;
}

/** RFC 6587 3.4.1 octet counting: `MSG-LEN SP SYSLOG-MSG`, the length in octets, not chars. */
export function frameOctetCounted(message: string): Buffer {
  const body = Buffer.from(message, "utf8");
  return Buffer.concat([Buffer.from(`${body.length} `, "ascii"), body]);
}

/**
 * At most maxOctets of UTF-8, cut at a character boundary. RFC 5426 3.2: receivers SHOULD
 * take 2048-octet datagrams, so longer syslog messages are cut rather than lost.
 */
export function truncateUtf8(message: string, maxOctets: number): Buffer {
  const buf = Buffer.from(message, "utf8");
  if (buf.length <= maxOctets) return buf;
  let end = maxOctets;
  // Back up over continuation bytes (10xxxxxx) to the start of the cut character.
  while (end > 0 && ((buf[end] ?? 0) & 0xc0) === 0x80) end--;
  return buf.subarray(0, end);
}
