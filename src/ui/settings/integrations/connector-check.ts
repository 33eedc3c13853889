/**
 * "Send test" / "Check connection" on a connector's card: which button a kind gets and what
 * pressing it does. A status page gets none (a test would be public). Ticket tools are checked
 * through the dispatch function's 'test' source; osTicket's API can only open tickets, so its
 * check opens a real one. Nextcloud is checked by the evidence-upload function (nothing stored).
 */
import { isChatKind, isEvidenceStorageKind, isStatusPageKind, type Connector, type ConnectorKind } from '../../../domain/connectors';
import type { MusterApp } from '../../app/muster-app';
import { dispatchToConnector } from './dispatch-client';
import { checkEvidenceStorage } from './evidence-upload-client';

export interface ConnectorCheck {
  label: string;
  busyLabel: string;
  /** Said next to the button, before it is pressed. */
  warning: string | null;
  /** The sentence for the card's status line, or a failure to show as an alert. */
  run: (app: MusterApp, connector: Connector) => Promise<{ ok: true; status: string } | { ok: false; error: string }>;
}

// The clients word every failure for a real post or upload ("Not posted: …"); a check posts nothing.
const checkFailed = (message: string) => message.replace(/^Not (posted|uploaded)/, 'Connection check failed');

const sendTest: ConnectorCheck = {
  label: 'Send test',
  busyLabel: 'Sending…',
  warning: null,
  async run(app, connector) {
    const text = `Muster test for ${app.settings().name}: incident posts from Muster will appear here.`;
    const outcome = await dispatchToConnector(app, { dispatchId: crypto.randomUUID(), connectorId: connector.id, incidentId: null, source: 'test', text });
    return outcome.status === 'sent' ? { ok: true, status: `Test posted to ${connector.name}.` } : { ok: false, error: outcome.message };
  },
};

const checkTicketTool = (kind: ConnectorKind): ConnectorCheck => ({
  label: 'Check connection',
  busyLabel: 'Checking…',
  warning: kind === 'osticket' ? 'Checking opens a real test ticket in osTicket (its API can only open tickets): close it there afterwards.' : null,
  async run(app, connector) {
    const outcome = await dispatchToConnector(app, {
      dispatchId: crypto.randomUUID(),
      connectorId: connector.id,
      incidentId: null,
      source: 'test',
      title: 'Muster connection check',
      text: `Muster connection check for ${app.settings().name}. Nothing to do: close this if it was opened.`,
    });
    if (outcome.status !== 'sent') return { ok: false, error: checkFailed(outcome.message) };
    if (kind !== 'osticket') return { ok: true, status: `${connector.name} works: Muster reached it.` };
    const number = outcome.remoteId === null ? '' : ` #${outcome.remoteId}`;
    return { ok: true, status: `${connector.name} works: test ticket${number} opened; close it in osTicket.` };
  },
});

const checkStorage: ConnectorCheck = {
  label: 'Check connection',
  busyLabel: 'Checking…',
  warning: null,
  async run(app, connector) {
    const outcome = await checkEvidenceStorage(app, connector.id);
    return outcome.status === 'sent' ? { ok: true, status: `${connector.name} works: Muster can open the user’s files.` } : { ok: false, error: checkFailed(outcome.message) };
  },
};

export function connectorCheck(kind: ConnectorKind): ConnectorCheck | null {
  if (isStatusPageKind(kind)) return null;
  if (isChatKind(kind)) return sendTest;
  if (isEvidenceStorageKind(kind)) return checkStorage;
  return checkTicketTool(kind);
}
