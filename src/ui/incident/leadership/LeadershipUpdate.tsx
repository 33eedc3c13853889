import { createMemo, createSignal, Show } from 'solid-js';
import { CONTACT_CHANNEL_LABELS } from '../../../domain/contact-methods';
import type { Incident } from '../../../domain/incident';
import {
  defaultNextUpdate,
  formatIncidentTime,
  LEADERSHIP_UPDATE_FIELDS,
  LEADERSHIP_UPDATE_MAX_WORDS,
  renderLeadershipUpdate,
  validateLeadershipUpdate,
  type LeadershipUpdateValues,
} from '../../../domain/leadership-update';
import { fitLogField } from '../../../domain/log-field-fit';
import { recipientsLabel } from '../../../domain/message-recipients';
import { useNow } from '../../app/clock';
import { LiveSecretWarning } from '../../app/LiveSecretWarning';
import { useMuster } from '../../app/muster-app';
import { useIncidentActions } from '../incident-actions';
import { createGroupMessage } from '../shared/group-message';
import { MessagePreview } from '../shared/MessagePreview';
import { PostToChat } from '../shared/PostToChat';
import { SendToGroup } from '../shared/SendToGroup';
import { usableTimeZone } from '../shared/time-input';
import { useWorkflowSettings } from '../workflow-settings';
import { createLeadershipDraft } from './leadership-draft';
import { LeadershipUpdateForm } from './LeadershipUpdateForm';

/** Step 2's first (and every later) leadership update: written, checked, sent, logged. */
export function LeadershipUpdate(props: { incident: Incident }) {
  const app = useMuster();
  const actions = useIncidentActions();
  const workflow = useWorkflowSettings();
  const now = useNow();
  const store = createLeadershipDraft(() => app.settings().workspace_id, () => props.incident);
  const draft = store.draft;
  const [showErrors, setShowErrors] = createSignal(false);
  // Step 2: only an update marked sent may be posted to chat, exactly as it was sent. It is
  // kept with the draft, so a reload still offers it (and never a hand-logged entry instead).
  const postableText = () => draft().lastSent;

  const zone = () => usableTimeZone(workflow().timeZone);
  const phoneZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const zoneHint = () => (zone() === phoneZone ? undefined : `In your phone's time; the message shows it in ${zone()}.`);
  const values = (): LeadershipUpdateValues => ({
    ...draft().values,
    next_update_at: draft().values.next_update_at || defaultNextUpdate(new Date(now()), workflow().leadershipCadenceMinutes),
  });
  const message = createMemo(() => renderLeadershipUpdate(values(), { incidentId: props.incident.id, incidentTitle: props.incident.title, timeZone: zone() }));
  const check = createMemo(() => validateLeadershipUpdate(values(), new Date(now())));
  const sending = createGroupMessage({ id: 'lu', category: 'leadership', incident: () => props.incident, store, text: () => message().text });

  const setValue = (field: keyof LeadershipUpdateValues, value: string) => sending.edit({ values: { ...draft().values, [field]: value } });

  /** Required points and secrets: what must be right before the update leaves the phone. */
  const readyToSend = (): boolean => {
    const checked = validateLeadershipUpdate(values(), new Date());
    if (!checked.ok) {
      setShowErrors(true);
      const wrong = LEADERSHIP_UPDATE_FIELDS.filter((field) => checked.errors[field.key]);
      sending.setProblem(`Not ready to send: check ${wrong.map((field) => field.label.toLowerCase()).join('; ')}.`);
      const first = wrong[0]?.key;
      document.getElementById(first === 'still_active' ? 'lu-still_active-yes' : `lu-${first}`)?.focus();
      return false;
    }
    return sending.secretsCleared();
  };

  const markSent = () =>
    sending.markSent(readyToSend, 'Choose how the update was sent.', async (channel) => {
      const update = values();
      const text = message().text;
      const names = sending.group.included().map((member) => member.contact.name);
      const { entry } = await actions.update(props.incident.id, (incident) => ({ ...incident, next_update_due: update.next_update_at }), {
        type: 'leadership_update',
        contacted: recipientsLabel(names.length > 0 ? 'Leadership' : 'Leadership group', names),
        method: CONTACT_CHANNEL_LABELS[channel],
        summary: fitLogField('message_summary', text),
        decision: update.decisions_needed.trim() === '' ? '' : fitLogField('decision_made', `Decisions needed: ${update.decisions_needed.trim()}`),
        action: fitLogField('action_requested', update.support_required),
        owner: props.incident.comm_owner || undefined,
        deadline: update.next_update_at,
      });
      // The next update starts from this one: only its time goes back to the cadence.
      store.update({ values: { ...draft().values, next_update_at: '' }, lastSent: text });
      setShowErrors(false);
      return `Logged as #${entry?.local_seq ?? '?'}. Next update due ${formatIncidentTime(update.next_update_at, zone())}.`;
    });

  return (
    <section aria-labelledby="leadership-update-title">
      <h2 id="leadership-update-title">Leadership update</h2>
      <p class="note">Short and factual: enough to make business decisions, not every technical detail. What you type is kept on this phone until it is sent.</p>
      <LeadershipUpdateForm
        values={values()}
        nextUpdateIsDefault={draft().values.next_update_at === ''}
        cadenceMinutes={workflow().leadershipCadenceMinutes}
        timeZoneHint={zoneHint()}
        errors={showErrors() && !check().ok ? (check() as { errors: Record<string, string> }).errors : {}}
        warnings={check().warnings}
        onChange={setValue}
      />
      <h3>The update</h3>
      <MessagePreview testId="leadership-update" subject={message().subject} text={message().text}>
        <p class="note" classList={{ warning: message().tooLong }} data-testid="leadership-word-count">
          {message().words} words{message().tooLong ? `: too long for a first update. Keep it under ${LEADERSHIP_UPDATE_MAX_WORDS}; leave out technical detail.` : ''}
        </p>
        <Show when={message().missing.length > 0}>
          <p class="note warning">Still empty: {message().missing.join('; ')}.</p>
        </Show>
      </MessagePreview>
      <LiveSecretWarning text={message().text} acknowledge={{ id: 'lu-secret', acknowledgedText: draft().secretsAcknowledged, onAcknowledge: (text) => sending.edit({ secretsAcknowledged: text }) }} />
      <h3>Send to leadership</h3>
      <SendToGroup
        message={sending}
        draft={draft()}
        subject={message().subject}
        text={message().text}
        noun={['person', 'people']}
        empty={
          <p class="empty">
            No leadership contacts yet: <a href="#contacts">add them in Contacts</a> (category Leadership). You can still copy the update.
          </p>
        }
        beforeSend={readyToSend}
        consequence={<>Logs the update as a leadership update and starts the countdown to the next one ({formatIncidentTime(values().next_update_at, zone())}).</>}
        onMark={() => void markSent()}
      />
      <Show when={postableText()}>{(text) => <PostToChat incidentId={props.incident.id} source="leadership_update" text={text()} states={sending.group.states()} />}</Show>
    </section>
  );
}
