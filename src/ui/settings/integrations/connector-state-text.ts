import { isChatKind, isStatusPageKind, type ConnectorKind, type ConnectorState } from '../../../domain/connectors';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** What "nothing sent yet" and "working" mean for each family: chat posts, a status page publishes, the others are checked. */
function wording(kind: ConnectorKind): { untested: string; lastOk: string } {
  if (isChatKind(kind)) return { untested: 'Set up; nothing posted yet (send a test).', lastOk: 'last post' };
  if (isStatusPageKind(kind)) return { untested: 'Set up, nothing published yet.', lastOk: 'last published' };
  return { untested: 'Set up; not checked yet (check the connection).', lastOk: 'last reached' };
}

/** A connector's state in a sentence, for its card. */
export function connectorStateText(state: ConnectorState, kind: ConnectorKind): string {
  switch (state.kind) {
    case 'not_set_up':
      return 'Not set up.';
    case 'untested':
      return wording(kind).untested;
    case 'working':
      return `Working: ${wording(kind).lastOk} ${when(state.lastOkAt)}.`;
    case 'failing':
      return `Failing since ${when(state.at)}: ${state.error}`;
    case 'paused':
      return `${state.reason}.`;
  }
}
