import type { Incident } from '../../../domain/incident';
import { DecisionForm } from '../decisions/DecisionForm';
import { DecisionList } from '../decisions/DecisionList';
import { FollowUpList } from '../decisions/FollowUpList';
import { ReminderAlerts } from '../decisions/ReminderAlerts';

/** Step 8: record decisions, and keep every follow-up in one list until it is done. All of it goes into the log. */
export function DecisionsSection(props: { incident: Incident }) {
  return (
    <>
      <ReminderAlerts />
      <p class="note">Each decision and each follow-up marked done is written to the communication log; there is nothing to log twice.</p>
      <FollowUpList />
      <DecisionForm incident={props.incident} />
      <DecisionList incident={props.incident} />
    </>
  );
}
