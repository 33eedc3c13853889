/**
 * The setup form's fields per kind, after the connector's name, in the order the tool's own
 * screens give them. `secret` fields are write-only (type=password, never filled from the
 * backend). Cachet's form has selects and is written out in ConnectorSetupForm.
 */
import type { ConnectorForm, ConnectorKind, StatusPageKind } from '../../../domain/connectors';

export interface SetupField {
  name: keyof ConnectorForm;
  label: string;
  type?: 'url' | 'email' | 'text';
  placeholder?: string;
  hint?: string;
  numeric?: boolean;
  secret?: boolean;
}

const site = (label: string, placeholder: string): SetupField => ({ name: 'site', label, type: 'url', placeholder });

export const SETUP_FIELDS: Record<Exclude<ConnectorKind, StatusPageKind>, readonly SetupField[]> = {
  mattermost: [{ name: 'webhookUrl', label: 'Incoming webhook URL', secret: true }],
  rocketchat: [{ name: 'webhookUrl', label: 'Incoming webhook URL', secret: true }],
  zulip: [
    site('Zulip address', 'https://yourcompany.zulipchat.com'),
    { name: 'botEmail', label: 'Bot email', type: 'email', placeholder: 'muster-bot@yourcompany.zulipchat.com' },
    { name: 'apiKey', label: 'Bot API key', secret: true },
    { name: 'stream', label: 'Stream', placeholder: 'incident' },
  ],
  zammad: [
    site('Zammad address', 'https://tickets.example.com'),
    { name: 'group', label: 'Group', placeholder: 'Users', hint: 'The group new tickets go to, spelt as in Zammad.' },
    { name: 'customer', label: 'Customer e-mail', type: 'email', placeholder: 'it-security@example.com', hint: 'Tickets are filed under this Zammad customer.' },
    { name: 'token', label: 'Access token', secret: true },
  ],
  osticket: [
    site('Helpdesk address', 'https://help.example.com'),
    { name: 'reporterName', label: 'Tickets are from (name)', placeholder: 'Incident team' },
    { name: 'email', label: 'Tickets are from (e-mail)', type: 'email', placeholder: 'incident-team@example.com' },
    { name: 'apiKey', label: 'API key', secret: true },
  ],
  glpi: [
    site('GLPI address', 'https://glpi.example.com'),
    { name: 'appToken', label: 'App-Token (API client)', secret: true },
    { name: 'userToken', label: 'User API token', secret: true },
  ],
  jira_sm: [
    site('Jira site', 'https://yourcompany.atlassian.net'),
    { name: 'email', label: 'Account e-mail', type: 'email', placeholder: 'ops@example.com', hint: 'The Atlassian account the API token belongs to.' },
    { name: 'serviceDeskId', label: 'Service desk id', placeholder: '2', numeric: true },
    { name: 'requestTypeId', label: 'Request type id', placeholder: '10', numeric: true },
    { name: 'token', label: 'API token', secret: true },
  ],
  thehive: [
    site('TheHive address', 'https://thehive.example.com'),
    { name: 'organisation', label: 'Organisation (optional)', hint: 'Only if the user belongs to several organisations; empty uses its default one.' },
    { name: 'apiKey', label: 'API key', secret: true },
  ],
  nextcloud: [
    site('Nextcloud address', 'https://cloud.example.com'),
    { name: 'user', label: 'User name', placeholder: 'muster' },
    { name: 'folder', label: 'Base folder', placeholder: 'Muster', hint: 'Each incident gets its own folder inside this one.' },
    { name: 'appPassword', label: 'App password', secret: true },
  ],
};
