/**
 * Files a ticket (or case) in one ticket tool, adds to one filed earlier (post.updateOf), or
 * checks the connector ("Send test", post.probe), as the steps in ticket-request.ts:
 *   Zammad    create or add a note (attachment in it)              one step
 *   osTicket  create (attachment in it); no update, no read API     one step
 *   GLPI      initSession, Ticket or ITILFollowup, killSession      killSession always, its failure ignored
 *   Jira SM   create or add an internal comment                     one step
 *   TheHive   case or comment, then each task, then the attachment  later steps may fail alone
 * Every HTTP step retries as requestWithRetries does (network/5xx: 0.5 s, 1 s; 429: Retry-After
 * up to 10 s; 401/403/404 final). The create (or update) step failing means nothing was filed:
 * 'failed'. A later step failing means the ticket exists: 'sent' with a warning, and the rest
 * of the later steps are skipped (the tool is in trouble; the warning says what to add by
 * hand). attempts and lastStatus are the create (or update) step's. Every error and warning
 * passes redact() with the connector's secrets (and GLPI's session token), at most 500
 * characters.
 */
import { redact, secretsOf } from './chat-request.ts';
import { type AnswerRead, quoted, type RequestAttempted, refusalAdvice, requestWithRetries, type SendOptions, type ToolRequest } from '../_shared/retries.ts';
import {
  attachmentNotSentWarning,
  glpiCreateTicket,
  glpiFollowup,
  glpiInitSession,
  glpiKillSession,
  glpiTicketUrl,
  jiraComment,
  jiraCreate,
  jiraProbe,
  jiraRequestUrl,
  osTicketCreate,
  osTicketUrl,
  readAccepted,
  readGlpiCreated,
  readGlpiSession,
  readJiraRequest,
  readJsonObject,
  readOsTicketNumber,
  readTheHiveCase,
  readZammadTicket,
  TEST_TICKET_TITLE,
  theHiveCaseUrl,
  theHiveComment,
  theHiveCreateCase,
  theHiveObservable,
  theHiveProbe,
  theHiveTask,
  TICKET_LABELS,
  TICKET_NOUNS,
  ticketRefusal,
  type TicketPost,
  type TicketRefusal,
  type TicketTarget,
  zammadArticle,
  zammadCreate,
  zammadProbe,
  zammadTicketUrl,
} from './ticket-request.ts';

export type { TicketAttachment, TicketPost, TicketRefusal, TicketTarget } from './ticket-request.ts';

export type TicketOutcome =
  | {
    status: 'sent';
    attempts: number;
    lastStatus: number;
    /** null for a probe (osTicket's test ticket excepted). */
    remoteId: string | null;
    /** The number a human reads; null when the tool's answer does not give it (an update). */
    remoteLabel: string | null;
    remoteUrl: string | null;
    /** Sent, but something asked for is missing from the ticket; says what to add by hand. */
    warning: string | null;
  }
  | { status: 'failed'; attempts: number; lastStatus: number | null; error: string };

interface Remote {
  remoteId: string | null;
  remoteLabel: string | null;
  remoteUrl: string | null;
}

type Action = 'create' | 'update' | 'probe';

/** A later step: what the warning calls it if it is not added. */
interface LaterStep {
  request: ToolRequest;
  what: 'task' | 'attachment';
}

const NO_REMOTE: Remote = { remoteId: null, remoteLabel: null, remoteUrl: null };

function checkSettings(target: TicketTarget): string {
  switch (target.kind) {
    case 'zammad':
      return 'check the Zammad site, API token, group and customer in Settings › Integrations';
    case 'osticket':
      return 'check the osTicket site and API key in Settings › Integrations (osTicket accepts a key only from the IP address it was made for)';
    case 'glpi':
      return 'check the GLPI site, app token and user token in Settings › Integrations, and that GLPI\'s REST API is enabled';
    case 'jira_sm':
      return 'check the Jira site, account email, API token, service desk id and request type id in Settings › Integrations';
    case 'thehive':
      return 'check the TheHive site, organisation and API key in Settings › Integrations';
  }
}

/** Why a step failed, in words a responder can act on (not yet redacted). */
function failureMessage(target: TicketTarget, attempted: Extract<RequestAttempted<unknown>, { ok: false }>, request: ToolRequest, action: Action): string {
  const tool = TICKET_LABELS[target.kind];
  const noun = TICKET_NOUNS[target.kind];
  const failure = attempted.failure;
  if (failure.kind === 'network') return `Could not reach ${tool} at ${new URL(request.url).origin} (${failure.reason}).`;
  const { status } = failure;
  const said = quoted(failure.toolMessage);
  const check = checkSettings(target);
  if (status === 404 && action === 'update') {
    return `${tool} does not know this address or ${noun} (HTTP 404)${said}: the ${noun} may have been deleted or merged; ${check}.`;
  }
  const shared = refusalAdvice(tool, status, failure.toolMessage, check, `file the ${noun} by hand`);
  if (shared) return shared;
  if (status >= 200 && status < 300) {
    return action === 'probe'
      ? `${tool} answered, but not as its API does${said}: ${check}.`
      : `${tool} answered but did not confirm the ${noun}${said}: check in ${tool} whether it was ${action === 'update' ? 'updated' : 'created'}.`;
  }
  return `${tool} rejected the ${noun} (HTTP ${status})${said}: ${check}.`;
}

/** Runs one connector's steps with its retry policy and words its outcome. */
class TicketRun {
  readonly target: TicketTarget;
  readonly options: SendOptions;
  readonly secrets: string[];

  constructor(target: TicketTarget, options: SendOptions) {
    this.target = target;
    this.options = options;
    this.secrets = secretsOf(target);
  }

  step<T>(request: ToolRequest, read: (status: number, bodyText: string) => AnswerRead<T>): Promise<RequestAttempted<T>> {
    return requestWithRetries(request, read, this.options);
  }

  /** A value that must never show in a text either, such as GLPI's session token. */
  keepSecret(value: string): void {
    if (value.length >= 4) this.secrets.push(value);
    this.secrets.sort((a, b) => b.length - a.length);
  }

  clean(text: string): string {
    return redact(text, this.secrets).slice(0, 500);
  }

  failed(attempted: Extract<RequestAttempted<unknown>, { ok: false }>, request: ToolRequest, action: Action): TicketOutcome {
    return { status: 'failed', attempts: attempted.attempts, lastStatus: attempted.lastStatus, error: this.clean(failureMessage(this.target, attempted, request, action)) };
  }

  sent(attempted: Extract<RequestAttempted<unknown>, { ok: true }>, remote: Remote, warnings: (string | null)[]): TicketOutcome {
    const said = warnings.filter((warning): warning is string => warning !== null);
    return {
      status: 'sent',
      attempts: attempted.attempts,
      lastStatus: attempted.lastStatus,
      ...remote,
      warning: said.length === 0 ? null : this.clean(said.join(' ')),
    };
  }

  /** Runs the later steps in order; after the first failure the rest are skipped. Null when all were added. */
  async later(steps: LaterStep[], action: 'create' | 'update'): Promise<string | null> {
    for (const [index, step] of steps.entries()) {
      const done = await this.step(step.request, readAccepted);
      if (done.ok) continue;
      const missing = steps.slice(index);
      const tasksMissing = missing.filter((item) => item.what === 'task').length;
      const tasksAll = steps.filter((item) => item.what === 'task').length;
      const parts = [
        tasksMissing === 0 ? null : `${tasksMissing} of ${tasksAll} ${tasksAll === 1 ? 'task' : 'tasks'}`,
        missing.some((item) => item.what === 'attachment') ? 'the attachment' : null,
      ].filter((part): part is string => part !== null);
      const plural = tasksMissing > 1 || parts.length > 1;
      const tool = TICKET_LABELS[this.target.kind];
      const failure = done.failure;
      const reason = failure.kind === 'network'
        ? `Muster could not reach ${tool} (${failure.reason})`
        : `${tool} answered HTTP ${failure.status}${quoted(failure.toolMessage)}`;
      return `The ${TICKET_NOUNS[this.target.kind]} was ${action === 'update' ? 'updated' : 'created'}, but ${parts.join(' and ')} ${plural ? 'were' : 'was'} not added (${reason}): add ${plural ? 'them' : 'it'} in ${tool} by hand.`;
    }
    return null;
  }
}

async function sendZammad(run: TicketRun, target: Extract<TicketTarget, { kind: 'zammad' }>, post: TicketPost): Promise<TicketOutcome> {
  if (post.probe) {
    const request = zammadProbe(target);
    const read = await run.step(request, readJsonObject);
    return read.ok ? run.sent(read, NO_REMOTE, []) : run.failed(read, request, 'probe');
  }
  if (post.updateOf !== null) {
    const ticketId = post.updateOf;
    const request = zammadArticle(target, ticketId, post);
    const added = await run.step(request, readJsonObject);
    if (!added.ok) return run.failed(added, request, 'update');
    return run.sent(added, { remoteId: ticketId, remoteLabel: null, remoteUrl: zammadTicketUrl(target.config.site, ticketId) }, []);
  }
  const request = zammadCreate(target, post);
  const created = await run.step(request, readZammadTicket);
  if (!created.ok) return run.failed(created, request, 'create');
  const { id, number } = created.value;
  return run.sent(created, { remoteId: id, remoteLabel: number, remoteUrl: zammadTicketUrl(target.config.site, id) }, []);
}

/** osTicket: its test opens a real ticket, titled so whoever sees it may close it. */
async function sendOsTicket(run: TicketRun, target: Extract<TicketTarget, { kind: 'osticket' }>, post: TicketPost): Promise<TicketOutcome> {
  const filed = post.probe ? { ...post, title: TEST_TICKET_TITLE, tasks: [], attachment: null } : post;
  const request = osTicketCreate(target, filed);
  const created = await run.step(request, readOsTicketNumber);
  if (!created.ok) return run.failed(created, request, post.probe ? 'probe' : 'create');
  const number = created.value;
  return run.sent(created, { remoteId: number, remoteLabel: number, remoteUrl: osTicketUrl(target.config.site, number) }, []);
}

async function sendGlpi(run: TicketRun, target: Extract<TicketTarget, { kind: 'glpi' }>, post: TicketPost): Promise<TicketOutcome> {
  const action: Action = post.probe ? 'probe' : post.updateOf !== null ? 'update' : 'create';
  const init = glpiInitSession(target);
  const session = await run.step(init, readGlpiSession);
  if (!session.ok) return run.failed(session, init, action);
  const sessionToken = session.value;
  run.keepSecret(sessionToken);
  try {
    if (post.probe) return run.sent(session, NO_REMOTE, []);
    const warning = post.attachment === null ? null : attachmentNotSentWarning('glpi');
    if (post.updateOf !== null) {
      const ticketId = post.updateOf;
      const request = glpiFollowup(target, sessionToken, ticketId, post);
      const added = await run.step(request, readJsonObject);
      if (!added.ok) return run.failed(added, request, 'update');
      return run.sent(added, { remoteId: ticketId, remoteLabel: `#${ticketId}`, remoteUrl: glpiTicketUrl(target.config.site, ticketId) }, [warning]);
    }
    const request = glpiCreateTicket(target, sessionToken, post);
    const created = await run.step(request, readGlpiCreated);
    if (!created.ok) return run.failed(created, request, 'create');
    const id = created.value;
    return run.sent(created, { remoteId: id, remoteLabel: `#${id}`, remoteUrl: glpiTicketUrl(target.config.site, id) }, [warning]);
  } finally {
    // One attempt: a session GLPI does not hear about expires by itself, and retrying a
    // tool that is down would only delay the answer. Its outcome changes nothing.
    await requestWithRetries(glpiKillSession(target, sessionToken), readAccepted, run.options, 1);
  }
}

async function sendJira(run: TicketRun, target: Extract<TicketTarget, { kind: 'jira_sm' }>, post: TicketPost): Promise<TicketOutcome> {
  if (post.probe) {
    const request = jiraProbe(target);
    const read = await run.step(request, readJsonObject);
    return read.ok ? run.sent(read, NO_REMOTE, []) : run.failed(read, request, 'probe');
  }
  const warning = post.attachment === null ? null : attachmentNotSentWarning('jira_sm');
  if (post.updateOf !== null) {
    const issueKey = post.updateOf;
    const request = jiraComment(target, issueKey, post);
    const added = await run.step(request, readJsonObject);
    if (!added.ok) return run.failed(added, request, 'update');
    return run.sent(added, { remoteId: issueKey, remoteLabel: issueKey, remoteUrl: jiraRequestUrl(target.config.site, issueKey, null) }, [warning]);
  }
  const request = jiraCreate(target, post);
  const created = await run.step(request, readJiraRequest);
  if (!created.ok) return run.failed(created, request, 'create');
  const { issueKey, web } = created.value;
  return run.sent(created, { remoteId: issueKey, remoteLabel: issueKey, remoteUrl: jiraRequestUrl(target.config.site, issueKey, web) }, [warning]);
}

async function sendTheHive(run: TicketRun, target: Extract<TicketTarget, { kind: 'thehive' }>, post: TicketPost): Promise<TicketOutcome> {
  if (post.probe) {
    const request = theHiveProbe(target);
    const read = await run.step(request, readJsonObject);
    return read.ok ? run.sent(read, NO_REMOTE, []) : run.failed(read, request, 'probe');
  }
  const laterSteps = (caseId: string): LaterStep[] => [
    ...post.tasks.map((title): LaterStep => ({ request: theHiveTask(target, caseId, title), what: 'task' })),
    ...(post.attachment === null ? [] : [{ request: theHiveObservable(target, caseId, post, post.attachment), what: 'attachment' as const }]),
  ];
  if (post.updateOf !== null) {
    const caseId = post.updateOf;
    const request = theHiveComment(target, caseId, post);
    const added = await run.step(request, readJsonObject);
    if (!added.ok) return run.failed(added, request, 'update');
    const warning = await run.later(laterSteps(caseId), 'update');
    return run.sent(added, { remoteId: caseId, remoteLabel: null, remoteUrl: theHiveCaseUrl(target.config.site, caseId) }, [warning]);
  }
  const request = theHiveCreateCase(target, post);
  const created = await run.step(request, readTheHiveCase);
  if (!created.ok) return run.failed(created, request, 'create');
  const { id, number } = created.value;
  const warning = await run.later(laterSteps(id), 'create');
  return run.sent(created, { remoteId: id, remoteLabel: `#${number}`, remoteUrl: theHiveCaseUrl(target.config.site, id) }, [warning]);
}

/**
 * Files, updates or tests, as the post asks. A request the tool cannot do (osTicket: update)
 * is answered with the refusal and nothing is sent.
 */
export async function sendTicket(target: TicketTarget, post: TicketPost, options: SendOptions): Promise<TicketOutcome | TicketRefusal> {
  const refusal = ticketRefusal(target, post);
  if (refusal !== null) return refusal;
  const run = new TicketRun(target, options);
  switch (target.kind) {
    case 'zammad':
      return await sendZammad(run, target, post);
    case 'osticket':
      return await sendOsTicket(run, target, post);
    case 'glpi':
      return await sendGlpi(run, target, post);
    case 'jira_sm':
      return await sendJira(run, target, post);
    case 'thehive':
      return await sendTheHive(run, target, post);
  }
}
