/**
 * The requests that post an alert to an ntfy topic or a Gotify application, for phones whose
 * browser push is unreliable. Only the short title and the incident ID go out, as in the push.
 * ntfy: https://docs.ntfy.sh/publish/ (POST /<topic>, headers Title, Priority, Tags, Click).
 * Gotify: POST /message with X-Gotify-Key and JSON {title, message, priority}.
 */

export interface AlertRelay {
  id: string;
  kind: 'ntfy' | 'gotify';
  server_url: string;
  topic: string;
  token: string;
}

export interface RelayAlert {
  incident_id: string | null;
  title: string;
  round: number;
  kind: 'send' | 'repeat' | 'escalate';
}

export interface RelayRequest {
  url: string;
  init: { method: 'POST'; headers: Record<string, string>; body: string };
}

/** "Incident INC-2026-004: Move to the phone bridge" */
export function relayMessage(alert: RelayAlert): string {
  return alert.incident_id ? `Incident ${alert.incident_id}: ${alert.title}` : alert.title;
}

/** What the notification's own title says: which round it is, never who raised it. */
export function relayTitle(alert: RelayAlert): string {
  if (alert.kind === 'escalate') return 'Muster alert: not acknowledged by everyone';
  if (alert.kind === 'repeat') return `Muster alert (reminder ${alert.round})`;
  return 'Muster alert';
}

/** HTTP header values are Latin-1; anything else goes as an RFC 2047 encoded word, which ntfy decodes. */
function headerText(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `=?UTF-8?B?${btoa(binary)}?=`;
}

export function relayRequest(relay: AlertRelay, alert: RelayAlert, appUrl: string | null): RelayRequest {
  const base = relay.server_url.replace(/\/+$/, '');
  if (relay.kind === 'ntfy') {
    const headers: Record<string, string> = {
      Title: headerText(relayTitle(alert)),
      Priority: '5',
      Tags: 'rotating_light',
      'Content-Type': 'text/plain; charset=utf-8',
    };
    if (appUrl) headers.Click = `${appUrl.replace(/#.*$/, '')}#incident`;
    if (relay.token) headers.Authorization = `Bearer ${relay.token}`;
    return { url: `${base}/${encodeURIComponent(relay.topic)}`, init: { method: 'POST', headers, body: relayMessage(alert) } };
  }
  return {
    url: `${base}/message`,
    init: {
      method: 'POST',
      headers: { 'X-Gotify-Key': relay.token, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: relayTitle(alert), message: relayMessage(alert), priority: 8 }),
    },
  };
}
