import { createSignal, For, onMount } from 'solid-js';
import { validateNoticePeriod, type NoticePeriodDraft, type NoticePeriodErrors } from '../../../domain/notice-period-form';
import type { NoticePeriod } from '../../../domain/obligations';
import { LEGAL_TRIGGERS, NOTIFY_PARTIES, NOTIFY_PARTY_LABELS } from '../../../domain/playbook-triggers';
import { CancelAndSubmit } from '../../app/CancelAndSubmit';
import { describedBy, FormField } from '../../app/FormField';

/** One notice period as the company's own: whom, for which trigger, how long, in hours or business days. */
export function NoticePeriodForm(props: { id: string; initial: NoticePeriodDraft; onSave: (period: NoticePeriod) => Promise<void>; onCancel: () => void }) {
  const [draft, setDraft] = createSignal(props.initial);
  const [errors, setErrors] = createSignal<NoticePeriodErrors>({});
  const set = <K extends keyof NoticePeriodDraft>(key: K, value: NoticePeriodDraft[K]) => {
    setDraft({ ...draft(), [key]: value });
    if (errors()[key]) setErrors({ ...errors(), [key]: undefined });
  };
  const field = (name: string) => `${props.id}-${name}`;
  let form!: HTMLFormElement;
  onMount(() => form.querySelector('select')?.focus());

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const check = validateNoticePeriod(draft());
    setErrors(check.ok ? {} : check.errors);
    if (check.ok) await props.onSave(check.period);
  };

  return (
    <form class="inline-form" ref={form} onSubmit={save} novalidate>
      <FormField id={field('party')} label="Who is notified" error={errors().party}>
        <select id={field('party')} onChange={(event) => set('party', event.currentTarget.value)} {...describedBy(field('party'), errors().party)}>
          <option value="" selected={draft().party === ''}>
            Choose…
          </option>
          <For each={[...NOTIFY_PARTIES]}>
            {(party) => (
              <option value={party} selected={draft().party === party}>
                {NOTIFY_PARTY_LABELS[party]}
              </option>
            )}
          </For>
        </select>
      </FormField>
      <FormField id={field('trigger')} label="For which trigger" error={errors().trigger}>
        <select id={field('trigger')} onChange={(event) => set('trigger', event.currentTarget.value)} {...describedBy(field('trigger'), errors().trigger)}>
          <option value="" selected={draft().trigger === ''}>
            Any trigger that needs them
          </option>
          <For each={[...LEGAL_TRIGGERS]}>
            {(trigger) => (
              <option value={trigger.id} selected={draft().trigger === trigger.id}>
                {trigger.label} only
              </option>
            )}
          </For>
        </select>
      </FormField>
      <fieldset class="segmented two">
        <legend>Counted in</legend>
        <label>
          <input type="radio" name={field('unit')} checked={draft().unit === 'hours'} onChange={() => set('unit', 'hours')} />
          <span>Hours</span>
        </label>
        <label>
          <input type="radio" name={field('unit')} checked={draft().unit === 'business_days'} onChange={() => set('unit', 'business_days')} />
          <span>Business days</span>
        </label>
      </fieldset>
      <FormField id={field('amount')} label={draft().unit === 'hours' ? 'Hours after the trigger is ticked' : 'Business days (Mon–Fri) after the trigger is ticked'} error={errors().amount}>
        <input id={field('amount')} inputmode="decimal" value={draft().amount} onInput={(event) => set('amount', event.currentTarget.value)} {...describedBy(field('amount'), errors().amount)} />
      </FormField>
      <FormField id={field('label')} label="Name" hint="e.g. Cyber insurer: policy clause 7.2" error={errors().label}>
        <input id={field('label')} value={draft().label} onInput={(event) => set('label', event.currentTarget.value)} {...describedBy(field('label'), errors().label)} />
      </FormField>
      <FormField id={field('note')} label="Where it comes from (optional)" hint="Policy, contract or regulation, and what the notice must contain" error={errors().note}>
        <textarea id={field('note')} rows="2" value={draft().note} onInput={(event) => set('note', event.currentTarget.value)} {...describedBy(field('note'), errors().note)} />
      </FormField>
      <CancelAndSubmit submitLabel="Save period" onCancel={() => props.onCancel()} />
    </form>
  );
}
