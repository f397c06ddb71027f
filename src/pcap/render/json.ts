// Reports as JSON: keys in snake_case (the reports' camelCase fields, converted here once), so
// `first_ts`, `per_second`, `vlan_tagged`, ... are what scripts see. Keys that are data (ethertypes
// like "0x0806", protocol names, VLAN ids) have no capitals and pass through unchanged.

function snake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function convert(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(convert);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[snake(k)] = convert(v);
    return out;
  }
  if (typeof value === "number" && !Number.isFinite(value)) return null;
  return value;
}

export function renderJson(value: unknown): string {
  return `${JSON.stringify(convert(value), null, 2)}\n`;
}
