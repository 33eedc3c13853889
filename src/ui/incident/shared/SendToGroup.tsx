import type { JSX } from 'solid-js';
import type { GroupMessage, GroupMessageDraft } from './group-message';
import { MarkAsSent } from './MarkAsSent';
import { RecipientList } from './RecipientList';
import { SendButtons } from './SendButtons';

/**
 * Steps 2 and 3's sending: whom (each of the group's contacts can be left out), the buttons
 * that hand the message to the phone once `beforeSend` allows it, and "Mark as sent", which
 * logs it (`onMark`).
 */
export function SendToGroup(props: {
  message: GroupMessage;
  draft: GroupMessageDraft;
  subject: string;
  text: string;
  /** What the addresses are, singular and plural: ['person', 'people'], ['group', 'groups']. */
  noun: readonly [string, string];
  /** Said when the group has no contacts yet. */
  empty: JSX.Element;
  beforeSend: () => boolean;
  /** What marking it sent will log and change, in a sentence. */
  consequence: JSX.Element;
  onMark: () => void;
}) {
  const group = () => props.message.group;
  const include = (contactId: string, included: boolean) =>
    props.message.edit({ excluded: included ? props.draft.excluded.filter((known) => known !== contactId) : [...props.draft.excluded, contactId] });
  return (
    <>
      <RecipientList members={group().members()} excluded={props.draft.excluded} onInclude={include} empty={props.empty} />
      <SendButtons
        subject={props.subject}
        text={props.text}
        emails={group().addresses().emails.map((email) => email.address)}
        smsNumbers={group().addresses().smsNumbers}
        noun={props.noun}
        emailAllowed={group().email().allowed}
        emailWarning={group().email().warning}
        smsAllowed={group().offers('sms')}
        beforeSend={props.beforeSend}
        onSent={(via) => props.message.used(via)}
      />
      <MarkAsSent
        id={`${props.message.id}-sent`}
        offered={group().channels().offered}
        hidden={group().channels().hidden}
        sentOn={props.draft.sentOn}
        onChoose={(channel) => props.message.edit({ sentOn: channel })}
        consequence={props.consequence}
        buttonLabel="Mark as sent"
        saving={props.message.saving()}
        onMark={() => props.onMark()}
        problem={props.message.problem()}
        status={props.message.status()}
      />
    </>
  );
}
