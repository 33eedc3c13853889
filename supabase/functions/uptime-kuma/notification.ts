/**
 * What Uptime Kuma's "Webhook" notification sends, read into the event Muster stores.
 * Source: louislam/uptime-kuma server/notification-providers/webhook.js and server/model/heartbeat.js.
 *   application/json     {"heartbeat": {...} | null, "monitor": {...} | null, "msg": "..."}
 *   multipart/form-data  field `data` holding that same JSON (Uptime Kuma's "form-data" body)
 * heartbeat: {monitorID, status (0 down, 1 up, 2 pending, 3 maintenance), time, msg, ...};
 * monitor: {id, name, ...}. The "Test" button sends heartbeat and monitor as null.
 * The "custom body" (a Liquid template) is not read: choose "application/json" or "form-data".
 */

export type MonitorEvent =
  | { kind: 'test'; msg: string }
  | { kind: 'notice'; monitor_id: string; monitor_name: string; msg: string }
  | { kind: 'heartbeat'; monitor_id: string; monitor_name: string; status: 0 | 1 | 2 | 3; msg: string; heartbeat_time: string };

export type ParsedNotification = { ok: true; event: MonitorEvent } | { ok: false; problem: string };

const MONITOR_ID = /^[-_.:A-Za-z0-9]{1,100}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function monitorIdOf(value: unknown): string | null {
  const text = typeof value === 'number' && Number.isInteger(value) ? String(value) : typeof value === 'string' ? value : null;
  return text !== null && MONITOR_ID.test(text) ? text : null;
}

const textOf = (value: unknown, limit: number) => (typeof value === 'string' ? Array.from(value).slice(0, limit).join('') : '');

/** Reads the notification JSON (already parsed); never throws. */
export function readNotification(body: unknown): ParsedNotification {
  if (!isRecord(body)) return { ok: false, problem: 'The body is not a JSON object.' };
  const { heartbeat, monitor, msg } = body;
  if (!('heartbeat' in body) && !('monitor' in body) && !('msg' in body)) {
    return { ok: false, problem: 'The body has none of heartbeat, monitor and msg.' };
  }
  if (heartbeat !== undefined && heartbeat !== null && !isRecord(heartbeat)) return { ok: false, problem: 'heartbeat is not an object.' };
  if (monitor !== undefined && monitor !== null && !isRecord(monitor)) return { ok: false, problem: 'monitor is not an object.' };
  if (msg !== undefined && msg !== null && typeof msg !== 'string') return { ok: false, problem: 'msg is not text.' };
  const message = textOf(msg, 2000);

  if (!isRecord(heartbeat) && !isRecord(monitor)) return { ok: true, event: { kind: 'test', msg: message } };

  const monitorId = monitorIdOf(isRecord(heartbeat) ? heartbeat.monitorID : undefined) ?? monitorIdOf(isRecord(monitor) ? monitor.id : undefined);
  if (monitorId === null) return { ok: false, problem: 'Neither heartbeat.monitorID nor monitor.id is a monitor id.' };
  const monitorName = textOf(isRecord(monitor) ? monitor.name : undefined, 200);
  if (!isRecord(heartbeat)) return { ok: true, event: { kind: 'notice', monitor_id: monitorId, monitor_name: monitorName, msg: message } };

  const status = heartbeat.status;
  if (status !== 0 && status !== 1 && status !== 2 && status !== 3) return { ok: false, problem: 'heartbeat.status is not 0, 1, 2 or 3.' };
  return {
    ok: true,
    event: { kind: 'heartbeat', monitor_id: monitorId, monitor_name: monitorName, status, msg: message, heartbeat_time: textOf(heartbeat.time, 50) },
  };
}
