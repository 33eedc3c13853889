/** The post-incident report as a PDF, the same parts and wording as the Markdown. */
import type { IncidentReport } from '../../domain/report/incident-report';
import { followUpStateText, obligationOutcomeText, STATUS_LABELS, statementStateText, timeFormat, vendorOutcomeText } from '../../domain/report/report-text';
import type { PagePaper } from './paper';
import { PdfTextWriter } from './text-writer';

/** Fields with a value; empty ones are left out, as in the Markdown. */
function fields(writer: PdfTextWriter, pairs: readonly [string, string | null | undefined][]): void {
  for (const [label, value] of pairs) if ((value ?? '').trim() !== '') writer.field(label, value ?? '');
}

export async function renderReportPdf(report: IncidentReport, paper: PagePaper): Promise<Uint8Array> {
  const time = timeFormat(report.timeZone);
  const s = report.summary;
  const writer = await PdfTextWriter.create({
    paper,
    title: `Post-incident report ${s.incidentId}`,
    header: `${report.workspaceName} - post-incident report ${s.incidentId}`,
    footer: `Generated ${time(report.generatedAt)} by ${report.generatedBy}`,
    author: report.generatedBy,
    createdAt: report.generatedAt,
  });
  const empty = (text: string) => writer.paragraph([{ text, font: 'italic', tone: 'muted' }]);

  writer.heading(`Post-incident report: ${s.incidentId} ${s.title}`, 1);
  writer.paragraph(`${report.workspaceName}. Generated ${time(report.generatedAt)} by ${report.generatedBy}; times in ${report.timeZone}. Built from the communication log and records on that phone. Characters the PDF fonts cannot show print as "?"; the Markdown keeps the exact text.`, { scale: 0.9 });

  writer.heading('Incident summary', 2);
  fields(writer, [
    ['Incident', `${s.incidentId}: ${s.title}`],
    ['Status', STATUS_LABELS[s.status] ?? s.status],
    ['Detected', time(s.detectedAt)],
    ['Opened in Muster', time(s.openedAt)],
    ['Communication owner', s.commOwner === '' ? 'not named' : `${s.commOwner}${s.commDeputy ? `, deputy ${s.commDeputy}` : ''}`],
    ['First and last logged activity', s.firstActivityAt === null ? 'none' : `${time(s.firstActivityAt)} to ${time(s.lastActivityAt)}`],
    ['Communication log', `${s.entries} entries${s.firstSeq === null ? '' : ` (#${s.firstSeq} to #${s.lastSeq})`}, ${s.decisions} decisions, ${s.corrections} corrections or completions`],
    ['Triggers ticked', [s.triggers.leadership.length ? `leadership: ${s.triggers.leadership.join(', ')}` : '', s.triggers.escalation.length ? `escalation: ${s.triggers.escalation.join(', ')}` : '', s.triggers.legal.length ? `insurance, legal, compliance: ${s.triggers.legal.join(', ')}` : ''].filter(Boolean).join('; ')],
    ['Verified: no data was affected', s.verifiedNoData ? `by ${s.verifiedNoData.by}, ${time(s.verifiedNoData.at)}; evidence: ${s.verifiedNoData.evidence}` : ''],
  ]);
  if (s.chainHead) writer.field('Chain head hash', s.chainHead, { mono: true, scale: 0.9 });

  writer.heading('Timeline of communications and decisions', 2);
  if (report.timeline.length === 0) empty('Nothing was logged.');
  for (const [index, entry] of report.timeline.entries()) {
    if (index > 0 && index % 100 === 0) await writer.breathe();
    writer.heading(`${time(entry.occurredAt)}: #${entry.seq} ${entry.typeLabel}`, 3);
    fields(writer, [
      ['Contacted', entry.contacted],
      ['Method', entry.method],
      ['Summary', entry.summary],
      ['Decision made', entry.decision],
      ['Action requested', entry.action],
      ['Owner', entry.owner],
      ['Deadline', entry.deadline === null ? '' : time(entry.deadline)],
      ['Response received', entry.response],
      ['Follow-up required', entry.followUp],
      ['Evidence or document location', entry.evidence],
      ['Recorded by', entry.recordedBy],
      ['Corrects or completes', entry.corrects === null ? '' : `#${entry.corrects}`],
      ['Corrected or completed by', entry.correctedBy.map((seq) => `#${seq}`).join(', ')],
    ]);
  }

  writer.heading('Leadership updates sent', 2);
  if (report.leadershipUpdates.length === 0) empty('No leadership update was logged.');
  for (const update of report.leadershipUpdates) {
    writer.heading(`#${update.seq}, ${time(update.sentAt)}`, 3);
    fields(writer, [
      ['To', update.to],
      ['Via', update.method],
      ['Next update promised', update.nextUpdateAt === null ? '' : time(update.nextUpdateAt)],
      ['Corrected by', update.correctedBy.map((seq) => `#${seq}`).join(', ')],
    ]);
    writer.paragraph(update.text, { indent: 12 });
  }

  writer.heading('Vendor requests', 2);
  if (report.vendorRequests.length === 0) empty('No vendor request was recorded.');
  for (const request of report.vendorRequests) {
    writer.heading(request.vendor, 3);
    fields(writer, [
      ['Outcome', vendorOutcomeText(request, time)],
      ['Asked for', request.asks.join(', ')],
      ['Systems', request.systems],
      ['Requested', time(request.requestedAt)],
      ['Reply by', time(request.deadline)],
      ['Owner', request.owner],
      ['Response', request.response],
    ]);
  }

  writer.heading('Notice obligations', 2);
  if (report.obligations.length === 0) empty('No notice obligation was recorded.');
  for (const obligation of report.obligations) {
    writer.heading(obligation.party, 3);
    fields(writer, [
      ['Outcome', obligationOutcomeText(obligation, time)],
      ['Due', time(obligation.dueAt)],
      ['Clock started', time(obligation.clockStart)],
      ['Because of', obligation.triggers.join(', ')],
      ['Basis', obligation.basis],
    ]);
  }

  writer.heading('External statements', 2);
  if (report.statements.length === 0) empty('No external statement was drafted.');
  for (const statement of report.statements) {
    writer.heading(statement.title, 3);
    fields(writer, [
      ['Audience', statement.audience],
      ['Status', statementStateText(statement, time)],
      ['Versions written', String(statement.versions)],
      ['Approvers required', statement.requiredRoles.join(', ')],
    ]);
    for (const approval of statement.approvals)
      writer.field('Approval', `${approval.role} by ${approval.by}, ${time(approval.at)}, v${approval.version}${approval.current ? '' : ' (voided by a later edit)'}`);
    writer.paragraph(statement.text, { indent: 12 });
  }

  writer.heading('Channel changes', 2);
  if (report.channels.current.length + report.channels.changes.length === 0) empty('No channel was marked and no alternate-channel notice was logged.');
  fields(writer, [['Channels marked now', report.channels.current.map((entry) => `${entry.channel}: ${entry.state}`).join(', ')]]);
  for (const change of report.channels.changes) writer.field(`${time(change.occurredAt)}, #${change.seq}`, change.summary);

  writer.heading('Open follow-ups', 2);
  if (report.openFollowUps.length === 0) empty('No follow-up is open.');
  for (const followUp of report.openFollowUps)
    writer.field(`#${followUp.seq}, ${followUpStateText(followUp, time)}`, `${followUp.what} (${followUp.contacted}; owner ${followUp.owner})`);

  return writer.save();
}
