import { createMemo, createSignal } from 'solid-js';
import { CHANNEL_LABELS, safeChannelsFor } from '../../../domain/channels';
import { CONTACT_CHANNEL_LABELS } from '../../../domain/contact-methods';
import { checkEmployeeMessage } from '../../../domain/employee-message-check';
import { composeEmployeeMessage, lintEmployeeMessage } from '../../../domain/employee-instructions';
import type { Incident } from '../../../domain/incident';
import { fitLogField } from '../../../domain/log-field-fit';
import { recipientsLabel } from '../../../domain/message-recipients';
import { wordCount } from '../../../domain/templates';
import { useMuster } from '../../app/muster-app';
import { failureMessage, useIncidentActions } from '../incident-actions';
import { createGroupSending } from '../leadership/group-sending';
import { MarkAsSent } from '../leadership/MarkAsSent';
import { MessagePreview } from '../leadership/MessagePreview';
import { RecipientList } from '../leadership/RecipientList';
import { secretHold, SecretWarning } from '../leadership/SecretWarning';
import { SendButtons, type SendVia } from '../leadership/SendButtons';
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
  const [problem, setProblem] = createSignal('');
  const [status, setStatus] = createSignal('');
  const [saving, setSaving] = createSignal(false);

  const message = createMemo(() => composeEmployeeMessage({ ...draft(), incidentId: props.incident.id }));
  const findings = createMemo(() => lintEmployeeMessage(message().text));

  const group = createGroupSending('employee_group', () => props.incident, () => draft().excluded);
  /** Every change to the draft: stored at once; an earlier "not ready" or "logged" no longer applies. */
  const edit = (patch: Parameters<typeof store.update>[0]) => {
    store.update(patch);
    setProblem('');
    setStatus('');
  };
  const safeNow = () => safeChannelsFor(group.states()).map((channel) => CHANNEL_LABELS[channel]).join(', ') || 'none: meet in person';

  const readyToSend = (): boolean => {
    const checked = checkEmployeeMessage(message());
    const held = checked.ok ? secretHold(message().text, draft().secretsAcknowledged) : checked.message;
    setProblem(held ?? '');
    if (held && checked.ok) document.getElementById('ei-secret')?.focus();
    return held === null;
  };

  const sent = (via: SendVia) => {
    const channel = group.channelOf(via);
    if (channel) store.update({ sentOn: channel });
  };

  const markSent = async () => {
    if (!readyToSend()) return;
    const channel = draft().sentOn;
    if (channel === '' || !group.offers(channel)) {
      setProblem('Choose the channel the instructions went out on.');
      document.getElementById('ei-sent-channel')?.focus();
      return;
    }
    const text = message().text;
    const names = group.included().map((member) => member.contact.name);
    const instructions = text.split('\n').filter((line) => /^\d+\. /.test(line));
    setSaving(true);
    try {
      const entry = await actions.log(props.incident.id, {
        type: 'employee_instruction',
        contacted: recipientsLabel(names.length > 0 ? 'Employee groups' : 'Employees', names),
        method: CONTACT_CHANNEL_LABELS[channel],
        summary: fitLogField('message_summary', text),
        action: fitLogField('action_requested', instructions.join(' ')),
        owner: props.incident.comm_owner || undefined,
      });
      store.update({ sentOn: '', secretsAcknowledged: '' });
      setProblem('');
      setStatus(`Logged as #${entry.local_seq}: employee instructions sent by ${CONTACT_CHANNEL_LABELS[channel]}.`);
    } catch (error) {
      setProblem(failureMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section aria-labelledby="employee-instructions-title">
      <h2 id="employee-instructions-title">Instructions</h2>
      <InstructionPicker draft={draft()} safeChannels={safeNow()} onChange={edit} />
      <CustomInstructions custom={draft().custom} onChange={(custom) => edit({ custom })} />
      <h3>The message</h3>
      <MessagePreview testId="employee-message" subject={message().subject} text={message().text}>
        <p class="note">{wordCount(message().text)} words</p>
        <LintFindings findings={findings()} />
      </MessagePreview>
      <SecretWarning id="ei-secret" text={message().text} acknowledgedText={draft().secretsAcknowledged} onAcknowledge={(text) => edit({ secretsAcknowledged: text })} />
      <h3>Send to employees</h3>
      <RecipientList
        members={group.members()}
        excluded={draft().excluded}
        onInclude={(id, include) => edit({ excluded: include ? draft().excluded.filter((known) => known !== id) : [...draft().excluded, id] })}
        empty={
          <p class="empty">
            No employee groups yet: <a href="#contacts">add them in Contacts</a> (category Employee groups). You can still copy the message.
          </p>
        }
      />
      <SendButtons
        subject={message().subject}
        text={message().text}
        emails={group.addresses().emails.map((email) => email.address)}
        smsNumbers={group.addresses().smsNumbers}
        noun={['group', 'groups']}
        emailAllowed={group.email().allowed}
        emailWarning={group.email().warning}
        smsAllowed={group.offers('sms')}
        beforeSend={readyToSend}
        onSent={sent}
      />
      <MarkAsSent
        id="ei-sent"
        offered={group.channels().offered}
        hidden={group.channels().hidden}
        sentOn={draft().sentOn}
        onChoose={(channel) => edit({ sentOn: channel })}
        consequence={<>Logs the message as an employee instruction, with the channel it went out on.</>}
        buttonLabel="Mark as sent"
        saving={saving()}
        onMark={() => void markSent()}
        problem={problem()}
        status={status()}
      />
    </section>
  );
}
