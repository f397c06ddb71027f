// GET /api/incidents/:id: the incident, its events, what it touched, its captures with their
// analyses, and the doctor's report recorded nearest its opening.
import type Database from "better-sqlite3";
import { doctorReportNear } from "../store/doctor-reports.js";
import { getIncident } from "../store/queries.js";
import type { ApiFinding, CaptureInfo, DoctorSnapshot, IncidentDetailResponse } from "./api.js";
import { apiEvent, apiIncident } from "./api-rows.js";
import { type CaptureAnalyses, captureFile } from "./captures.js";

/** Subjects first, then the interfaces and subjects of the events, each once. */
function affectedBy(
  subjects: string[],
  events: { subject: string; ifname: string | null }[],
): string[] {
  const out = new Set(subjects);
  for (const e of events) {
    out.add(e.subject);
    if (e.ifname !== null) out.add(e.ifname);
  }
  return [...out];
}

export function doctorSnapshotOf(r: {
  t_ms: number;
  status: DoctorSnapshot["status"];
  report: Record<string, unknown>;
}): DoctorSnapshot {
  return {
    t_ms: r.t_ms,
    status: r.status,
    findings: Array.isArray(r.report.findings) ? (r.report.findings as ApiFinding[]) : [],
    unseen: Array.isArray(r.report.unseen) ? (r.report.unseen as string[]) : [],
  };
}

export async function incidentDetail(
  db: Database.Database,
  id: number,
  captureDir: string,
  analyses: CaptureAnalyses,
): Promise<IncidentDetailResponse | null> {
  const found = getIncident(db, id);
  if (found === undefined) return null;
  const incident = apiIncident(found.incident);
  const events = found.events.map(apiEvent);
  const captures: CaptureInfo[] = await Promise.all(
    incident.captures.map(async (name) => {
      const url = `/api/captures/${encodeURIComponent(name)}`;
      const file = captureFile(captureDir, name);
      if (file === null)
        return {
          name,
          url,
          bytes: null,
          analysis: null,
          analysis_error: "the file is gone (capture budget, or moved)",
        };
      return { name, url, bytes: file.bytes, ...(await analyses.get(file)) };
    }),
  );
  const report = doctorReportNear(db, incident.opened_ms);
  return {
    incident,
    events,
    affected: affectedBy(incident.subjects, events),
    captures,
    doctor: report === null ? null : doctorSnapshotOf(report),
  };
}
