/**
 * Sends one claimed round of an alert: a Web Push message to each subscription (RFC 8291
 * aes128gcm + RFC 8292 VAPID, see ../_shared/web-push.ts) and a post to each ntfy / Gotify
 * relay. The push message holds ids, the incident ID and the short title only: no names,
 * no contact details, no message text; the app reads the rest once it opens.
 */
import { buildPushRequest } from '../_shared/web-push.ts';
import { type AlertRelay, relayRequest } from './relays.ts';

export type RoundKind = 'send' | 'repeat' | 'escalate';

/** One round as `alert_claim_rounds` answers it. */
export interface ClaimedRound {
  alert_id: string;
  workspace_id: string;
  incident_id: string | null;
  title: string;
  round: number;
  kind: RoundKind;
  recipients: number;
  subscriptions: { id: string; endpoint: string; p256dh: string; auth: string }[];
  relays: AlertRelay[];
}

export interface VapidKeys {
  /** base64url of the 65-byte public key: the app's applicationServerKey. */
  publicKey: string;
  privateKey: JsonWebKey;
  /** mailto: or https: URI the push services may contact. */
  subject: string;
}

export interface DeliveryOptions {
  vapid: VapidKeys;
  fetch: typeof fetch;
  now: () => Date;
  appUrl: string | null;
  /** How long a push service keeps an undelivered alert; an hour-old alert is stale. */
  ttlSeconds: number;
}

export interface RoundOutcome {
  delivered: number;
  failed: number;
  goneSubscriptionIds: string[];
}

/** What the phone's service worker receives (decrypted). */
export interface AlertPushPayload {
  v: 1;
  type: 'alert';
  alert_id: string;
  workspace_id: string;
  incident_id: string | null;
  title: string;
  round: number;
  kind: RoundKind;
}

/** The app keeps titles to 120 characters; the push never carries more. */
const TITLE_LIMIT = 120;

export function alertPushPayload(round: ClaimedRound): AlertPushPayload {
  return {
    v: 1,
    type: 'alert',
    alert_id: round.alert_id,
    workspace_id: round.workspace_id,
    incident_id: round.incident_id,
    title: Array.from(round.title).slice(0, TITLE_LIMIT).join(''),
    round: round.round,
    kind: round.kind,
  };
}

type Attempt = 'delivered' | 'gone' | 'failed';

async function post(options: DeliveryOptions, url: string, init: RequestInit, what: string): Promise<{ outcome: Attempt; status: number }> {
  try {
    const response = await options.fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
    await response.body?.cancel();
    if (response.ok) return { outcome: 'delivered', status: response.status };
    if (response.status === 404 || response.status === 410) return { outcome: 'gone', status: response.status };
    // The status says why (401/403: VAPID keys, 413: size, 429: rate); the URL is a secret.
    console.warn(`send-alert: ${what} answered HTTP ${response.status}`);
    return { outcome: 'failed', status: response.status };
  } catch (error) {
    console.warn(`send-alert: ${what} did not answer (${error instanceof Error ? error.name : 'error'})`);
    return { outcome: 'failed', status: 0 };
  }
}

export async function deliverRound(round: ClaimedRound, options: DeliveryOptions): Promise<RoundOutcome> {
  const payload = JSON.stringify(alertPushPayload(round));
  const topic = round.alert_id.replaceAll('-', '');

  const pushes = round.subscriptions.map(async (subscription) => {
    let request;
    try {
      request = await buildPushRequest({
        subscription,
        payload,
        vapid: { subject: options.vapid.subject, publicKey: options.vapid.publicKey, privateKey: options.vapid.privateKey },
        ttlSeconds: options.ttlSeconds,
        urgency: 'high',
        topic,
        now: options.now(),
      });
    } catch (error) {
      // A subscription saved with broken keys can never be delivered: count it, keep going.
      console.warn(`send-alert: subscription ${subscription.id} cannot be encrypted for: ${error instanceof Error ? error.message : error}`);
      return { id: subscription.id, outcome: 'failed' as Attempt };
    }
    const { outcome } = await post(options, request.url, request.init, `the push service of subscription ${subscription.id}`);
    return { id: subscription.id, outcome };
  });

  const relays = round.relays.map(async (relay) => {
    const request = relayRequest(relay, round, options.appUrl);
    const { outcome } = await post(options, request.url, request.init, `${relay.kind} relay ${relay.id}`);
    // A relay is configured by hand: a 404 there is a mistake to fix, not a subscription to drop.
    return outcome === 'delivered' ? 'delivered' : 'failed';
  });

  const pushResults = await Promise.all(pushes);
  const relayResults = await Promise.all(relays);
  const all = [...pushResults.map((result) => result.outcome), ...relayResults];
  return {
    delivered: all.filter((outcome) => outcome === 'delivered').length,
    failed: all.filter((outcome) => outcome === 'failed').length,
    goneSubscriptionIds: pushResults.filter((result) => result.outcome === 'gone').map((result) => result.id),
  };
}
