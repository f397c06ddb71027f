// `ethtool -i <if>`: driver, version, firmware and bus of a NIC.
import { evidence, numberedLines } from "../../lib/text.js";
import { type NicDriver, type Parsed, ParseError } from "../model.js";

/** `ethtool -i <if>` output. */
export function parseEthtoolInfo(text: string, file: string): Parsed<NicDriver | undefined> {
  const fields: Record<string, { value: string; line: number; raw: string }> = {};
  for (const { n, text: raw } of numberedLines(text)) {
    const m = /^([\w-]+):\s*(.*)$/.exec(raw.trim());
    if (m?.[1]) fields[m[1]] = { value: (m[2] ?? "").trim(), line: n, raw };
  }
  const driver = fields.driver;
  if (!driver) {
    const problems =
      text.trim() === "" ? [] : [new ParseError(file, 1, "no 'driver:' line in ethtool -i output")];
    return { value: undefined, problems };
  }
  const out: NicDriver = { source: evidence(file, driver.line, driver.raw) };
  if (driver.value) out.driver = driver.value;
  const set = (k: "version" | "firmware" | "busInfo", key: string) => {
    const v = fields[key]?.value;
    if (v) out[k] = v;
  };
  set("version", "version");
  set("firmware", "firmware-version");
  set("busInfo", "bus-info");
  return { value: out, problems: [] };
}
