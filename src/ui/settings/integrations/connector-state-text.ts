import type { ConnectorState } from '../../../domain/connectors';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A connector's state in a sentence, for its card. */
export function connectorStateText(state: ConnectorState): string {
  switch (state.kind) {
    case 'not_set_up':
      return 'Not set up.';
    case 'untested':
      return 'Set up, nothing posted yet: send a test.';
    case 'working':
      return `Working: last post ${when(state.lastOkAt)}.`;
    case 'failing':
      return `Failing since ${when(state.at)}: ${state.error}`;
    case 'paused':
      return `${state.reason}.`;
  }
}
