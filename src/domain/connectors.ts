/**
 * Connectors (issue 7): internal texts posted to the team's chat tool, and approved external
 * statements published on the company's status page (Cachet), from Muster. Pure: the kinds, what the phone shows of a connector, and what a setup form may
 * send. The secret (webhook URL, API key) goes to the server once and never comes back.
 */
import { effectiveSafety, CHANNEL_LABELS, type ChannelStates, type IncidentChannel } from './channels';

export const CHAT_CONNECTOR_KINDS = ['mattermost', 'rocketchat', 'zulip'] as const;
/** Cachet 2.x (`api/v1`, X-Cachet-Token) and 3.x (`api`, Bearer key): one setup card, the version picked in it. */
export const STATUS_PAGE_KINDS = ['cachet2', 'cachet3'] as const;
/** Ticket and case tools: a ticket or case is opened (or updated) from an incident, a vendor request or a follow-up. */
export const TICKET_KINDS = ['zammad', 'osticket', 'glpi', 'jira_sm', 'thehive'] as const;
/** Evidence storage: exports are uploaded by WebDAV into a folder per incident. */
export const EVIDENCE_STORAGE_KINDS = ['nextcloud'] as const;
export const CONNECTOR_KINDS = [...CHAT_CONNECTOR_KINDS, ...STATUS_PAGE_KINDS, ...TICKET_KINDS, ...EVIDENCE_STORAGE_KINDS] as const;
export type ConnectorKind = (typeof CONNECTOR_KINDS)[number];
export type StatusPageKind = (typeof STATUS_PAGE_KINDS)[number];
export type TicketKind = (typeof TICKET_KINDS)[number];
export type EvidenceStorageKind = (typeof EVIDENCE_STORAGE_KINDS)[number];

export const CONNECTOR_LABELS: Record<ConnectorKind, string> = {
  mattermost: 'Mattermost',
  rocketchat: 'Rocket.Chat',
  zulip: 'Zulip',
  cachet2: 'Cachet',
  cachet3: 'Cachet',
  zammad: 'Zammad',
  osticket: 'osTicket',
  glpi: 'GLPI',
  jira_sm: 'Jira Service Management',
  thehive: 'TheHive',
  nextcloud: 'Nextcloud',
};
export const CACHET_VERSION_LABELS: Record<StatusPageKind, string> = { cachet2: '2.x', cachet3: '3.x' };

export function isStatusPageKind(kind: ConnectorKind): kind is StatusPageKind {
  return (STATUS_PAGE_KINDS as readonly string[]).includes(kind);
}

export function isTicketKind(kind: ConnectorKind): kind is TicketKind {
  return (TICKET_KINDS as readonly string[]).includes(kind);
}

/** What a ticket tool calls the thing it opens: TheHive opens cases, the others tickets (Jira SM: requests). */
export const TICKET_NOUN: Record<TicketKind, string> = { zammad: 'ticket', osticket: 'ticket', glpi: 'ticket', jira_sm: 'request', thehive: 'case' };

/**
 * Why a text is posted; 'test' is Settings › Integrations' "Send test" (no incident, not
 * logged). 'statement' is an approved external statement, and goes to status pages only.
 */
export type DispatchSource = 'leadership_update' | 'employee_instruction' | 'alternate_channel' | 'statement' | 'ticket' | 'evidence' | 'test';

/**
 * Chat connectors post into the company's chat: Step 7's marking of 'chat' pauses them. A
 * status page is no company channel (the public reads it), so no marking pauses it.
 */
export const CONNECTOR_CHANNEL: Record<ConnectorKind, IncidentChannel | null> = {
  mattermost: 'chat',
  rocketchat: 'chat',
  zulip: 'chat',
  cachet2: null,
  cachet3: null,
  // Tickets and evidence storage are how the team reaches IT, vendors and its records: no
  // marking pauses them (the playbook's compromised channels are chat, email and the identity provider).
  zammad: null,
  osticket: null,
  glpi: null,
  jira_sm: null,
  thehive: null,
  nextcloud: null,
};

/** Cachet's incident status for a published statement (2.x and 3.x agree on 1..4). */
export const CACHET_STATUSES = [
  { id: 1, label: 'Investigating' },
  { id: 2, label: 'Identified' },
  { id: 3, label: 'Watching' },
  { id: 4, label: 'Fixed' },
] as const;
export const DEFAULT_CACHET_STATUS = 2;

/** A connector as `list_connectors` returns it: no secret, only whether one is stored. */
export interface Connector {
  id: string;
  kind: ConnectorKind;
  name: string;
  config: {
    site?: string;
    stream?: string;
    bot_email?: string;
    status?: number;
    /** Zammad: the group and the customer's e-mail. */
    group?: string;
    customer?: string;
    /** osTicket: who the ticket is from. Jira SM: the account's e-mail (the API token's owner). */
    name?: string;
    email?: string;
    /** Jira SM. */
    service_desk_id?: string;
    request_type_id?: string;
    /** TheHive: sent as X-Organisation when not empty. */
    organisation?: string;
    /** Nextcloud: the user and the base folder incidents get their folders in. */
    user?: string;
    folder?: string;
  };
  has_secret: boolean;
  last_ok_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
}

export type ConnectorState =
  | { kind: 'not_set_up' }
  /** Set up, nothing sent through it yet: "Send test" tells whether it works. */
  | { kind: 'untested' }
  | { kind: 'working'; lastOkAt: string }
  | { kind: 'failing'; error: string; at: string }
  /** The current incident marks its channel compromised (Step 7): nothing is posted. */
  | { kind: 'paused'; reason: string };

/**
 * What a connector is doing now. Paused wins (the incident's marking, chat's identity
 * provider included); then the newer of the last success and the last failure.
 */
export function connectorState(connector: Connector | undefined, states: ChannelStates | null): ConnectorState {
  if (!connector) return { kind: 'not_set_up' };
  const channel = CONNECTOR_CHANNEL[connector.kind];
  if (states && channel) {
    const { state, because } = effectiveSafety(channel, states);
    if (state === 'compromised')
      return {
        kind: 'paused',
        reason:
          because === channel
            ? `Paused: ${CHANNEL_LABELS[channel].toLowerCase()} is marked compromised for this incident`
            : `Paused: ${CHANNEL_LABELS[channel].toLowerCase()} signs in through ${CHANNEL_LABELS[because]}, which is marked compromised for this incident`,
      };
  }
  const okAt = connector.last_ok_at ? Date.parse(connector.last_ok_at) : Number.NEGATIVE_INFINITY;
  const errorAt = connector.last_error_at ? Date.parse(connector.last_error_at) : Number.NEGATIVE_INFINITY;
  if (connector.last_error_at && errorAt >= okAt) return { kind: 'failing', error: connector.last_error || 'The last post failed.', at: connector.last_error_at };
  if (connector.last_ok_at) return { kind: 'working', lastOkAt: connector.last_ok_at };
  return { kind: 'untested' };
}

/** What the setup form holds; fields another kind needs are ignored. */
export interface ConnectorForm {
  kind: ConnectorKind;
  name: string;
  /** Mattermost / Rocket.Chat: the incoming webhook's URL (the secret). */
  webhookUrl: string;
  /** Zulip. */
  site: string;
  botEmail: string;
  apiKey: string;
  stream: string;
  /** Cachet: the site is `site`; the incident status (1..4) and the API token (the secret). */
  cachetStatus: number;
  token: string;
}

export interface ConnectorSave {
  p_kind: ConnectorKind;
  p_name: string;
  p_config: Record<string, string>;
  /** Null keeps the stored secret (the field was left empty while editing). */
  p_secret: Record<string, string> | null;
}

export type ConnectorFormCheck = { ok: true; save: ConnectorSave } | { ok: false; field: keyof ConnectorForm; reason: string };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** https, or http on this machine (a test server): anything else sends the secret in the clear. */
function checkAddress(value: string, what: string): { ok: true; url: URL } | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { ok: false, reason: `Enter the whole ${what}, starting with https://.` };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) return { ok: false, reason: `The ${what} must start with https://.` };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: `Leave the user name and password out of the ${what}.` };
  return { ok: true, url };
}

/**
 * Checks the setup form and builds `save_connector`'s arguments. `hasStoredSecret`: editing a
 * connector whose secret is on the server; an empty secret field then keeps it.
 */
export function checkConnectorForm(form: ConnectorForm, hasStoredSecret: boolean): ConnectorFormCheck {
  const name = form.name.trim();
  if (name === '' || name.length > 100) return { ok: false, field: 'name', reason: 'Give the connector a name of 1 to 100 characters, e.g. "Incident channel".' };
  if (isStatusPageKind(form.kind)) {
    const site = checkAddress(form.site, 'status page address');
    if (!site.ok) return { ok: false, field: 'site', reason: site.reason };
    const status = CACHET_STATUSES.some((option) => option.id === form.cachetStatus) ? form.cachetStatus : DEFAULT_CACHET_STATUS;
    const token = form.token.trim();
    if (token === '' && !hasStoredSecret) return { ok: false, field: 'token', reason: 'Paste a Cachet API token (2.x: your profile; 3.x: Settings › API keys).' };
    const path = site.url.pathname.replace(/\/+$/, '');
    return {
      ok: true,
      save: { p_kind: form.kind, p_name: name, p_config: { site: `${site.url.origin}${path}`, status: String(status) }, p_secret: token === '' ? null : { token } },
    };
  }
  if (form.kind !== 'zulip') {
    if (form.webhookUrl.trim() === '') {
      if (hasStoredSecret) return { ok: true, save: { p_kind: form.kind, p_name: name, p_config: {}, p_secret: null } };
      return { ok: false, field: 'webhookUrl', reason: 'Paste the incoming webhook’s URL.' };
    }
    const checked = checkAddress(form.webhookUrl, 'webhook URL');
    if (!checked.ok) return { ok: false, field: 'webhookUrl', reason: checked.reason };
    return { ok: true, save: { p_kind: form.kind, p_name: name, p_config: {}, p_secret: { webhook_url: checked.url.href } } };
  }
  const site = checkAddress(form.site, 'Zulip address');
  if (!site.ok) return { ok: false, field: 'site', reason: site.reason };
  const botEmail = form.botEmail.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(botEmail)) return { ok: false, field: 'botEmail', reason: 'Enter the bot’s email address, as Zulip shows it (…-bot@…).' };
  const stream = form.stream.trim();
  if (stream === '' || stream.length > 60) return { ok: false, field: 'stream', reason: 'Enter the stream (channel) to post to, at most 60 characters.' };
  const apiKey = form.apiKey.trim();
  if (apiKey === '' && !hasStoredSecret) return { ok: false, field: 'apiKey', reason: 'Paste the bot’s API key.' };
  return {
    ok: true,
    save: { p_kind: 'zulip', p_name: name, p_config: { site: site.url.origin, stream, bot_email: botEmail }, p_secret: apiKey === '' ? null : { api_key: apiKey } },
  };
}
