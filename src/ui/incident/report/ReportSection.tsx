import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import type { Incident } from '../../../domain/incident';
import { buildIncidentReport } from '../../../domain/report/incident-report';
import { reportToMarkdown } from '../../../domain/report/report-markdown';
import { PAPER_LABELS, type PagePaper } from '../../../export/pdf/paper';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useMuster } from '../../app/muster-app';
import { StatusNote } from '../../app/StatusNote';
import { downloadFile, fileNamePart } from '../../contacts/sheet/download-file';
import { UploadToNextcloud } from '../../log/export/UploadToNextcloud';
import type { ProducedFile } from '../../log/export/UploadToStorage';
import { useWorkflowSettings } from '../workflow-settings';
import { readReportSources } from './report-sources';

const PAPERS: readonly PagePaper[] = ['a4', 'letter'];

/**
 * Step 8's "later review, insurance claims, legal review": the post-incident report, built
 * on this phone from the incident's log and records, as Markdown or PDF.
 */
export function ReportSection(props: { incident: Incident }) {
  const app = useMuster();
  const workflow = useWorkflowSettings();
  const [sources] = createResource(
    () => ({ workspaceId: app.settings().workspace_id, incidentId: props.incident.id, version: app.logVersion() }),
    (key) => readReportSources(app.db, key.workspaceId, key.incidentId),
  );
  const [paper, setPaper] = createSignal<PagePaper>('a4');
  const [status, setStatus] = createSignal('');
  const [error, setError] = createSignal('');
  // The last report made, offered for upload to the workspace's Nextcloud (evidence storage).
  const [made, setMade] = createSignal<ProducedFile | null>(null);
  const build = (generatedAt: string) => {
    const read = sources();
    if (!read) return null;
    return buildIncidentReport({
      workspaceName: app.settings().name,
      incident: props.incident,
      entries: read.entries,
      records: read.records,
      generatedAt,
      generatedBy: app.settings().author_name,
      timeZone: workflow().timeZone,
    });
  };
  const preview = createMemo(() => build(new Date().toISOString()));
  const baseName = () => `${fileNamePart(props.incident.id)}-post-incident-report`;

  const downloadMarkdown = () => {
    const report = build(new Date().toISOString());
    if (!report) return;
    const markdown = reportToMarkdown(report);
    downloadFile(markdown, `${baseName()}.md`, 'text/markdown;charset=utf-8');
    setMade({ name: `${baseName()}.md`, bytes: new TextEncoder().encode(markdown), contentType: 'text/markdown;charset=utf-8' });
    setStatus('Markdown ready: see your downloads.');
  };
  const downloadPdf = async () => {
    const report = build(new Date().toISOString());
    if (!report) return;
    setError('');
    setStatus('Making the PDF…');
    try {
      const { renderReportPdf } = await import('../../../export/pdf/report-pdf');
      const bytes = await renderReportPdf(report, paper());
      downloadFile(bytes, `${baseName()}-${paper()}.pdf`, 'application/pdf');
      setMade({ name: `${baseName()}-${paper()}.pdf`, bytes, contentType: 'application/pdf' });
      setStatus(`PDF ready (${PAPER_LABELS[paper()]}, ${Math.ceil(bytes.length / 1024)} KB): see your downloads.`);
    } catch (failure) {
      setStatus('');
      setError(`The PDF could not be made: ${(failure as Error).message}. Download the Markdown instead.`);
    }
  };

  return (
    <>
      <p class="note">
        One document for review, insurance claims and legal: the incident summary, the timeline of communications and decisions, leadership updates, vendor requests, notice
        obligations, statements and their approvals, channel changes and open follow-ups. Built on this phone from its own log and records; it leaves the phone only when you download it, or upload it to the workspace's Nextcloud.
      </p>
      <ErrorAlert message={sources.error ? `The log could not be read (${(sources.error as Error).message}). Nothing was lost; reopen Muster.` : null} />
      <Show when={preview()} fallback={<p>Reading the log…</p>}>
        {(report) => (
          <>
            <dl class="record-facts" data-testid="report-contents">
              <dt>Log entries</dt>
              <dd>
                {report().summary.entries}, of which {report().summary.decisions} {report().summary.decisions === 1 ? 'decision' : 'decisions'}
              </dd>
              <dt>Leadership updates</dt>
              <dd>{report().leadershipUpdates.length}</dd>
              <dt>Vendor requests</dt>
              <dd>{report().vendorRequests.length}</dd>
              <dt>Notice obligations</dt>
              <dd>{report().obligations.length}</dd>
              <dt>Statements</dt>
              <dd>{report().statements.length}</dd>
              <dt>Channel changes</dt>
              <dd>{report().channels.changes.length}</dd>
              <dt>Open follow-ups</dt>
              <dd>{report().openFollowUps.length}</dd>
            </dl>
            <button type="button" class="primary wide" onClick={downloadMarkdown}>
              Download Markdown
            </button>
            <fieldset class="segmented two">
              <legend>PDF paper size</legend>
              <For each={PAPERS}>
                {(size) => (
                  <label>
                    <input type="radio" name="report-paper" value={size} checked={paper() === size} onChange={() => setPaper(size)} />
                    <span>{PAPER_LABELS[size]}</span>
                  </label>
                )}
              </For>
            </fieldset>
            <button type="button" class="secondary wide" onClick={() => void downloadPdf()}>
              Download PDF
            </button>
            <StatusNote text={status()} />
            <ErrorAlert message={error()} />
            <Show when={made()} keyed>
              {(file) => <UploadToNextcloud incidentId={props.incident.id} file={file} />}
            </Show>
            <details class="report-preview">
              <summary>Preview the report (Markdown)</summary>
              <pre class="preview" data-testid="report-markdown">
                {reportToMarkdown(report())}
              </pre>
            </details>
          </>
        )}
      </Show>
    </>
  );
}
