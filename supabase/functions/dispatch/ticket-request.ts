/**
 * The HTTP requests each ticket tool documents for "open a ticket (or case)", "add to it" and
 * "is this connector right?", and how to read the answers. Pure: no fetch here; the steps are
 * run by send-ticket.ts. Facts from ../shared/notes/push-and-integrations.md (C), the tools'
 * docs and the contract in .scratch/issue7b-contract.md:
 *   Zammad    Authorization: Token token=<token>                         (zammad-documentation api/)
 *             create  POST <site>/api/v1/tickets  JSON {title, group, customer_id: 'guess:<email>',
 *                     article: {subject, body, type: 'note', internal: false, content_type,
 *                     attachments?: [{filename, data: base64, 'mime-type'}]}}   201 {id, number}
 *             update  POST <site>/api/v1/ticket_articles  {ticket_id, subject, body, type: 'note',
 *                     internal: true, content_type, attachments?}              201 {id, ticket_id}
 *             test    GET  <site>/api/v1/users/me                              200 {id, login}
 *   osTicket  X-API-Key: <key> (osTicket binds a key to the caller's IP address) (osTicket/docs API/Tickets.rst)
 *             create  POST <site>/api/tickets.json  JSON {alert, autorespond, source: 'API', name,
 *                     email, subject, message: RFC 2397 data URL,
 *                     attachments?: [{<name>: 'data:<type>;charset=utf-8;base64,<b64>'}]}
 *                                                          201, the ticket number as plain text
 *             update  none: "the API supports creation of tickets only"
 *             test    none to read: "Send test" opens a real ticket titled TEST_TICKET_TITLE
 *   GLPI      App-Token: <app token> on every call                      (glpi src/Api/APIRest.php)
 *             GET  <site>/apirest.php/initSession  Authorization: user_token <t>  200 {session_token}
 *             create  POST <site>/apirest.php/Ticket  Session-Token  {input: {name, content}}
 *                                                                          201 {id, message}
 *             update  POST <site>/apirest.php/ITILFollowup {input: {itemtype: 'Ticket', items_id,
 *                     content}}                                            201 {id, message}
 *             GET  <site>/apirest.php/killSession  Session-Token, always afterwards
 *             errors  ["ERROR_…", "description"]
 *   Jira SM   Authorization: Basic base64(email:api_token)
 *             create  POST <site>/rest/servicedeskapi/request  {serviceDeskId, requestTypeId,
 *                     requestFieldValues: {summary, description}}   201 {issueId, issueKey, _links.web}
 *             update  POST <site>/rest/servicedeskapi/request/<key>/comment {body, public: false}  201
 *             test    GET  <site>/rest/servicedeskapi/servicedesk/<service_desk_id>               200
 *   TheHive 5 Authorization: Bearer <api key>; X-Organisation: <organisation> unless it is ''
 *             (TheHive4py endpoints/case.py, comment.py, user.py, _base.py)
 *             create  POST <site>/api/v1/case {title, description, severity, tlp, pap, tags}
 *                                                                          201 {_id, number}
 *             tasks   POST <site>/api/v1/case/<_id>/task {title}                          201
 *             file    POST <site>/api/v1/case/<_id>/observable multipart: _json =
 *                     {"dataType": "file", "message", "tlp"}, attachment = the file       201 [..]
 *             update  POST <site>/api/v1/case/<_id>/comment {message}                    201
 *             test    GET  <site>/api/v1/user/current                                    200
 * Tasks are real tasks in TheHive; the others get them as "- " lines under the text. GLPI and
 * Jira do not get the attachment (each needs a separate upload Muster does not make): the
 * outcome warns instead.
 */
import { basicAuth } from './chat-request.ts';
import type { AnswerRead, ToolRequest } from './send-with-retries.ts';

export const TICKET_KINDS = ['zammad', 'osticket', 'glpi', 'jira_sm', 'thehive'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

export function isTicketKind(kind: string): kind is TicketKind {
  return (TICKET_KINDS as readonly string[]).includes(kind);
}

export const TICKET_LABELS: Record<TicketKind, string> = {
  zammad: 'Zammad',
  osticket: 'osTicket',
  glpi: 'GLPI',
  jira_sm: 'Jira Service Management',
  thehive: 'TheHive',
};

/** What each tool calls the thing it opens. */
export const TICKET_NOUNS: Record<TicketKind, string> = { zammad: 'ticket', osticket: 'ticket', glpi: 'ticket', jira_sm: 'request', thehive: 'case' };

export interface ZammadConfig {
  site: string;
  group: string;
  /** E-mail of the customer the ticket is filed under. */
  customer: string;
}
export interface OsTicketConfig {
  site: string;
  /** The reporter shown on the ticket. */
  name: string;
  email: string;
}
export interface GlpiConfig {
  site: string;
}
export interface JiraSmConfig {
  site: string;
  /** The account the API token belongs to. */
  email: string;
  service_desk_id: string;
  request_type_id: string;
}
export interface TheHiveConfig {
  site: string;
  /** '' sends no X-Organisation: the key's default organisation. */
  organisation: string;
}

export type TicketTarget =
  | { kind: 'zammad'; config: ZammadConfig; token: string }
  | { kind: 'osticket'; config: OsTicketConfig; apiKey: string }
  | { kind: 'glpi'; config: GlpiConfig; appToken: string; userToken: string }
  | { kind: 'jira_sm'; config: JiraSmConfig; apiToken: string }
  | { kind: 'thehive'; config: TheHiveConfig; apiKey: string };

export interface TicketAttachment {
  name: string;
  contentType: string;
  text: string;
}

/** What to file. updateOf is the remote id of a ticket filed earlier; probe is "Send test". */
export interface TicketPost {
  incidentId: string | null;
  title: string;
  text: string;
  tasks: string[];
  attachment: TicketAttachment | null;
  updateOf: string | null;
  probe: boolean;
}

/** The title of the one real ticket "Send test" opens (osTicket has nothing harmless to read). */
export const TEST_TICKET_TITLE = 'Muster test (you can close this)';

/** A request this tool cannot do; the handler answers it with 400 not_supported and sends nothing. */
export interface TicketRefusal {
  status: 'not_supported';
  message: string;
  hint: string;
}

function textOf(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function idTextOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  const text = textOf(value);
  return text !== null && /^[0-9]{1,12}$/.test(text) ? text : null;
}

/** The tool's address as the migration stores it; anything else counts as not set up. */
function siteOf(value: unknown): string | null {
  const text = textOf(value);
  if (text === null) return null;
  const site = text.replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(site);
  } catch {
    return null;
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return null;
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return null;
  return site;
}

/** The connector as a target to send to, or null when a field or the secret is missing (not set up). */
export function ticketTargetOf(kind: string, config: Record<string, unknown>, secret: Record<string, unknown> | null): TicketTarget | null {
  const site = siteOf(config.site);
  const stored = secret ?? {};
  if (site === null || !isTicketKind(kind)) return null;
  switch (kind) {
    case 'zammad': {
      const group = textOf(config.group);
      const customer = textOf(config.customer);
      const token = textOf(stored.token);
      return group && customer && token ? { kind, config: { site, group, customer }, token } : null;
    }
    case 'osticket': {
      const name = textOf(config.name);
      const email = textOf(config.email);
      const apiKey = textOf(stored.api_key);
      return name && email && apiKey ? { kind, config: { site, name, email }, apiKey } : null;
    }
    case 'glpi': {
      const appToken = textOf(stored.app_token);
      const userToken = textOf(stored.user_token);
      return appToken && userToken ? { kind, config: { site }, appToken, userToken } : null;
    }
    case 'jira_sm': {
      const email = textOf(config.email);
      const serviceDesk = idTextOf(config.service_desk_id);
      const requestType = idTextOf(config.request_type_id);
      const apiToken = textOf(stored.api_token);
      return email && serviceDesk && requestType && apiToken
        ? { kind, config: { site, email, service_desk_id: serviceDesk, request_type_id: requestType }, apiToken }
        : null;
    }
    case 'thehive': {
      const apiKey = textOf(stored.api_key);
      const organisation = typeof config.organisation === 'string' ? config.organisation.trim() : '';
      return apiKey ? { kind, config: { site, organisation }, apiKey } : null;
    }
  }
}

/** osTicket's API only creates tickets: an update is refused before anything is sent. */
export function ticketRefusal(target: TicketTarget, post: TicketPost): TicketRefusal | null {
  if (target.kind === 'osticket' && post.updateOf !== null && !post.probe) {
    return {
      status: 'not_supported',
      message: 'osTicket cannot add to a ticket from Muster: its API only creates tickets.',
      hint: 'Add the update to the ticket in osTicket by hand, or open a new ticket.',
    };
  }
  return null;
}

/** The text with the tasks as "- " lines under it, for tools that have no tasks of their own. */
export function ticketBody(post: Pick<TicketPost, 'text' | 'tasks'>): string {
  if (post.tasks.length === 0) return post.text;
  return `${post.text}\n\nTasks:\n${post.tasks.map((task) => `- ${task}`).join('\n')}`;
}

/** One sentence for the outcome's warning when a tool does not get the attachment. */
export function attachmentNotSentWarning(kind: TicketKind): string | null {
  if (kind === 'glpi') return 'GLPI: the attachment was not sent (Muster does not upload documents to GLPI); add it to the ticket by hand.';
  if (kind === 'jira_sm') return 'Jira Service Management: the attachment was not sent (its API needs a separate upload Muster does not make); attach it to the request by hand.';
  return null;
}

/** UTF-8 bytes of a text as base64, in chunks so a 1,000,000-character file does not overflow the stack. */
export function base64OfText(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000) binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  return btoa(binary);
}

/** The attachment's media type without parameters; 'text/plain' when it is not one. */
export function mediaTypeOf(contentType: string): string {
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(type) ? type : 'text/plain';
}

function siteUrl(site: string, path: string): string {
  return `${site}${path}`;
}

function jsonPost(url: string, headers: Record<string, string>, body: unknown): ToolRequest {
  return { url, method: 'POST', headers: { ...headers, 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) };
}

function jsonGet(url: string, headers: Record<string, string>): ToolRequest {
  return { url, method: 'GET', headers: { ...headers, Accept: 'application/json' }, body: null };
}

/** A numeric id as a JSON number (Zammad and GLPI ids are integers); anything else as given. */
function idValue(id: string): number | string {
  return /^[0-9]{1,15}$/.test(id) ? Number(id) : id;
}

// Zammad

function zammadAuth(target: Extract<TicketTarget, { kind: 'zammad' }>): Record<string, string> {
  return { Authorization: `Token token=${target.token}` };
}

function zammadAttachments(attachment: TicketAttachment | null): { attachments?: { filename: string; data: string; 'mime-type': string }[] } {
  if (attachment === null) return {};
  return { attachments: [{ filename: attachment.name, data: base64OfText(attachment.text), 'mime-type': mediaTypeOf(attachment.contentType) }] };
}

export function zammadCreate(target: Extract<TicketTarget, { kind: 'zammad' }>, post: TicketPost): ToolRequest {
  return jsonPost(siteUrl(target.config.site, '/api/v1/tickets'), zammadAuth(target), {
    title: post.title,
    group: target.config.group,
    customer_id: `guess:${target.config.customer}`,
    article: { subject: post.title, body: ticketBody(post), type: 'note', internal: false, content_type: 'text/plain', ...zammadAttachments(post.attachment) },
  });
}

/** An update is an internal note on the ticket: the customer is not mailed every step. */
export function zammadArticle(target: Extract<TicketTarget, { kind: 'zammad' }>, ticketId: string, post: TicketPost): ToolRequest {
  return jsonPost(siteUrl(target.config.site, '/api/v1/ticket_articles'), zammadAuth(target), {
    ticket_id: idValue(ticketId),
    subject: post.title,
    body: ticketBody(post),
    type: 'note',
    internal: true,
    content_type: 'text/plain',
    ...zammadAttachments(post.attachment),
  });
}

export function zammadProbe(target: Extract<TicketTarget, { kind: 'zammad' }>): ToolRequest {
  return jsonGet(siteUrl(target.config.site, '/api/v1/users/me'), zammadAuth(target));
}

export function zammadTicketUrl(site: string, id: string): string {
  return `${site}/#ticket/zoom/${encodeURIComponent(id)}`;
}

// osTicket

export function osTicketCreate(target: Extract<TicketTarget, { kind: 'osticket' }>, post: TicketPost): ToolRequest {
  const attachments = post.attachment === null
    ? {}
    : { attachments: [{ [post.attachment.name]: `data:${mediaTypeOf(post.attachment.contentType)};charset=utf-8;base64,${base64OfText(post.attachment.text)}` }] };
  return {
    url: siteUrl(target.config.site, '/api/tickets.json'),
    method: 'POST',
    headers: { 'X-API-Key': target.apiKey, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      alert: true,
      autorespond: false,
      source: 'API',
      name: target.config.name,
      email: target.config.email,
      subject: post.title,
      message: `data:text/plain;charset=utf-8,${encodeURIComponent(ticketBody(post))}`,
      ...attachments,
    }),
  };
}

export function osTicketUrl(site: string, number: string): string {
  return `${site}/scp/tickets.php?number=${encodeURIComponent(number)}`;
}

// GLPI

export function glpiInitSession(target: Extract<TicketTarget, { kind: 'glpi' }>): ToolRequest {
  return jsonGet(siteUrl(target.config.site, '/apirest.php/initSession'), { 'App-Token': target.appToken, Authorization: `user_token ${target.userToken}` });
}

function glpiSession(target: Extract<TicketTarget, { kind: 'glpi' }>, sessionToken: string): Record<string, string> {
  return { 'Session-Token': sessionToken, 'App-Token': target.appToken };
}

/**
 * GLPI stores a ticket's content as rich text (HTML): the plain text goes escaped, so a "<" a
 * responder typed stays a character and never becomes markup, with its line breaks kept.
 */
export function glpiHtml(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  return escaped
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${paragraph.split('\n').join('<br>')}</p>`)
    .join('');
}

export function glpiCreateTicket(target: Extract<TicketTarget, { kind: 'glpi' }>, sessionToken: string, post: TicketPost): ToolRequest {
  return jsonPost(siteUrl(target.config.site, '/apirest.php/Ticket'), glpiSession(target, sessionToken), { input: { name: post.title, content: glpiHtml(ticketBody(post)) } });
}

export function glpiFollowup(target: Extract<TicketTarget, { kind: 'glpi' }>, sessionToken: string, ticketId: string, post: TicketPost): ToolRequest {
  return jsonPost(siteUrl(target.config.site, '/apirest.php/ITILFollowup'), glpiSession(target, sessionToken), {
    input: { itemtype: 'Ticket', items_id: idValue(ticketId), content: glpiHtml(ticketBody(post)) },
  });
}

export function glpiKillSession(target: Extract<TicketTarget, { kind: 'glpi' }>, sessionToken: string): ToolRequest {
  return jsonGet(siteUrl(target.config.site, '/apirest.php/killSession'), glpiSession(target, sessionToken));
}

export function glpiTicketUrl(site: string, id: string): string {
  return `${site}/front/ticket.form.php?id=${encodeURIComponent(id)}`;
}

// Jira Service Management

function jiraAuth(target: Extract<TicketTarget, { kind: 'jira_sm' }>): Record<string, string> {
  return { Authorization: basicAuth(target.config.email, target.apiToken) };
}

export function jiraCreate(target: Extract<TicketTarget, { kind: 'jira_sm' }>, post: TicketPost): ToolRequest {
  return jsonPost(siteUrl(target.config.site, '/rest/servicedeskapi/request'), jiraAuth(target), {
    serviceDeskId: target.config.service_desk_id,
    requestTypeId: target.config.request_type_id,
    requestFieldValues: { summary: post.title, description: ticketBody(post) },
  });
}

/** An update is an internal comment (public: false): the customer portal does not show it. */
export function jiraComment(target: Extract<TicketTarget, { kind: 'jira_sm' }>, issueKey: string, post: TicketPost): ToolRequest {
  return jsonPost(siteUrl(target.config.site, `/rest/servicedeskapi/request/${encodeURIComponent(issueKey)}/comment`), jiraAuth(target), {
    body: ticketBody(post),
    public: false,
  });
}

export function jiraProbe(target: Extract<TicketTarget, { kind: 'jira_sm' }>): ToolRequest {
  return jsonGet(siteUrl(target.config.site, `/rest/servicedeskapi/servicedesk/${encodeURIComponent(target.config.service_desk_id)}`), jiraAuth(target));
}

/** Jira's own web link when it points into the same site; otherwise the issue's browse page. */
export function jiraRequestUrl(site: string, issueKey: string, web: string | null): string {
  if (web !== null) {
    try {
      if (new URL(web).origin === new URL(site).origin) return web;
    } catch {
      // Not a URL: use the browse page.
    }
  }
  return `${site}/browse/${encodeURIComponent(issueKey)}`;
}

// TheHive 5

function theHiveAuth(target: Extract<TicketTarget, { kind: 'thehive' }>): Record<string, string> {
  const organisation: Record<string, string> = target.config.organisation === '' ? {} : { 'X-Organisation': target.config.organisation };
  return { Authorization: `Bearer ${target.apiKey}`, ...organisation };
}

function casePath(caseId: string, rest: string): string {
  return `/api/v1/case/${encodeURIComponent(caseId)}${rest}`;
}

export function theHiveCreateCase(target: Extract<TicketTarget, { kind: 'thehive' }>, post: TicketPost): ToolRequest {
  return jsonPost(siteUrl(target.config.site, '/api/v1/case'), theHiveAuth(target), {
    title: post.title,
    description: post.text,
    severity: 2,
    tlp: 2,
    pap: 2,
    tags: post.incidentId === null ? ['muster'] : ['muster', post.incidentId],
  });
}

export function theHiveTask(target: Extract<TicketTarget, { kind: 'thehive' }>, caseId: string, title: string): ToolRequest {
  return jsonPost(siteUrl(target.config.site, casePath(caseId, '/task')), theHiveAuth(target), { title });
}

/** The attachment as a file observable: multipart with `_json` (the observable) and `attachment` (the file). */
export function theHiveObservable(target: Extract<TicketTarget, { kind: 'thehive' }>, caseId: string, post: TicketPost, attachment: TicketAttachment): ToolRequest {
  const form = new FormData();
  const from = post.incidentId === null ? 'From Muster' : `From Muster, incident ${post.incidentId}`;
  form.append('_json', JSON.stringify({ dataType: 'file', message: `${from}: ${attachment.name}`, tlp: 2 }));
  form.append('attachment', new Blob([attachment.text], { type: mediaTypeOf(attachment.contentType) }), attachment.name);
  // No Content-Type: fetch writes multipart/form-data with its boundary.
  return { url: siteUrl(target.config.site, casePath(caseId, '/observable')), method: 'POST', headers: { ...theHiveAuth(target), Accept: 'application/json' }, body: form };
}

export function theHiveComment(target: Extract<TicketTarget, { kind: 'thehive' }>, caseId: string, post: TicketPost): ToolRequest {
  return jsonPost(siteUrl(target.config.site, casePath(caseId, '/comment')), theHiveAuth(target), { message: post.text });
}

export function theHiveProbe(target: Extract<TicketTarget, { kind: 'thehive' }>): ToolRequest {
  return jsonGet(siteUrl(target.config.site, '/api/v1/user/current'), theHiveAuth(target));
}

export function theHiveCaseUrl(site: string, caseId: string): string {
  return `${site}/cases/${encodeURIComponent(caseId)}/details`;
}

// Answers

function parsed(bodyText: string): unknown {
  try {
    return JSON.parse(bodyText);
  } catch {
    return null;
  }
}

function recordOf(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/**
 * What the tool said about a refusal, at most 200 characters: Zammad {error_human, error},
 * TheHive and Cachet-like {message}, Jira {errorMessage} or {errorMessages: [...]}, GLPI
 * ["ERROR_…", "description"], osTicket plain text. HTML error pages say nothing useful.
 */
export function ticketToolMessage(bodyText: string): string | null {
  const body = parsed(bodyText);
  let said: unknown = null;
  if (Array.isArray(body)) said = body.filter((part) => typeof part === 'string').join(': ');
  else {
    const record = recordOf(body);
    if (record !== null) {
      const messages = Array.isArray(record.errorMessages) ? record.errorMessages.find((message) => typeof message === 'string') : undefined;
      said = [record.error_human, record.errorMessage, messages, record.message, record.error].find((value) => typeof value === 'string' && value.trim() !== '') ?? null;
    } else if (!/^\s*</.test(bodyText)) said = bodyText;
  }
  if (typeof said !== 'string') return null;
  const line = said.replace(/\s+/g, ' ').trim();
  return line === '' ? null : line.slice(0, 200);
}

function confirmedBy<T>(pick: (body: unknown, bodyText: string) => T | null): (status: number, bodyText: string) => AnswerRead<T> {
  return (status, bodyText) => {
    if (status >= 200 && status < 300) {
      const value = pick(parsed(bodyText), bodyText);
      if (value !== null) return { ok: true, value };
    }
    return { ok: false, toolMessage: ticketToolMessage(bodyText) };
  };
}

/** Any 2xx: a task or an observable added to a case. */
export const readAccepted = confirmedBy(() => true);

/** A 2xx with a JSON object: a probe's read, or an article, followup or comment added. */
export const readJsonObject = confirmedBy((body) => (recordOf(body) === null ? null : true));

export const readZammadTicket = confirmedBy((body) => {
  const record = recordOf(body);
  const id = idTextOf(record?.id);
  const number = record?.number;
  if (id === null || (typeof number !== 'string' && typeof number !== 'number')) return null;
  return { id, number: String(number) };
});

/** osTicket answers the new ticket's number as the whole body. */
export const readOsTicketNumber = confirmedBy((_body, bodyText) => {
  const number = bodyText.trim();
  return /^[A-Za-z0-9-]{1,40}$/.test(number) ? number : null;
});

export const readGlpiSession = confirmedBy((body) => textOf(recordOf(body)?.session_token));

export const readGlpiCreated = confirmedBy((body) => idTextOf(recordOf(body)?.id));

export const readJiraRequest = confirmedBy((body) => {
  const record = recordOf(body);
  const issueKey = textOf(record?.issueKey);
  if (issueKey === null) return null;
  return { issueKey, web: textOf(recordOf(record?._links)?.web) };
});

export const readTheHiveCase = confirmedBy((body) => {
  const record = recordOf(body);
  const id = textOf(record?._id);
  const number = record?.number;
  if (id === null || (typeof number !== 'number' && typeof number !== 'string')) return null;
  return { id, number: String(number) };
});
