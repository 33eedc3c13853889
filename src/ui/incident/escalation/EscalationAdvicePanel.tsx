import { For, Show } from 'solid-js';
import type { ChannelStates } from '../../../domain/channels';
import type { Contact } from '../../../domain/contacts';
import type { EscalationAdvice } from '../../../domain/playbook-triggers';
import { CategoryContacts } from '../shared/CategoryContacts';

/** "Escalate now" and whom to call, from the phone's contact list, when any trigger is ticked. */
export function EscalationAdvicePanel(props: { advice: EscalationAdvice; contacts: readonly Contact[]; channels: ChannelStates }) {
  return (
    <Show
      when={props.advice.escalateNow}
      fallback={
        <p class="note" data-testid="escalation-advice">
          {props.advice.message}
        </p>
      }
    >
      <section class="escalation-advice" aria-labelledby="escalate-now">
        <h2 id="escalate-now">
          <span class="urgent">Escalate now</span>
        </h2>
        <p data-testid="escalation-advice">{props.advice.message}</p>
        <For each={props.advice.categories}>{(category) => <CategoryContacts category={category} contacts={props.contacts} channels={props.channels} />}</For>
      </section>
    </Show>
  );
}
