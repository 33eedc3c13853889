/**
 * The post-incident report as Markdown: readable as plain text, renders on GitHub or in a
 * wiki, and every piece of user text escaped so it cannot become a link, a heading or HTML.
 */
import type { IncidentReport, TimelineItem } from './incident-report';
import { mdBlock, mdInline, mdQuote } from './markdown-escape';
import { followUpStateText, obligationOutcomeText, STATUS_LABELS, statementStateText, timeFormat, vendorOutcomeText, type TimeFormat } from './report-text';

/** "- **Label:** value", multi-line values kept; empty values left out. */
function item(label: string, value: string | null | undefined): string[] {
  const text = (value ?? '').trim();
  return text === '' ? [] : [`- **${label}:** ${mdBlock(text, 2)}`];
}

function seqList(seqs: readonly number[]): string {
  return seqs.map((seq) => `#${seq}`).join(', ');
}

function timelineItem(entry: TimelineItem, time: TimeFormat): string[] {
  const lines = [`### ${mdInline(time(entry.occurredAt))}: #${entry.seq} ${mdInline(entry.typeLabel)}`, ''];
  lines.push(
    ...item('Contacted', entry.contacted),
    ...item('Method', entry.method),
    ...item('Summary', entry.summary),
    ...item('Decision made', entry.decision),
    ...item('Action requested', entry.action),
    ...item('Owner', entry.owner),
    ...item('Deadline', entry.deadline === null ? '' : time(entry.deadline)),
    ...item('Response received', entry.response),
    ...item('Follow-up required', entry.followUp),
    ...item('Evidence or document location', entry.evidence),
    ...item('Recorded by', entry.recordedBy),
  );
  if (entry.corrects !== null) lines.push(`- **Corrects or completes:** #${entry.corrects}`);
  if (entry.correctedBy.length > 0) lines.push(`- **Corrected or completed by:** ${seqList(entry.correctedBy)}`);
  return [...lines, ''];
}

function section(title: string, body: string[], empty: string): string[] {
  return [`## ${title}`, '', ...(body.length > 0 ? body : [empty, '']),];
}

export function reportToMarkdown(report: IncidentReport): string {
  const time = timeFormat(report.timeZone);
  const s = report.summary;
  const out: string[] = [
    `# Post-incident report: ${mdInline(s.incidentId)} ${mdInline(s.title)}`,
    '',
    `${mdInline(report.workspaceName)}. Generated ${mdInline(time(report.generatedAt))} by ${mdInline(report.generatedBy)}; times in ${mdInline(report.timeZone)}. Built from the communication log and records on that phone.`,
    '',
  ];

  const triggers = [
    s.triggers.leadership.length > 0 ? `leadership: ${s.triggers.leadership.join(', ')}` : '',
    s.triggers.escalation.length > 0 ? `escalation: ${s.triggers.escalation.join(', ')}` : '',
    s.triggers.legal.length > 0 ? `insurance, legal, compliance: ${s.triggers.legal.join(', ')}` : '',
  ].filter(Boolean);
  out.push(
    ...section(
      'Incident summary',
      [
        ...item('Incident', `${s.incidentId}: ${s.title}`),
        ...item('Status', STATUS_LABELS[s.status] ?? s.status),
        ...item('Detected', time(s.detectedAt)),
        ...item('Opened in Muster', time(s.openedAt)),
        ...item('Communication owner', s.commOwner === '' ? 'not named' : `${s.commOwner}${s.commDeputy ? `, deputy ${s.commDeputy}` : ''}`),
        ...item('First and last logged activity', s.firstActivityAt === null ? 'none' : `${time(s.firstActivityAt)} to ${time(s.lastActivityAt)}`),
        `- **Communication log:** ${s.entries} entries${s.firstSeq === null ? '' : ` (#${s.firstSeq} to #${s.lastSeq})`}, ${s.decisions} decisions, ${s.corrections} corrections or completions`,
        ...(s.chainHead ? [`- **Chain head hash:** \`${s.chainHead.replace(/[^0-9a-f]/gi, '')}\``] : []),
        ...item('Triggers ticked', triggers.join('; ')),
        ...item('Verified: no data was affected', s.verifiedNoData ? `by ${s.verifiedNoData.by}, ${time(s.verifiedNoData.at)}; evidence: ${s.verifiedNoData.evidence}` : ''),
        '',
      ],
      '',
    ),
  );

  out.push(...section('Timeline of communications and decisions', report.timeline.flatMap((entry) => timelineItem(entry, time)), 'Nothing was logged.'));

  out.push(
    ...section(
      'Leadership updates sent',
      report.leadershipUpdates.flatMap((update) => [
        `### #${update.seq}, ${mdInline(time(update.sentAt))}`,
        '',
        ...item('To', update.to),
        ...item('Via', update.method),
        ...item('Next update promised', update.nextUpdateAt === null ? '' : time(update.nextUpdateAt)),
        ...(update.correctedBy.length > 0 ? [`- **Corrected by:** ${seqList(update.correctedBy)}`] : []),
        '',
        mdQuote(update.text),
        '',
      ]),
      'No leadership update was logged.',
    ),
  );

  out.push(
    ...section(
      'Vendor requests',
      report.vendorRequests.flatMap((request) => [
        `### ${mdInline(request.vendor)}`,
        '',
        ...item('Outcome', vendorOutcomeText(request, time)),
        ...item('Asked for', request.asks.join(', ')),
        ...item('Systems', request.systems),
        ...item('Requested', time(request.requestedAt)),
        ...item('Reply by', time(request.deadline)),
        ...item('Owner', request.owner),
        ...item('Response', request.response),
        '',
      ]),
      'No vendor request was recorded.',
    ),
  );

  out.push(
    ...section(
      'Notice obligations',
      report.obligations.flatMap((obligation) => [
        `### ${mdInline(obligation.party)}`,
        '',
        ...item('Outcome', obligationOutcomeText(obligation, time)),
        ...item('Due', time(obligation.dueAt)),
        ...item('Clock started', time(obligation.clockStart)),
        ...item('Because of', obligation.triggers.join(', ')),
        ...item('Basis', obligation.basis),
        '',
      ]),
      'No notice obligation was recorded.',
    ),
  );

  out.push(
    ...section(
      'External statements',
      report.statements.flatMap((statement) => [
        `### ${mdInline(statement.title)}`,
        '',
        ...item('Audience', statement.audience),
        ...item('Status', statementStateText(statement, time)),
        ...item('Versions written', String(statement.versions)),
        ...item('Approvers required', statement.requiredRoles.join(', ')),
        ...statement.approvals.map(
          (approval) =>
            `- **Approval:** ${mdInline(approval.role)} by ${mdInline(approval.by)}, ${mdInline(time(approval.at))}, v${approval.version}${approval.current ? '' : ' (voided by a later edit)'}`,
        ),
        '',
        mdQuote(statement.text),
        '',
      ]),
      'No external statement was drafted.',
    ),
  );

  out.push(
    ...section(
      'Channel changes',
      [
        ...item('Channels marked now', report.channels.current.map((entry) => `${entry.channel}: ${entry.state}`).join(', ')),
        ...report.channels.changes.map((change) => `- ${mdInline(time(change.occurredAt))}, #${change.seq}: ${mdBlock(change.summary, 2)}`),
        ...(report.channels.current.length + report.channels.changes.length > 0 ? [''] : []),
      ],
      'No channel was marked and no alternate-channel notice was logged.',
    ),
  );

  out.push(
    ...section(
      'Open follow-ups',
      report.openFollowUps.map(
        (followUp) =>
          `- #${followUp.seq}, ${mdInline(followUpStateText(followUp, time))}: ${mdBlock(followUp.what, 2)} (${mdInline(followUp.contacted)}; owner ${mdInline(followUp.owner)})`,
      ),
      'No follow-up is open.',
    ),
  );
  while (out.at(-1) === '') out.pop();
  return `${out.join('\n')}\n`;
}
