import type { Incident } from '../../../domain/incident';
import type { TicketAttachment } from '../../../store/tickets';
import { useMuster } from '../../app/muster-app';
import { useFollowUpReminders } from '../follow-up-reminders';
import { useIncidentActions } from '../incident-actions';
import { useWorkflowSettings } from '../workflow-settings';
import { TicketAction } from './TicketAction';
import { followUpTasks, incidentLogFileName, incidentTicketText, incidentTicketTitle, TICKET_ATTACHMENT_MAX, withLogLeftOut } from './ticket-texts';

/**
 * The cockpit's "Ticket" card: one ticket for the whole incident in the team's ticket tool,
 * with a plain summary, the open follow-ups as tasks and this phone's communication log as
 * CSV. Shown only when a ticket tool is set up or a ticket exists.
 */
export function IncidentTicketCard(props: { incident: Incident }) {
  const app = useMuster();
  const actions = useIncidentActions();
  const workflow = useWorkflowSettings();
  const followUps = useFollowUpReminders().items;

  // Set by attachment(), which TicketAction asks first: the text then says why the log is not attached.
  let logLeftOut: number | null = null;
  const text = async () => {
    const summary = incidentTicketText(props.incident, {
      timeZone: workflow().timeZone,
      vendorRequests: await actions.records(props.incident.id, 'vendor_request'),
      followUps: followUps(),
      now: new Date(),
    });
    return logLeftOut === null ? summary : withLogLeftOut(summary, logLeftOut);
  };

  // Loaded on the press: the CSV writer is not part of the cockpit's code.
  const attachment = async (): Promise<TicketAttachment | null> => {
    const [{ readIncidentLog }, { csvChunk }] = await Promise.all([import('../../../store/incident-export'), import('../../../domain/export/log-csv')]);
    const entries = await readIncidentLog(app.db, app.settings().workspace_id, props.incident.id);
    const csv = csvChunk(entries, true);
    // Over the function's limit the ticket goes without it, and says so: the export holds the whole log.
    logLeftOut = csv.length > TICKET_ATTACHMENT_MAX ? entries.length : null;
    return logLeftOut !== null ? null : { name: incidentLogFileName(props.incident.id), contentType: 'text/csv', text: csv };
  };

  return (
    <TicketAction
      incidentId={props.incident.id}
      subject="incident"
      about={`incident ${props.incident.id}`}
      title={() => incidentTicketTitle(props.incident)}
      text={text}
      tasks={() => followUpTasks(followUps())}
      attachment={attachment}
      card
    >
      <h2>Ticket</h2>
    </TicketAction>
  );
}
