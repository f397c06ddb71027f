// The --json form; its schema is docs/doctor-report.schema.json.
import type { DoctorReport } from "../engine.js";

const REPORT_SCHEMA_ID = "linkguard/doctor-report/v1";

export function renderReportJson(report: DoctorReport, version: string): string {
  return `${JSON.stringify({ $schema: REPORT_SCHEMA_ID, version, ...report }, null, 2)}\n`;
}
