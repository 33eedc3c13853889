import { createMemo, createSignal, For, Show } from 'solid-js';
import { callableMethods, CHECKOFF_OUTCOME_LABELS, CHECKOFF_OUTCOMES, type CallNodeRun, type CheckoffOutcome } from '../../../domain/call-tree';
import type { ChannelStates } from '../../../domain/channels';
import { recordCheckoff } from '../../../store/call-runs';
import type { StoredCallRun } from '../../../store/schema';
import { ErrorAlert } from '../../app/ErrorAlert';
import { FormField } from '../../app/FormField';
import { useMuster } from '../../app/muster-app';
import { ContactMethodButton } from '../../contacts/ContactMethodButton';
import { failureMessage } from '../incident-actions';
import { callMethodLabel, type CallContact } from './call-contacts';
import { callCountdown, handedOverBecause } from './call-labels';

export const OTHER_WAY = 'Another way (see the note)';

/**
 * One call this phone's user must make now: whom, how long they have, one-tap links on the
 * channels still safe (Step 7), and one tap per outcome, which is stored and logged with the
 * method used. The note is optional.
 */
export function MyCallCard(props: {
  run: StoredCallRun;
  item: CallNodeRun;
  contact: (contactId: string) => CallContact;
  channels: ChannelStates;
  incidentId: string;
  now: number;
  onDone: (message: string) => void;
}) {
  const app = useMuster();
  const attempt = () => props.item.attempt!;
  const whom = () => props.contact(attempt().contactId);
  const methods = createMemo(() => callableMethods(whom().methods, props.channels));
  const hidden = () => whom().methods.filter((method) => method.channel === 'phone' || method.channel === 'sms').length - methods().length;
  const [chosen, setChosen] = createSignal<string | null>(null);
  const methodLabels = () => [...methods().map((callable) => callMethodLabel(callable.method)), OTHER_WAY];
  const method = () => (chosen() !== null && methodLabels().includes(chosen()!) ? chosen()! : methodLabels()[0]!);
  const [note, setNote] = createSignal('');
  const [saving, setSaving] = createSignal(false);
  const [error, setError] = createSignal<string | undefined>();
  const handedOver = () => handedOverBecause(props.item, (contactId) => props.contact(contactId).name);
  const idPrefix = () => `call-${props.run.id}-${props.item.node.id}`;

  const checkOff = async (outcome: CheckoffOutcome) => {
    if (saving()) return;
    setSaving(true);
    const name = whom().name;
    try {
      const input = { node_id: props.item.node.id, contact_id: attempt().contactId, method: method(), outcome, note: note().trim() };
      const { entry } = await recordCheckoff(app.db, app.settings(), props.run, input, name);
      setError(undefined);
      setNote('');
      props.onDone(`${name}: ${CHECKOFF_OUTCOME_LABELS[outcome]}. Logged as #${entry.local_seq}.`);
      app.logChanged();
    } catch (failure) {
      setError(`${failureMessage(failure)} The note is still here.`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <li class="cockpit-card my-call" data-testid="my-call">
      <h3>Call {whom().name}</h3>
      <Show when={whom().detail}>
        <p class="contact-role">{whom().detail}</p>
      </Show>
      <p class="due-soon" data-testid="my-call-due">
        {callCountdown(attempt(), props.now)}
      </p>
      <Show when={handedOver()}>{(because) => <p class="note">Handed to you: {because()}</p>}</Show>
      <Show
        when={methods().length > 0}
        fallback={<p class="note">No phone number or SMS for {whom().name} that is safe to use: reach them another way (see Contacts) and check the call off.</p>}
      >
        <div class="methods">
          <For each={methods()}>
            {(callable) => (
              <div onClick={() => setChosen(callMethodLabel(callable.method))}>
                <ContactMethodButton method={callable.method} contactName={whom().name} marks={{ incidentId: props.incidentId, states: props.channels }} />
              </div>
            )}
          </For>
        </div>
      </Show>
      <Show when={hidden() > 0}>
        <p class="note">
          {hidden()} {hidden() === 1 ? 'number' : 'numbers'} hidden: the channel is marked compromised (Step 7).
        </p>
      </Show>
      <FormField id={`${idPrefix()}-method`} label="How you called">
        <select id={`${idPrefix()}-method`} value={method()} onChange={(event) => setChosen(event.currentTarget.value)}>
          <For each={methodLabels()}>{(label) => <option value={label}>{label}</option>}</For>
        </select>
      </FormField>
      <FormField id={`${idPrefix()}-note`} label="Note (optional)">
        <textarea id={`${idPrefix()}-note`} rows="2" value={note()} onInput={(event) => setNote(event.currentTarget.value)} />
      </FormField>
      <div class="form-actions" role="group" aria-label={`Check off the call to ${whom().name}`}>
        <For each={[...CHECKOFF_OUTCOMES]}>
          {(outcome) => (
            <button
              type="button"
              class={outcome === 'reached' ? 'primary' : 'secondary'}
              disabled={saving()}
              aria-label={`${CHECKOFF_OUTCOME_LABELS[outcome]}: ${whom().name}`}
              onClick={() => void checkOff(outcome)}
            >
              {CHECKOFF_OUTCOME_LABELS[outcome]}
            </button>
          )}
        </For>
      </div>
      <ErrorAlert message={error()} />
    </li>
  );
}
