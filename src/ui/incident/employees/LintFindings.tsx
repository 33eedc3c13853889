import { For, Show } from 'solid-js';
import type { EmployeeLintFinding } from '../../../domain/employee-instructions';

/** Step 3's checks on the message ("short, specific, and action-oriented"), next to the text. Advice: sending is still allowed. */
export function LintFindings(props: { findings: readonly EmployeeLintFinding[] }) {
  return (
    <Show when={props.findings.length > 0} fallback={<p class="note lint-clean">Short, specific and action-oriented: no vague wording found.</p>}>
      <ul class="lint-findings" data-testid="employee-lint">
        <For each={[...props.findings]}>
          {(finding) => (
            <li class="finding">
              {finding.message}
              <Show when={finding.match && finding.rule !== 'vague'}>
                <span class="finding-match">“{finding.match}”</span>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
