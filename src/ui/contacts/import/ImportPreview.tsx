import { For, Show } from 'solid-js';
import type { ImportPlan } from '../../../domain/contact-import/import-plan';

const SHOWN = 100;

function countsText(plan: ImportPlan): string {
  const malformed = plan.malformed.length;
  return `${plan.added.length} to add, ${plan.updated.length} to update, ${plan.skipped.length} skipped, ${malformed} malformed ${malformed === 1 ? 'row' : 'rows'}`;
}

function More(props: { total: number }) {
  return (
    <Show when={props.total > SHOWN}>
      <p class="note">…and {props.total - SHOWN} more.</p>
    </Show>
  );
}

/** What Confirm would do, row by row, with the reason for every row left out. */
export function ImportPreview(props: { plan: ImportPlan }) {
  return (
    <section class="import-preview" aria-labelledby="import-preview-title">
      <h2 id="import-preview-title">Preview</h2>
      <p class="import-counts" data-testid="import-counts">
        {countsText(props.plan)}
      </p>
      <Show when={props.plan.added.length > 0}>
        <h3>To add</h3>
        <ul class="import-list" data-testid="import-added">
          <For each={props.plan.added.slice(0, SHOWN)}>
            {(addition) => (
              <li>
                <strong>{addition.contact.name}</strong> <span class="note">(line {addition.line})</span>
                <p class="note">{addition.contact.methods.map((method) => method.value).join(' · ')}</p>
                <For each={addition.warnings}>{(warning) => <p class="warning">{warning}</p>}</For>
              </li>
            )}
          </For>
        </ul>
        <More total={props.plan.added.length} />
      </Show>
      <Show when={props.plan.updated.length > 0}>
        <h3>To update</h3>
        <ul class="import-list" data-testid="import-updated">
          <For each={props.plan.updated.slice(0, SHOWN)}>
            {(update) => (
              <li>
                <strong>{update.before.name}</strong> <span class="note">(line {update.line})</span>
                <ul>
                  <For each={update.changes}>{(change) => <li>{change}</li>}</For>
                </ul>
                <For each={update.warnings}>{(warning) => <p class="warning">{warning}</p>}</For>
              </li>
            )}
          </For>
        </ul>
        <More total={props.plan.updated.length} />
      </Show>
      <Show when={props.plan.skipped.length > 0}>
        <h3>Skipped</h3>
        <ul class="import-list" data-testid="import-skipped">
          <For each={props.plan.skipped.slice(0, SHOWN)}>
            {(skip) => (
              <li>
                Line {skip.line}: <strong>{skip.name}</strong>. {skip.reason}
              </li>
            )}
          </For>
        </ul>
        <More total={props.plan.skipped.length} />
      </Show>
      <Show when={props.plan.malformed.length > 0}>
        <h3>Malformed, not imported</h3>
        <ul class="import-list" data-testid="import-malformed">
          <For each={props.plan.malformed.slice(0, SHOWN)}>{(record) => <li>{record.reason}</li>}</For>
        </ul>
        <More total={props.plan.malformed.length} />
      </Show>
    </section>
  );
}
