/**
 * Team alerts (issue 5): a short call to action ("Move to the phone bridge") pushed to every
 * member's phone, repeated until each acknowledges, then escalated to the backups. The push
 * message carries only the title, the incident ID and ids; the app reads the rest after it
 * opens. Repeat and escalation times are `alertSchedule` (call-tree.ts), which the server's
 * `alert_claim_rounds` mirrors.
 */
import { DEFAULT_MAX_REPEATS, DEFAULT_REPEAT_MINUTES } from './call-tree';

export const ALERT_TITLE_MAX = 120;

/** What responders most often need to tell the whole team at once (PLAYBOOK Step 7). */
export const ALERT_SUGGESTIONS = [
  'Move to the phone bridge now',
  'Open Muster for instructions',
  'Do not use company email or chat',
  'Stand by for a call',
] as const;

export interface AlertAck {
  user_id: string;
  name: string;
  acked_at: string;
}

export interface AlertRound {
  round: number;
  kind: 'send' | 'repeat' | 'escalate';
  claimed_at: string;
  recipients: number;
  delivered: number;
  gone: number;
  failed: number;
}

/** Who has acknowledged and who has not, as the server last listed it (`alert_status`). */
export interface AlertTeamStatus {
  raised_by_name: string;
  acks: AlertAck[];
  pending: { user_id: string; name: string }[];
  rounds: AlertRound[];
  /** When this phone read it. */
  read_at: string;
}

/** A team alert as this phone knows it: raised here, received by push, or listed by the server. */
export interface TeamAlert {
  id: string;
  workspace_id: string;
  /** '' for an alert of the whole workspace (an Uptime Kuma monitor going down), not of an incident. */
  incident_id: string;
  title: string;
  /** The server's time once known; until then this phone's. */
  raised_at: string;
  raised_here: boolean;
  repeat_minutes: number;
  max_repeats: number;
  /** Raised here: the send-alert function was asked to send it. */
  dispatched: boolean;
  /** When this phone's user acknowledged it; null while not. */
  acked_at: string | null;
  status: AlertTeamStatus | null;
}

/** What a push message carries (plain JSON, inside the aes128gcm encryption). */
export interface AlertPushPayload {
  v: 1;
  type: 'alert';
  alert_id: string;
  workspace_id: string;
  /** null for an alert of the whole workspace: a monitor went down, no incident is open for it yet. */
  incident_id: string | null;
  title: string;
  round: number;
  kind: AlertRound['kind'];
}

/** The title as it will be sent, or why it cannot be. */
export function checkAlertTitle(title: string): { ok: true; title: string } | { ok: false; message: string } {
  const trimmed = title.trim().replace(/\s+/g, ' ');
  if (trimmed === '') return { ok: false, message: 'Say in a few words what the team must do.' };
  if (trimmed.length > ALERT_TITLE_MAX)
    return { ok: false, message: `Keep it under ${ALERT_TITLE_MAX} characters (now ${trimmed.length}): a push alert shows one line. Put the details in Muster.` };
  return { ok: true, title: trimmed };
}

export const defaultAlertTiming = { repeat_minutes: DEFAULT_REPEAT_MINUTES, max_repeats: DEFAULT_MAX_REPEATS } as const;

const isString = (value: unknown): value is string => typeof value === 'string';

/**
 * Reads a push message's data. Anything else (another sender, an older format, a broken
 * body) gives null, and the worker shows a generic notice instead of guessing.
 */
export function parseAlertPayload(text: string | null | undefined): AlertPushPayload | null {
  if (!text) return null;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const value = data as Record<string, unknown>;
  if (value['v'] !== 1 || value['type'] !== 'alert') return null;
  const { alert_id, workspace_id, incident_id, title, round, kind } = value;
  if (!isString(alert_id) || !isString(workspace_id) || !(isString(incident_id) || incident_id === null) || !isString(title)) return null;
  if (typeof round !== 'number' || !Number.isInteger(round) || round < 0) return null;
  if (kind !== 'send' && kind !== 'repeat' && kind !== 'escalate') return null;
  return { v: 1, type: 'alert', alert_id, workspace_id, incident_id, title: title.slice(0, ALERT_TITLE_MAX), round, kind };
}

export interface AlertNotification {
  title: string;
  options: NotificationOptions & { actions?: { action: string; title: string }[]; requireInteraction?: boolean; renotify?: boolean };
}

export const ACKNOWLEDGE_ACTION = 'ack';

/** How the phone shows an alert: one notification per alert, replaced by its repeats, with an Acknowledge button. */
export function alertNotification(payload: AlertPushPayload): AlertNotification {
  const prefix = payload.kind === 'escalate' ? 'Not acknowledged: ' : payload.kind === 'repeat' ? 'Reminder: ' : '';
  return {
    title: `${prefix}${payload.title}`,
    options: {
      body: `${payload.incident_id === null ? 'Whole workspace' : `Incident ${payload.incident_id}`}. Tap Acknowledge so the team knows you saw it.`,
      tag: `alert:${payload.alert_id}`,
      renotify: true,
      requireInteraction: true,
      actions: [{ action: ACKNOWLEDGE_ACTION, title: 'Acknowledge' }],
      data: payload,
    },
  };
}

/** Where the app opens for an alert: the incident's alerts, where it can be acknowledged. */
export const ALERTS_URL = './#incident/alerts';
