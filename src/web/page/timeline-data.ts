// What the timeline fetches for a window: series (the server picks raw or roll-ups), the
// events in it and the incidents that overlap it.
import type {
  ApiEvent,
  ApiIncident,
  EventsResponse,
  IncidentsResponse,
  SeriesResponse,
} from "../api.js";
import { apiPath, getJson } from "./api-client.js";

export interface TimelineData {
  series: SeriesResponse;
  events: ApiEvent[];
  eventsTruncated: boolean;
  incidents: ApiIncident[];
}

const EVENT_LIMIT = 2000;

export async function fetchTimeline(
  from: number,
  to: number,
  points: number,
): Promise<TimelineData> {
  const [series, events, incidents] = await Promise.all([
    fetchSeries(from, to, points),
    getJson<EventsResponse>(apiPath("/api/events", { from, to, limit: EVENT_LIMIT })),
    getJson<IncidentsResponse>(apiPath("/api/incidents", { from, to })),
  ]);
  return {
    series,
    events: events.events,
    eventsTruncated: events.truncated,
    incidents: incidents.incidents,
  };
}

export function fetchSeries(from: number, to: number, points: number): Promise<SeriesResponse> {
  return getJson<SeriesResponse>(
    apiPath("/api/series", { from: Math.floor(from), to: Math.ceil(to), points }),
  );
}

/** Adds or replaces by id, keeping time order. */
export function upsertById<T extends { id: number }>(
  list: T[],
  item: T,
  time: (x: T) => number,
): T[] {
  const out = list.filter((x) => x.id !== item.id);
  out.push(item);
  return out.sort((a, b) => time(a) - time(b) || a.id - b.id);
}
