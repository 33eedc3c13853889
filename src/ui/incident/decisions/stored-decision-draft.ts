import { createSignal } from 'solid-js';
import type { DecisionDraft, DecisionField } from '../../../domain/decision-record';
import type { Incident } from '../../../domain/incident';

/**
 * The decision being typed, kept in sessionStorage per incident until it is logged, so
 * leaving the screen (to check the log, to take a call) loses nothing.
 */
export function createStoredDecisionDraft(incident: Incident) {
  const key = `muster:decision-draft:${incident.workspace_id}:${incident.id}`;
  const blank = (): DecisionDraft => ({ decision: '', decidedBy: incident.comm_owner ?? '', options: '', rationale: '', occurredAt: '', evidence: '' });
  const restored = (() => {
    try {
      const raw = globalThis.sessionStorage?.getItem(key);
      return raw ? { ...blank(), ...(JSON.parse(raw) as Partial<DecisionDraft>) } : null;
    } catch {
      return null;
    }
  })();
  const [draft, setDraft] = createSignal<DecisionDraft>(restored ?? blank());
  const write = (next: DecisionDraft | null) => {
    try {
      if (next) globalThis.sessionStorage?.setItem(key, JSON.stringify(next));
      else globalThis.sessionStorage?.removeItem(key);
    } catch {
      // Storage refused: the text is still on screen.
    }
  };
  return {
    draft,
    unsaved: () => (['decision', 'options', 'rationale', 'evidence'] as const).some((field) => draft()[field].trim() !== ''),
    set(field: DecisionField, value: string) {
      const next = { ...draft(), [field]: value };
      setDraft(next);
      write(next);
    },
    reset() {
      setDraft(blank());
      write(null);
    },
  };
}
