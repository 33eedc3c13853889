import { createEffect, createMemo, createSignal, Show } from 'solid-js';
import type { Incident } from '../../../domain/incident';
import type { StatementRecord } from '../../../domain/incident-records';
import type { ChannelStates } from '../../../domain/channels';
import { lintStatement } from '../../../domain/statement-lint';
import { audienceLabel, canEdit, statementStatus, statementVersion } from '../../../domain/statement-workflow';
import { STATUSFY_AUDIENCES } from '../../../domain/statusfy';
import { trackUnsavedForm } from '../../app/unsaved-form';
import { PostToChat } from '../shared/PostToChat';
import { SendStatement } from './SendStatement';
import { StatementApprovals } from './StatementApprovals';
import { StatementEditor, type StatementForm } from './StatementEditor';
import { StatementStatusTag } from './StatementStatusTag';
import { StatusfyDownload } from './StatusfyDownload';
import { VersionHistory } from './VersionHistory';

/**
 * One statement: its draft, the check, approvals and sending. Works on the version it was
 * opened at; when someone else saves a newer one, it says so and offers to reopen, keeping
 * whatever was typed.
 */
export function StatementView(props: {
  incident: Incident;
  opened: StatementRecord | null;
  seed: StatementForm;
  /** The newest stored version of a statement, as the list last read it. */
  latestOf: (id: string) => StatementRecord | undefined;
  onClose: () => void;
  onUpdate: (seed: StatementForm) => void;
}) {
  const [record, setRecord] = createSignal(props.opened);
  const [form, setForm] = createSignal<StatementForm>(props.seed);
  const context = () => ({ verifiedNoDataFinding: Boolean(props.incident.verified_no_data) });
  const findings = createMemo(() => lintStatement(form().text, context()));
  const savedBlocking = createMemo(() => {
    const saved = record();
    return saved ? lintStatement(saved.text, context()).filter((finding) => finding.blocking).length : 0;
  });
  const dirty = () => {
    const saved = record();
    return !saved || form().title.trim() !== saved.title || form().text.trim() !== saved.text;
  };
  /** Typed text that is in no stored version. */
  const unsaved = () => dirty() && (form().text.trim() !== '' || form().title.trim() !== '');
  const latest = () => {
    const saved = record();
    return saved ? props.latestOf(saved.id) : undefined;
  };
  /** Only an approved (or sent) website or public statement goes on a status page (Step 6). */
  const publishable = () => {
    const saved = record();
    if (!saved || dirty() || !STATUSFY_AUDIENCES.includes(saved.audience)) return false;
    const state = statementStatus(saved, savedBlocking()).state;
    return state === 'approved' || state === 'sent';
  };
  const stale = () => (latest()?.version ?? 0) > (record()?.version ?? 0);
  const reopen = () => {
    const newest = latest();
    if (!newest) return;
    if (!dirty()) setForm({ audience: newest.audience, title: newest.title, text: newest.text });
    setRecord(newest);
  };

  // Nothing typed is lost by a stray tap: leaving with unsaved text takes a second tap.
  const [closeWarning, setCloseWarning] = createSignal(false);
  const close = () => {
    if (unsaved() && !closeWarning()) return setCloseWarning(true);
    props.onClose();
  };
  createEffect(() => {
    form();
    setCloseWarning(false);
  });

  const formId = `statement-${props.opened?.id ?? 'new'}`;
  trackUnsavedForm(formId, unsaved);

  return (
    <section class="statement-view" aria-labelledby="statement-view-title">
      <button type="button" class="link-button" onClick={close}>
        ‹ All statements
      </button>
      <Show when={closeWarning()}>
        <p class="save-error" role="alert">
          Your changes are not saved. Save them, or tap “All statements” again to discard them.
        </p>
      </Show>
      <h2 id="statement-view-title">
        <Show when={record()} fallback="New statement">
          {(saved) => (
            <>
              {saved().title} · v{statementVersion(saved())}
            </>
          )}
        </Show>
      </h2>
      <Show when={record()}>
        {(saved) => (
          <p class="note">
            To {audienceLabel(saved().audience)}. <StatementStatusTag status={statementStatus(saved(), savedBlocking())} />
          </p>
        )}
      </Show>
      <Show when={stale()}>
        <div class="warning" role="alert">
          <p>Someone changed this statement meanwhile (another tab or phone).</p>
          <button type="button" class="secondary wide" onClick={reopen}>
            Reopen the latest version{dirty() ? ' (keeps your text)' : ''}
          </button>
        </div>
      </Show>
      <Show
        when={record() === null || canEdit(record() as StatementRecord).ok}
        fallback={
          <>
            <pre class="preview" data-testid="sent-text">{record()?.text}</pre>
            <button type="button" class="secondary wide" onClick={() => props.onUpdate({ audience: form().audience, title: `${form().title} (update)`, text: form().text })}>
              Write an update (a new statement)
            </button>
          </>
        }
      >
        <StatementEditor incident={props.incident} record={record()} form={form()} onForm={setForm} findings={findings()} onSaved={setRecord} />
      </Show>
      <Show when={record()}>
        {(saved) => (
          <>
            <Show when={saved().sent_at === null}>
              <StatementApprovals record={saved()} blocking={savedBlocking()} dirty={dirty()} onChanged={setRecord} />
              <SendStatement record={saved()} blocking={savedBlocking()} dirty={dirty()} channels={props.incident.channels ?? {}} onChanged={setRecord} />
            </Show>
            <Show when={publishable()}>
              <PostToChat incidentId={props.incident.id} source="statement" statement={{ id: saved().id, version: statementVersion(saved()) }} title={saved().title} text={saved().text} states={(props.incident.channels ?? {}) as ChannelStates} />
              <StatusfyDownload record={saved()} />
            </Show>
            <VersionHistory record={saved()} />
          </>
        )}
      </Show>
    </section>
  );
}
