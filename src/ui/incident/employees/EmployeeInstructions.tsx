import { createMemo } from 'solid-js';
import { CHANNEL_LABELS, safeChannelsFor } from '../../../domain/channels';
import { CONTACT_CHANNEL_LABELS } from '../../../domain/contact-methods';
import { checkEmployeeMessage } from '../../../domain/employee-message-check';
import { composeEmployeeMessage, lintEmployeeMessage } from '../../../domain/employee-instructions';
import type { Incident } from '../../../domain/incident';
import { fitLogField } from '../../../domain/log-field-fit';
import { recipientsLabel } from '../../../domain/message-recipients';
import { wordCount } from '../../../domain/templates';
import { LiveSecretWarning } from '../../app/LiveSecretWarning';
import { useMuster } from '../../app/muster-app';
import { useIncidentActions } from '../incident-actions';
import { createGroupMessage } from '../shared/group-message';
import { MessagePreview } from '../shared/MessagePreview';
import { PostToChat } from '../shared/PostToChat';
import { SendToGroup } from '../shared/SendToGroup';
import { CustomInstructions } from './CustomInstructions';
import { createEmployeeDraft } from './employee-draft';
import { InstructionPicker } from './InstructionPicker';
import { LintFindings } from './LintFindings';

/** Step 3: pick the instructions, check the wording, send on a channel that is not compromised, log it. */
export function EmployeeInstructions(props: { incident: Incident }) {
  const app = useMuster();
  const actions = useIncidentActions();
  const store = createEmployeeDraft(() => app.settings().workspace_id, () => props.incident);
  const draft = store.draft;

  const message = createMemo(() => composeEmployeeMessage({ ...draft(), incidentId: props.incident.id }));
  const findings = createMemo(() => lintEmployeeMessage(message().text));
  const sending = createGroupMessage({ id: 'ei', category: 'employee_group', incident: () => props.incident, store, text: () => message().text });
  const safeNow = () => safeChannelsFor(sending.group.states()).map((channel) => CHANNEL_LABELS[channel]).join(', ') || 'none: meet in person';

  const readyToSend = (): boolean => {
    const checked = checkEmployeeMessage(message());
    if (!checked.ok) {
      sending.setProblem(checked.message);
      return false;
    }
    return sending.secretsCleared();
  };

  const markSent = () =>
    sending.markSent(readyToSend, 'Choose the channel the instructions went out on.', async (channel) => {
      const text = message().text;
      const names = sending.group.included().map((member) => member.contact.name);
      const instructions = text.split('\n').filter((line) => /^\d+\. /.test(line));
      const entry = await actions.log(props.incident.id, {
        type: 'employee_instruction',
        contacted: recipientsLabel(names.length > 0 ? 'Employee groups' : 'Employees', names),
        method: CONTACT_CHANNEL_LABELS[channel],
        summary: fitLogField('message_summary', text),
        action: fitLogField('action_requested', instructions.join(' ')),
        owner: props.incident.comm_owner || undefined,
      });
      return `Logged as #${entry.local_seq}: employee instructions sent by ${CONTACT_CHANNEL_LABELS[channel]}.`;
    });

  return (
    <section aria-labelledby="employee-instructions-title">
      <h2 id="employee-instructions-title">Instructions</h2>
      <InstructionPicker draft={draft()} safeChannels={safeNow()} onChange={sending.edit} />
      <CustomInstructions custom={draft().custom} onChange={(custom) => sending.edit({ custom })} />
      <h3>The message</h3>
      <MessagePreview testId="employee-message" subject={message().subject} text={message().text}>
        <p class="note">{wordCount(message().text)} words</p>
        <LintFindings findings={findings()} />
      </MessagePreview>
      <LiveSecretWarning text={message().text} acknowledge={{ id: 'ei-secret', acknowledgedText: draft().secretsAcknowledged, onAcknowledge: (text) => sending.edit({ secretsAcknowledged: text }) }} />
      <h3>Send to employees</h3>
      <SendToGroup
        message={sending}
        draft={draft()}
        subject={message().subject}
        text={message().text}
        noun={['group', 'groups']}
        empty={
          <p class="empty">
            No employee groups yet: <a href="#contacts">add them in Contacts</a> (category Employee groups). You can still copy the message.
          </p>
        }
        beforeSend={readyToSend}
        consequence={<>Logs the message as an employee instruction, with the channel it went out on.</>}
        onMark={() => void markSent()}
      />
      <PostToChat incidentId={props.incident.id} source="employee_instruction" text={message().text} states={sending.group.states()} beforePost={readyToSend} />
    </section>
  );
}
