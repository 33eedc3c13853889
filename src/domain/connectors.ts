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

/** Chat tools: where internal texts are posted (and what a compromised chat pauses). */
export function isChatKind(kind: ConnectorKind): kind is (typeof CHAT_CONNECTOR_KINDS)[number] {
  return (CHAT_CONNECTOR_KINDS as readonly string[]).includes(kind);
}

export function isEvidenceStorageKind(kind: ConnectorKind): kind is EvidenceStorageKind {
  return (EVIDENCE_STORAGE_KINDS as readonly string[]).includes(kind);
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
  /** Every kind but Mattermost and Rocket.Chat: the tool's address. */
  site: string;
  /** Zulip. */
  botEmail: string;
  /** Zulip, osTicket and TheHive: the API key (the secret). */
  apiKey: string;
  stream: string;
  /** Cachet: the incident status (1..4). */
  cachetStatus: number;
  /** Cachet's and Zammad's token, Jira SM's API token (the secret). */
  token: string;
  /** Zammad: the group new tickets go to, and the e-mail of the customer they are filed under. */
  group: string;
  customer: string;
  /** osTicket: the name tickets are from (config `name`; the connector's own name is `name`). */
  reporterName: string;
  /** osTicket: the e-mail tickets are from. Jira SM: the account the API token belongs to. */
  email: string;
  /** Jira SM: both are numbers. */
  serviceDeskId: string;
  requestTypeId: string;
  /** TheHive: may be empty (then no X-Organisation header). */
  organisation: string;
  /** Nextcloud: the user, the base folder, and the app password (the secret). */
  user: string;
  folder: string;
  appPassword: string;
  /** GLPI: the API client's App-Token and the user's API token, changed together (the secret). */
  appToken: string;
  userToken: string;
}

/** Incidents get their folders inside this one unless the setup names another. */
export const DEFAULT_EVIDENCE_FOLDER = 'Muster';

/** The setup form for a new connector of `kind`, or to change `connector`: secrets always start empty (the phone never has them). */
export function connectorForm(kind: ConnectorKind, connector?: Connector): ConnectorForm {
  const config = connector?.config ?? {};
  return {
    kind: connector?.kind ?? kind,
    name: connector?.name ?? '',
    webhookUrl: '',
    site: config.site ?? '',
    botEmail: config.bot_email ?? '',
    apiKey: '',
    stream: config.stream ?? '',
    cachetStatus: config.status ?? DEFAULT_CACHET_STATUS,
    token: '',
    group: config.group ?? '',
    customer: config.customer ?? '',
    reporterName: config.name ?? '',
    email: config.email ?? '',
    serviceDeskId: config.service_desk_id ?? '',
    requestTypeId: config.request_type_id ?? '',
    organisation: config.organisation ?? '',
    user: config.user ?? '',
    folder: config.folder ?? (kind === 'nextcloud' ? DEFAULT_EVIDENCE_FOLDER : ''),
    appPassword: '',
    appToken: '',
    userToken: '',
  };
}

export interface ConnectorSave {
  p_kind: ConnectorKind;
  p_name: string;
  p_config: Record<string, string>;
  /** Null keeps the stored secret (the field was left empty while editing). */
  p_secret: Record<string, string> | null;
}

type Refusal = { ok: false; field: keyof ConnectorForm; reason: string };
export type ConnectorFormCheck = { ok: true; save: ConnectorSave } | Refusal;
/** What one kind's part of the form gives: its config, and its secret (null: keep the stored one). */
type KindCheck = { ok: true; config: Record<string, string>; secret: Record<string, string> | null } | Refusal;

const refuse = (field: keyof ConnectorForm, reason: string): Refusal => ({ ok: false, field, reason });

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const EMAIL = /^[^\s@]+@[^\s@]+$/;
const MAX_SECRET = 500;

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
 * Where each tool's own pages and APIs start: an address copied from the browser's address bar
 * or from the tool's API settings (GLPI shows ".../apirest.php", Nextcloud's Files settings
 * ".../remote.php/dav/files/<user>") is cut there, so the backend does not add the API path twice.
 */
const TOOL_PATHS: Partial<Record<ConnectorKind, RegExp>> = {
  osticket: /\/(scp|api)(\/.*)?$/,
  glpi: /\/(apirest\.php|api\.php|front\/[^/]+\.php)(\/.*)?$/,
  nextcloud: /\/(remote\.php|index\.php)(\/.*)?$/,
};

/** A tool's address as the backend wants it: no query, no "#...", no trailing slash. */
function checkSite(form: ConnectorForm, what: string): { ok: true; site: string; path: string } | Refusal {
  const checked = checkAddress(form.site, what);
  if (!checked.ok) return refuse('site', checked.reason);
  const url = checked.url;
  const toolPath = TOOL_PATHS[form.kind];
  // Jira Cloud sites are always the bare atlassian.net name; the pages under it are the browser's.
  const kept = url.hostname.endsWith('.atlassian.net') ? '' : toolPath ? url.pathname.replace(toolPath, '') : url.pathname;
  const site = `${url.origin}${kept.replace(/\/+$/, '')}`;
  if (site.length > 300) return refuse('site', `Shorten the ${what} to at most 300 characters: just the address the tool starts at.`);
  return { ok: true, site, path: url.pathname };
}

/** A required line of text of at most `max` characters. */
function text(value: string, max: number): string | null {
  const trimmed = value.trim();
  return trimmed === '' || trimmed.length > max ? null : trimmed;
}

/**
 * A secret of one field: typed, it is sent; left empty while editing, the stored one is kept;
 * left empty on a new connector, `missing` says what to paste.
 */
function oneSecret(form: ConnectorForm, field: keyof ConnectorForm, key: string, hasStoredSecret: boolean, missing: string): { ok: true; secret: Record<string, string> | null } | Refusal {
  const value = String(form[field]).trim();
  if (value === '') return hasStoredSecret ? { ok: true, secret: null } : refuse(field, missing);
  if (value.length > MAX_SECRET || /\s/.test(value)) return refuse(field, `That is not a key: paste just the key itself (no spaces, at most ${MAX_SECRET} characters).`);
  return { ok: true, secret: { [key]: value } };
}

const withSecret = (config: Record<string, string>, secret: { ok: true; secret: Record<string, string> | null } | Refusal): KindCheck =>
  secret.ok ? { ok: true, config, secret: secret.secret } : secret;

function checkChat(form: ConnectorForm, hasStoredSecret: boolean): KindCheck {
  if (form.webhookUrl.trim() === '') {
    if (hasStoredSecret) return { ok: true, config: {}, secret: null };
    return refuse('webhookUrl', 'Paste the incoming webhook’s URL.');
  }
  const checked = checkAddress(form.webhookUrl, 'webhook URL');
  if (!checked.ok) return refuse('webhookUrl', checked.reason);
  return { ok: true, config: {}, secret: { webhook_url: checked.url.href } };
}

function checkZulip(form: ConnectorForm, hasStoredSecret: boolean): KindCheck {
  const site = checkAddress(form.site, 'Zulip address');
  if (!site.ok) return refuse('site', site.reason);
  const botEmail = form.botEmail.trim();
  if (!EMAIL.test(botEmail)) return refuse('botEmail', 'Enter the bot’s email address, as Zulip shows it (…-bot@…).');
  const stream = text(form.stream, 60);
  if (stream === null) return refuse('stream', 'Enter the stream (channel) to post to, at most 60 characters.');
  return withSecret({ site: site.url.origin, stream, bot_email: botEmail }, oneSecret(form, 'apiKey', 'api_key', hasStoredSecret, 'Paste the bot’s API key.'));
}

function checkCachet(form: ConnectorForm, hasStoredSecret: boolean): KindCheck {
  const site = checkAddress(form.site, 'status page address');
  if (!site.ok) return refuse('site', site.reason);
  const status = CACHET_STATUSES.some((option) => option.id === form.cachetStatus) ? form.cachetStatus : DEFAULT_CACHET_STATUS;
  const path = site.url.pathname.replace(/\/+$/, '');
  return withSecret(
    { site: `${site.url.origin}${path}`, status: String(status) },
    oneSecret(form, 'token', 'token', hasStoredSecret, 'Paste a Cachet API token (2.x: your profile; 3.x: Settings › API keys).'),
  );
}

function checkZammad(form: ConnectorForm, hasStoredSecret: boolean): KindCheck {
  const site = checkSite(form, 'Zammad address');
  if (!site.ok) return site;
  const group = text(form.group, 100);
  if (group === null) return refuse('group', 'Enter the Zammad group new tickets go to, spelt as in Zammad (e.g. Users), at most 100 characters.');
  const customer = form.customer.trim();
  if (!EMAIL.test(customer) || customer.length > 254) return refuse('customer', 'Enter the e-mail address of the Zammad customer tickets are filed under, e.g. it-security@example.com.');
  return withSecret({ site: site.site, group, customer }, oneSecret(form, 'token', 'token', hasStoredSecret, 'Paste a Zammad access token (your avatar › Profile › Token Access).'));
}

function checkOsTicket(form: ConnectorForm, hasStoredSecret: boolean): KindCheck {
  const site = checkSite(form, 'helpdesk address');
  if (!site.ok) return site;
  const name = text(form.reporterName, 100);
  if (name === null) return refuse('reporterName', 'Enter the name tickets are from, e.g. Incident team, at most 100 characters.');
  const email = form.email.trim();
  if (!EMAIL.test(email) || email.length > 254) return refuse('email', 'Enter the e-mail address tickets are from, e.g. incident-team@example.com.');
  return withSecret({ site: site.site, name, email }, oneSecret(form, 'apiKey', 'api_key', hasStoredSecret, 'Paste the osTicket API key (Admin Panel › Manage › API Keys).'));
}

/** GLPI's tokens go together: changing one alone would leave a pair the backend cannot use. */
function checkGlpi(form: ConnectorForm, hasStoredSecret: boolean): KindCheck {
  const site = checkSite(form, 'GLPI address');
  if (!site.ok) return site;
  const config = { site: site.site };
  const appToken = form.appToken.trim();
  const userToken = form.userToken.trim();
  if (appToken === '' && userToken === '' && hasStoredSecret) return { ok: true, config, secret: null };
  const changing = hasStoredSecret ? ' too: both tokens are changed together' : '';
  const app = oneSecret(form, 'appToken', 'app_token', false, `Paste the App-Token of GLPI’s API client (Setup › General › API)${changing}.`);
  if (!app.ok) return app;
  const user = oneSecret(form, 'userToken', 'user_token', false, `Paste your GLPI API token (My settings › Remote access keys)${changing}.`);
  if (!user.ok) return user;
  return { ok: true, config, secret: { ...app.secret, ...user.secret } };
}

function checkJira(form: ConnectorForm, hasStoredSecret: boolean): KindCheck {
  const site = checkSite(form, 'Jira site address');
  if (!site.ok) return site;
  const email = form.email.trim();
  if (!EMAIL.test(email) || email.length > 254) return refuse('email', 'Enter the e-mail address of the Atlassian account the API token belongs to.');
  const serviceDeskId = form.serviceDeskId.trim();
  if (!/^[0-9]{1,12}$/.test(serviceDeskId)) return refuse('serviceDeskId', 'Enter the service desk id: a number, e.g. 2.');
  const requestTypeId = form.requestTypeId.trim();
  if (!/^[0-9]{1,12}$/.test(requestTypeId)) return refuse('requestTypeId', 'Enter the request type id: a number, e.g. 10.');
  return withSecret(
    { site: site.site, email, service_desk_id: serviceDeskId, request_type_id: requestTypeId },
    oneSecret(form, 'token', 'api_token', hasStoredSecret, 'Paste an Atlassian API token (id.atlassian.com › Security › API tokens).'),
  );
}

function checkTheHive(form: ConnectorForm, hasStoredSecret: boolean): KindCheck {
  const site = checkSite(form, 'TheHive address');
  if (!site.ok) return site;
  const organisation = form.organisation.trim();
  if (organisation.length > 100) return refuse('organisation', 'Shorten the organisation to at most 100 characters, or leave it empty to use the user’s default one.');
  return withSecret({ site: site.site, organisation }, oneSecret(form, 'apiKey', 'api_key', hasStoredSecret, 'Paste the API key of the TheHive user (Organisation › Users › the user › API key).'));
}

/** Nextcloud's WebDAV address names the user: ".../remote.php/dav/files/<user>/...". */
const WEBDAV_USER = /\/remote\.php\/dav\/files\/([^/]+)/;

function userInWebDavAddress(path: string): string {
  const found = WEBDAV_USER.exec(path)?.[1];
  try {
    return found === undefined ? '' : decodeURIComponent(found);
  } catch {
    return '';
  }
}

function checkNextcloud(form: ConnectorForm, hasStoredSecret: boolean): KindCheck {
  const site = checkSite(form, 'Nextcloud address');
  if (!site.ok) return site;
  const user = form.user.trim() || userInWebDavAddress(site.path);
  if (user === '' || user.length > 100 || /[/\s]/.test(user))
    return refuse('user', 'Enter the Nextcloud user name the app password belongs to, without spaces (Files › Files settings shows it in the WebDAV address, after /files/).');
  // The folder is a path under the user's files: no way up, no empty steps.
  const folder = form.folder.replace(/^[\s/]+|[\s/]+$/g, '') || DEFAULT_EVIDENCE_FOLDER;
  if (folder.includes('..') || folder.split('/').includes('.')) return refuse('folder', `Leave “..” and “.” out of the folder: enter a folder inside your Nextcloud files, e.g. ${DEFAULT_EVIDENCE_FOLDER}.`);
  if (folder.length > 100) return refuse('folder', `Shorten the folder to at most 100 characters, e.g. ${DEFAULT_EVIDENCE_FOLDER}.`);
  if (/\/\/|\\|\p{Cc}/u.test(folder)) return refuse('folder', 'Separate folders with a single / (no backslashes), e.g. Security/Incidents.');
  return withSecret(
    { site: site.site, user, folder },
    oneSecret(form, 'appPassword', 'app_password', hasStoredSecret, 'Paste an app password (Personal settings › Security › Devices & sessions › Create new app password).'),
  );
}

const KIND_CHECKS: Record<ConnectorKind, (form: ConnectorForm, hasStoredSecret: boolean) => KindCheck> = {
  mattermost: checkChat,
  rocketchat: checkChat,
  zulip: checkZulip,
  cachet2: checkCachet,
  cachet3: checkCachet,
  zammad: checkZammad,
  osticket: checkOsTicket,
  glpi: checkGlpi,
  jira_sm: checkJira,
  thehive: checkTheHive,
  nextcloud: checkNextcloud,
};

/**
 * Checks the setup form and builds `save_connector`'s arguments. `hasStoredSecret`: editing a
 * connector whose secret is on the server; an empty secret field then keeps it. A refusal
 * names the field and what to type there.
 */
export function checkConnectorForm(form: ConnectorForm, hasStoredSecret: boolean): ConnectorFormCheck {
  const name = form.name.trim();
  if (name === '' || name.length > 100) return refuse('name', 'Give the connector a name of 1 to 100 characters, e.g. "Incident channel".');
  const checked = KIND_CHECKS[form.kind](form, hasStoredSecret);
  if (!checked.ok) return checked;
  return { ok: true, save: { p_kind: form.kind, p_name: name, p_config: checked.config, p_secret: checked.secret } };
}
