import { For, Show } from 'solid-js';
import type { AlternateChannelPlan } from '../../../domain/contact-sheet';

/** Step 7's backup communication method, printed at the top of the sheet. */
export function AlternatePlan(props: { plan: AlternateChannelPlan }) {
  return (
    <section class="sheet-plan" aria-labelledby="sheet-plan-title">
      <h2 id="sheet-plan-title">Alternate-channel plan</h2>
      <dl class="sheet-facts">
        <dt>If email, chat or sign-in may be compromised, use in this order</dt>
        <dd>{props.plan.fallbackOrder.join(', ')}</dd>
        <dt>Response team bridge</dt>
        <dd class="sheet-value">{props.plan.bridgeUrl ?? 'None set up: use phone calls.'}</dd>
        <dt>Contacts reachable off company systems</dt>
        <dd>{props.plan.outOfBandContacts}</dd>
      </dl>
      <Show when={props.plan.incidentNotice}>
        {(notice) => (
          <>
            <h3>Now, for {notice().incidentId}</h3>
            <p class="sheet-notice">{notice().text}</p>
          </>
        )}
      </Show>
      <ul class="sheet-rules">
        <For each={props.plan.rules}>{(rule) => <li>{rule}</li>}</For>
      </ul>
    </section>
  );
}
