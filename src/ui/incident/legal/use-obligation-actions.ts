import type { Incident } from '../../../domain/incident';
import type { ObligationRecord } from '../../../domain/incident-records';
import { recordLegalTriggers, rescheduleObligations, type NoticeContext, type ObligationsRecorded } from '../../../store/obligation-records';
import { useMuster } from '../../app/muster-app';
import { useWorkflowSettings } from '../workflow-settings';

/**
 * Step 5's store actions for the open incident, with this workspace's notice periods and
 * time zone. Every screen is told afterwards, even after a partial failure: the
 * obligations written before it are real and logged.
 */
export function useObligationActions(incident: () => Incident) {
  const app = useMuster();
  const workflow = useWorkflowSettings();
  const context = (): NoticeContext => ({ timeZone: workflow().timeZone, owner: incident().comm_owner ?? '' });
  const input = (ticked: readonly string[]) => ({ incidentId: incident().id, ticked, periods: workflow().noticePeriods, context: context() });
  const refreshing = async (work: Promise<ObligationsRecorded>) => {
    try {
      return await work;
    } finally {
      app.logChanged();
    }
  };
  return {
    context,
    /** After a tick: the new duties, their clocks starting now. */
    recordTicks: (ticked: readonly string[]) => refreshing(recordLegalTriggers(app.db, app.settings(), input(ticked))),
    /** After the periods or the time zone changed, or to finish what a failed tick left undone. */
    reschedule: () => refreshing(rescheduleObligations(app.db, app.settings(), input(incident().triggers?.legal ?? []))),
  };
}

/** "2 new obligations and 1 extended, logged." for what a tick wrote. */
export function recordedStatus(written: readonly ObligationRecord[]): string {
  const created = written.filter((record) => record.version === 1).length;
  const extended = written.length - created;
  if (written.length === 0) return 'No new obligation: those parties are already on the list.';
  const parts = [created > 0 ? `${created} new ${created === 1 ? 'obligation' : 'obligations'}` : '', extended > 0 ? `${obligationCount(extended)} extended with this trigger` : ''];
  return `${parts.filter(Boolean).join(' and ')}, logged.`.replace(/^./, (first) => first.toUpperCase());
}

/** "1 obligation", "3 obligations". */
export function obligationCount(count: number): string {
  return `${count} ${count === 1 ? 'obligation' : 'obligations'}`;
}
