import type { Incident } from '../../../domain/incident';
import { LeadershipTriggers } from '../leadership/LeadershipTriggers';
import { LeadershipUpdate } from '../leadership/LeadershipUpdate';
import { SentMessages } from '../shared/SentMessages';

/** Step 2: notify leadership early. When they must be told, the update itself, and the updates sent. */
export function LeadershipSection(props: { incident: Incident }) {
  return (
    <>
      <LeadershipTriggers incident={props.incident} />
      <LeadershipUpdate incident={props.incident} />
      <h2>Updates sent</h2>
      <SentMessages incidentId={props.incident.id} type="leadership_update" deadlineLabel="Next update promised for" empty="No leadership update sent for this incident yet." />
    </>
  );
}
