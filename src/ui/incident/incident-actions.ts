/**
 * The incident screens' access to the store: each action changes the incident or a record,
 * writes its log entry, and refreshes what every screen shows (the incident list, the log,
 * the outbox badge), in this tab and the others.
 */
import type { Incident } from '../../domain/incident';
import type { IncidentRecord, IncidentRecordKind, RecordOfKind } from '../../domain/incident-records';
import { listRecords, logNote, saveRecord, updateIncident, type LogNote } from '../../store/incident-actions';
import { useMuster } from '../app/muster-app';

export function useIncidentActions() {
  const app = useMuster();
  return {
    async update(incidentId: string, change: (incident: Incident) => Incident | null, note: Parameters<typeof updateIncident>[4]) {
      const result = await updateIncident(app.db, app.settings(), incidentId, change, note);
      await app.reloadWorkspace();
      return result;
    },
    async save<R extends IncidentRecord>(record: R, note: LogNote | null) {
      const result = await saveRecord(app.db, app.settings(), record, note);
      app.logChanged();
      return result;
    },
    async log(incidentId: string, note: LogNote) {
      const entry = await logNote(app.db, app.settings(), incidentId, note);
      app.logChanged();
      return entry;
    },
    /** Re-read whenever the log changes (every record change writes an entry). */
    records<K extends IncidentRecordKind>(incidentId: string, kind: K): Promise<RecordOfKind<K>[]> {
      void app.logVersion();
      return listRecords(app.db, app.settings().workspace_id, incidentId, kind);
    },
  };
}

/** "Could not save: …" for an action that failed; nothing typed is lost (the form keeps it). */
export function failureMessage(error: unknown): string {
  const message = (error as Error).message;
  // Store errors already say "Not saved: …" and why.
  return /^not saved/i.test(message) ? message : `Not saved: ${message}`;
}
