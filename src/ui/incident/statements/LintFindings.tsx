import { createMemo, For, Show } from 'solid-js';
import { findingSegments } from '../../../domain/finding-segments';
import { STATEMENT_RULE_LABELS, type StatementFinding } from '../../../domain/statement-lint';

/** Step 6's check of a draft: each finding with what to write instead, and the text with them marked. */
export function LintFindings(props: { text: string; findings: readonly StatementFinding[] }) {
  const blocking = () => props.findings.filter((finding) => finding.blocking).length;
  const segments = createMemo(() => findingSegments(props.text, props.findings));
  return (
    <div class="lint" data-testid="lint">
      <p class="lint-count" aria-live="polite" classList={{ warning: props.findings.length > 0 && blocking() === 0, 'save-error': blocking() > 0 }}>
        <Show when={props.findings.length > 0} fallback={props.text.trim() === '' ? '' : 'Check: nothing found (speculation, blame, promises, unverified “no data affected”, secrets, internal details).'}>
          Check: {props.findings.length} finding{props.findings.length === 1 ? '' : 's'}
          {blocking() > 0 ? `, ${blocking()} block${blocking() === 1 ? 's' : ''} sending` : ', for the approvers to weigh'}.
        </Show>
      </p>
      <Show when={props.findings.length > 0}>
        <p class="note">Marked in the text:</p>
        <p class="lint-preview">
          <For each={segments()}>
            {(segment) => (segment.rules.length === 0 ? segment.text : <mark classList={{ 'lint-mark': true, blocking: segment.blocking }}>{segment.text}</mark>)}
          </For>
        </p>
      </Show>
      <ul class="card-list">
        <For each={props.findings}>
          {(finding) => (
            <li class="finding" classList={{ blocking: finding.blocking }}>
              <strong>
                {STATEMENT_RULE_LABELS[finding.rule]}
                {finding.blocking ? ' · blocks sending' : ''}
              </strong>{' '}
              <q class="statement-finding-match">{finding.match}</q>
              <span class="statement-finding-message">{finding.message}</span>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}
