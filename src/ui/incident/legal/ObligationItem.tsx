import { createSignal, For, Match, Show, Switch } from 'solid-js';
import type { Contact } from '../../../domain/contacts';
import type { Incident } from '../../../domain/incident';
import type { ObligationRecord } from '../../../domain/incident-records';
import { formatIncidentTime } from '../../../domain/leadership-update';
import { countdown } from '../../../domain/obligations';
import { NOTIFY_PARTY_CATEGORIES, type NotifyParty } from '../../../domain/playbook-triggers';
import { asObligation, legalTriggerLabels, partyLabel } from '../../../store/obligation-records';
import { useCurrentTime } from '../shared/use-current-time';
import { useWorkflowSettings } from '../workflow-settings';
import { CategoryContacts } from '../shared/CategoryContacts';
import { NoticeSentForm } from './NoticeSentForm';
import { NotRequiredForm } from './NotRequiredForm';

/** The reason NotRequiredForm added to the note ("Not required: …"), the latest one if several. */
function notRequiredReason(record: ObligationRecord): string | undefined {
  return record.note.split('\n').findLast((line) => line.startsWith('Not required: '));
}

const COUNTDOWN_CLASS: Record<string, string> = { overdue: 'urgent', due_soon: 'due-soon' };

/** One notice: to whom, by when (counting down), whom to call, and closing it either way. */
export function ObligationItem(props: { incident: Incident; record: ObligationRecord; contacts: readonly Contact[] }) {
  const now = useCurrentTime();
  const workflow = useWorkflowSettings();
  const [closing, setClosing] = createSignal<'sent' | 'not_required' | null>(null);
  const status = () => {
    const obligation = asObligation(props.record);
    return obligation ? countdown(obligation, now(), workflow().timeZone) : { state: props.record.status, label: props.record.status };
  };
  const categories = () => NOTIFY_PARTY_CATEGORIES[props.record.party as NotifyParty] ?? [];
  const label = () => partyLabel(props.record.party);
  return (
    <li class="workflow-card" data-testid="obligation">
      <h3>{label()}</h3>
      <p class="status-line" classList={{ [COUNTDOWN_CLASS[status().state] ?? 'plain']: true }}>
        {status().label}
      </p>
      <Show when={props.record.status === 'not_required' && notRequiredReason(props.record)}>{(reason) => <p>{reason()}</p>}</Show>
      <Show when={props.record.status === 'open'} fallback={<ClosedFacts record={props.record} />}>
        <ObligationFacts record={props.record} />
      </Show>
      <Show when={props.record.status === 'open' && props.record.note.includes('Example: confirm')}>
        <p class="warning">Example period: confirm it against your policy or contract under Notice periods, below.</p>
      </Show>
      <Show when={props.record.status === 'open'}>
        <Show
          when={categories().length > 0}
          fallback={<p class="note missing-contact">Your contact list has no bank category: add your bank’s fraud line as a contact, where your team will look for it.</p>}
        >
          <For each={[...categories()]}>{(category) => <CategoryContacts category={category} contacts={props.contacts} channels={props.incident.channels ?? {}} nested />}</For>
        </Show>
        <Switch>
          <Match when={closing() === 'sent'}>
            <NoticeSentForm incident={props.incident} record={props.record} contacts={props.contacts} onDone={() => setClosing(null)} />
          </Match>
          <Match when={closing() === 'not_required'}>
            <NotRequiredForm record={props.record} onDone={() => setClosing(null)} />
          </Match>
          <Match when={closing() === null}>
            <div class="form-actions">
              <button type="button" class="primary" onClick={() => setClosing('sent')} aria-label={`Mark ${label()} notified`}>
                Mark notified
              </button>
              <button type="button" class="secondary" onClick={() => setClosing('not_required')} aria-label={`${label()}: not required`}>
                Not required
              </button>
            </div>
          </Match>
        </Switch>
      </Show>
    </li>
  );
}

function ObligationFacts(props: { record: ObligationRecord }) {
  const workflow = useWorkflowSettings();
  const time = (iso: string) => formatIncidentTime(iso, workflow().timeZone);
  return (
    <>
      <dl class="record-facts">
        <dt>Due</dt>
        <dd>{time(props.record.due_at)}</dd>
        <dt>Clock started</dt>
        <dd>{time(props.record.clock_start)}</dd>
        <dt>Because of</dt>
        <dd>{legalTriggerLabels(props.record.triggers).join(', ')}</dd>
      </dl>
      <p class="note basis">{props.record.note}</p>
    </>
  );
}

/** A notice sent or ruled out: kept short, the facts one tap away. */
function ClosedFacts(props: { record: ObligationRecord }) {
  return (
    <details class="closed-facts">
      <summary>Details</summary>
      <ObligationFacts record={props.record} />
    </details>
  );
}
