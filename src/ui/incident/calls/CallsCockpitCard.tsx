import { myCalls } from '../../../domain/call-tree';
import { useMuster } from '../../app/muster-app';
import { useIncidentCalls } from './incident-calls';

/** The cockpit's line on the call trees: how far the calling has got, and how many calls are this phone's user's. */
export function CallsCockpitCard(props: { incidentId: string }) {
  const app = useMuster();
  const calls = useIncidentCalls();
  const runs = () => calls.runs().filter((view) => view.run.incident_id === props.incidentId);
  const summary = () => {
    if (runs().length === 0) return 'No call tree running.';
    const total = { reached: 0, pending: 0, failed: 0, waiting: 0, mine: 0 };
    for (const view of runs()) {
      const progress = view.state.progress;
      total.reached += progress.reached;
      total.pending += progress.pending;
      total.failed += progress.failed;
      total.waiting += progress.waiting;
      total.mine += myCalls(view.state, app.settings().author_name.trim()).length;
    }
    return `${total.reached} reached, ${total.pending} pending, ${total.failed} failed, ${total.waiting} waiting${total.mine > 0 ? `; ${total.mine} for you to call` : ''}`;
  };
  return (
    <li class="cockpit-card">
      <h2>Calls</h2>
      <p classList={{ urgent: runs().some((view) => view.state.progress.failed > 0) }} data-testid="cockpit-calls">
        {summary()}
      </p>
      <a class="card-link" href="#incident/calls">
        My calls and progress
      </a>
    </li>
  );
}
