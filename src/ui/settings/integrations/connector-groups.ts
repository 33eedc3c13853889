/**
 * How Settings › Integrations groups the connector kinds, in screen order. Cachet's two
 * versions are one tool: its version is picked in the setup form. Monitoring (Uptime Kuma)
 * comes after these: it is an address Muster gives out, not a connector.
 */
import { CHAT_CONNECTOR_KINDS, CONNECTOR_LABELS, EVIDENCE_STORAGE_KINDS, STATUS_PAGE_KINDS, TICKET_KINDS, type ConnectorKind } from '../../../domain/connectors';

export interface ConnectorTool {
  label: string;
  /** The kinds whose connectors this tool lists. */
  kinds: readonly ConnectorKind[];
  /** The kind "Set up" and "Add another" start a new connector as. */
  newKind: ConnectorKind;
}

export interface ConnectorGroup {
  id: string;
  heading: string;
  tools: readonly ConnectorTool[];
}

const oneKind = (kind: ConnectorKind): ConnectorTool => ({ label: CONNECTOR_LABELS[kind], kinds: [kind], newKind: kind });

export const CONNECTOR_GROUPS: readonly ConnectorGroup[] = [
  { id: 'chat', heading: 'Chat', tools: CHAT_CONNECTOR_KINDS.map(oneKind) },
  { id: 'status-page', heading: 'Status page', tools: [{ label: CONNECTOR_LABELS.cachet2, kinds: STATUS_PAGE_KINDS, newKind: 'cachet2' }] },
  { id: 'tickets', heading: 'Tickets and cases', tools: TICKET_KINDS.map(oneKind) },
  { id: 'evidence', heading: 'Evidence storage', tools: EVIDENCE_STORAGE_KINDS.map(oneKind) },
];
