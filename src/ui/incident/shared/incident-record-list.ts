import { createEffect, createResource } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { IncidentRecordKind, RecordOfKind } from '../../../domain/incident-records';
import { useMuster } from '../../app/muster-app';
import { useIncidentActions } from '../incident-actions';

/**
 * An incident's records of one kind, re-read after every logged action (here, in another
 * tab, or pulled by sync). Rows keep their identity by id, so a form open on one survives
 * the refresh, and a refresh never blanks the section behind the Suspense fallback.
 */
export function createIncidentRecordList<K extends IncidentRecordKind>(incidentId: () => string, kind: K): () => RecordOfKind<K>[] {
  const app = useMuster();
  const actions = useIncidentActions();
  const [records] = createResource(
    () => ({ incidentId: incidentId(), version: app.logVersion() }),
    (source) => actions.records(source.incidentId, kind),
  );
  const [list, setList] = createStore<{ rows: RecordOfKind<K>[] }>({ rows: [] });
  // A user effect reads `latest` without suspending: the previous rows stay on screen while reading.
  createEffect(() => {
    if (records.error) return;
    const next = records.latest;
    if (next) setList('rows', reconcile(next, { key: 'id' }));
  });
  return () => list.rows;
}
