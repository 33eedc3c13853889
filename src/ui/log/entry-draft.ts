import { createSignal, type Accessor } from 'solid-js';
import {
  draftFromEntry,
  emptyLogDraft,
  hasUnsavedText,
  validateLogDraft,
  type FieldErrors,
  type LogDraft,
  type LogEntry,
  type LogFieldName,
} from '../../domain/log-entry';
import type { SecretWarning } from '../../domain/log-entry-secrets';
import { appendLogEntry } from '../../store/log-repository';
import type { MusterDatabase } from '../../store/open-database';
import { toStoreError } from '../../store/store-error';

export interface EntryDraftDeps {
  db: MusterDatabase;
  workspaceId: () => string;
  author: () => string;
  incidentId: () => string | null;
  /** Where the typed text survives a reload or a killed tab; sessionStorage or localStorage. */
  storage?: Storage | undefined;
  now?: () => Date;
}

interface StoredDraft {
  draft: LogDraft;
  corrects: LogEntry | null;
  timeTouched: boolean;
}

export type SaveOutcome = { saved: true; entry: LogEntry } | { saved: false; message: string };

/**
 * The secret scanner, loaded on the first save: it is not needed to show the log, and the
 * start-up code stays small. If it cannot load, the entry is saved unchecked: a lost entry
 * is worse than a missed warning.
 */
const loadSecretCheck = () => import('../../domain/log-entry-secrets').then((module) => module.secretsInEntry, () => null);

/**
 * The log entry being typed. The text lives here (and in storage) until the store says the
 * entry is durably written; a failed save keeps every character and says why.
 */
export function createEntryDraft(deps: EntryDraftDeps) {
  const now = deps.now ?? (() => new Date());
  const key = () => `muster:entry-draft:${deps.workspaceId()}`;
  // incident_id stays '' until chosen: the entry goes to whatever incident is current when it is saved.
  const blank = (): StoredDraft => ({ draft: emptyLogDraft('', now()), corrects: null, timeTouched: false });
  const restored = (() => {
    try {
      const raw = deps.storage?.getItem(key());
      return raw ? (JSON.parse(raw) as StoredDraft) : null;
    } catch {
      return null;
    }
  })();
  const [state, setState] = createSignal<StoredDraft>(restored ?? blank());
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [saveError, setSaveError] = createSignal<string | null>(null);
  const [saving, setSaving] = createSignal(false);
  const [secretWarning, setSecretWarning] = createSignal<SecretWarning | null>(null);

  const persist = (next: StoredDraft) => {
    setState(next);
    try {
      deps.storage?.setItem(key(), JSON.stringify(next));
    } catch {
      // Storage full: the text is still in memory and on screen.
    }
  };

  const pristine = () => (state().corrects ? draftFromEntry(state().corrects as LogEntry) : blank().draft);
  const unsaved: Accessor<boolean> = () => hasUnsavedText(state().draft, pristine());

  return {
    draft: () => state().draft,
    corrects: () => state().corrects,
    timeTouched: () => state().timeTouched,
    errors,
    saveError,
    saving,
    unsaved,
    secretWarning,
    /** "Edit": the user goes back to the text; the next save checks it again. */
    dismissSecretWarning: () => setSecretWarning(null),
    set(field: LogFieldName, value: string) {
      const current = state();
      persist({ ...current, draft: { ...current.draft, [field]: value }, timeTouched: current.timeTouched || field === 'occurred_at' });
      if (errors()[field]) setErrors({ ...errors(), [field]: undefined });
      // The warning was about the text before this change; "Save anyway" must not skip the new text.
      setSecretWarning(null);
    },
    /** Starts a new entry that corrects or completes `entry`; the original stays as it is. */
    startCorrection(entry: LogEntry) {
      persist({ draft: draftFromEntry(entry), corrects: entry, timeTouched: true });
      setErrors({});
      setSaveError(null);
      setSecretWarning(null);
    },
    reset() {
      persist(blank());
      deps.storage?.removeItem(key());
      setErrors({});
      setSaveError(null);
      setSecretWarning(null);
    },
    /**
     * Validates and saves. On any failure the draft is kept, untouched. Text that looks like
     * a secret is not saved until the user chose "Save anyway" (`allowSecrets`), Step 7.
     */
    async save(options: { allowSecrets?: boolean } = {}): Promise<SaveOutcome> {
      const current = state();
      const occurredAt = current.timeTouched ? current.draft.occurred_at : now().toISOString();
      const incident = current.draft.incident_id || deps.incidentId() || '';
      const checked = validateLogDraft({ ...current.draft, occurred_at: occurredAt, incident_id: incident });
      if (!checked.ok) {
        setErrors(checked.errors);
        return { saved: false, message: 'Check the highlighted fields.' };
      }
      setSaving(true);
      setSaveError(null);
      try {
        const secretsInEntry = options.allowSecrets ? null : await loadSecretCheck();
        const secrets = secretsInEntry ? secretsInEntry(checked.fields) : null;
        setSecretWarning(secrets);
        if (secrets) return { saved: false, message: secrets.message };
        const entry = await appendLogEntry(deps.db, checked.fields, {
          workspace_id: deps.workspaceId(),
          author: deps.author(),
          corrects: current.corrects?.id ?? null,
        });
        persist(blank());
        deps.storage?.removeItem(key());
        return { saved: true, entry };
      } catch (error) {
        const message = toStoreError(error).message;
        setSaveError(message);
        return { saved: false, message };
      } finally {
        setSaving(false);
      }
    },
  };
}

export type EntryDraft = ReturnType<typeof createEntryDraft>;
