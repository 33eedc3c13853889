/**
 * Posts a text through a chat connector: the backend's `dispatch` function does the posting
 * (the connector's secret never reaches the phone), called as the signed-in user through the
 * app's session (supabase-js `functions.invoke`).
 */
import * as v from 'valibot';
import type { DispatchSource } from '../../../domain/connectors';
import type { MusterApp } from '../../app/muster-app';

export interface DispatchRequest {
  /** Made once per post: sending the same id again returns the stored outcome and posts nothing. */
  dispatchId: string;
  connectorId: string;
  incidentId: string | null;
  source: DispatchSource;
  /** A statement's title: a status page shows it as the incident's name. */
  title?: string | undefined;
  text: string;
}

export type DispatchOutcome =
  | { status: 'sent'; remoteId: string | null; remoteUrl: string | null; attempts: number }
  /** `answered`: the backend gave a verdict; false when it was not reached (try again with the same id). */
  | { status: 'failed'; message: string; answered: boolean };

const sentSchema = v.object({
  status: v.literal('sent'),
  remote_id: v.optional(v.nullable(v.union([v.string(), v.number()]))),
  remote_url: v.optional(v.nullable(v.string())),
  attempts: v.optional(v.number()),
});
const errorSchema = v.object({ code: v.optional(v.string()), message: v.optional(v.string()) });

function refusal(status: number, body: unknown): string {
  const error = v.safeParse(errorSchema, body);
  const code = error.success ? error.output.code : undefined;
  const said = error.success && error.output.message ? error.output.message : `the backend answered ${status}`;
  if (code === 'source_not_for_connector') return `Not posted: ${said}`;
  if (code === 'connector_paused') return 'Not posted: chat is marked compromised for this incident, so the connector is paused.';
  if (status === 401) return 'Not posted: sign in to the Muster backend again (Settings › Sync).';
  if (status === 403) return 'Not posted: your role in this workspace may not post to chat. Ask an owner.';
  if (code === 'connector_not_found') return 'Not posted: this connector no longer exists. Reload Settings › Integrations.';
  if (status === 404) return 'Not posted: this Muster backend cannot post to chat (its dispatch function is not running). Tell whoever runs it.';
  // The backend's own messages already say "Not posted to <connector>: …" and what to check.
  if (/^not posted/i.test(said)) return said;
  return code === 'dispatch_failed' ? `Not posted: ${said}` : `Not posted: ${said}.`;
}

/** The function's answer (HTTP status and JSON body) as an outcome; never trusts the body's shape. */
export function dispatchOutcome(status: number, body: unknown): DispatchOutcome {
  // 502 is the function's verdict after its retries; other 5xx mean it was not reached.
  if (status < 200 || status > 299) return { status: 'failed', message: refusal(status, body), answered: status < 500 || status === 502 };
  const sent = v.safeParse(sentSchema, body);
  if (!sent.success) return { status: 'failed', message: 'The backend answered in a form this app cannot read: check the chat before posting again.', answered: true };
  const remoteId = sent.output.remote_id;
  return { status: 'sent', remoteId: remoteId === null || remoteId === undefined ? null : String(remoteId), remoteUrl: sent.output.remote_url ?? null, attempts: sent.output.attempts ?? 1 };
}

export async function dispatchToConnector(app: MusterApp, request: DispatchRequest): Promise<DispatchOutcome> {
  const settings = app.settings();
  if (!settings.backend_url || !settings.account) return { status: 'failed', message: 'Not posted: sign in to the Muster backend first (Settings › Sync).', answered: true };
  let answer: { status: number; body: unknown };
  try {
    const session = await app.sync.session();
    answer = await session.invoke('dispatch', {
      dispatch_id: request.dispatchId,
      connector_id: request.connectorId,
      incident_id: request.incidentId,
      source: request.source,
      ...(request.title === undefined ? {} : { title: request.title }),
      text: request.text,
    });
  } catch {
    return { status: 'failed', message: 'Not posted: no answer from the Muster backend (offline or unreachable). Try again.', answered: false };
  }
  return dispatchOutcome(answer.status, answer.body);
}
