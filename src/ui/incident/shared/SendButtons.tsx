import { createSignal, Show } from 'solid-js';
import { groupMailHref, groupSmsHref } from '../../../domain/message-recipients';
import type { SendVia } from '../../app/SendActions';
import { StatusNote } from '../../app/StatusNote';
import { canShare, copyText, mailHref, shareText, smsHref } from '../../templates/share-message';

/**
 * Hands the message to the phone: mail or SMS to the ticked recipients, copy, or the share
 * sheet. Each first asks `beforeSend` (required fields, secrets) and does nothing when it
 * says no. Nothing here knows whether the message really left: the user says so with
 * "Mark as sent". Shared by Steps 2 and 3.
 */
export function SendButtons(props: {
  subject: string;
  text: string;
  emails: readonly string[];
  smsNumbers: readonly string[];
  /** What the addresses are, singular and plural: ['person', 'people'], ['group', 'groups']. */
  noun: readonly [string, string];
  /** emailOffer(): whether email may be used at all (Step 7), and what to mind. */
  emailAllowed: boolean;
  emailWarning: string | null;
  smsAllowed: boolean;
  beforeSend: () => boolean;
  onSent: (via: SendVia) => void;
}) {
  const [status, setStatus] = createSignal('');
  const count = (n: number) => `${n} ${n === 1 ? props.noun[0] : props.noun[1]}`;
  const opened = (via: SendVia) => (event: MouseEvent) => {
    setStatus('');
    if (!props.beforeSend()) return event.preventDefault();
    props.onSent(via);
    setStatus(`Your ${via === 'email' ? 'mail' : 'messaging'} app opens with the text. Once it has gone, tap “Mark as sent”.`);
  };
  const copy = async () => {
    setStatus('');
    if (!props.beforeSend()) return;
    const copied = await copyText(`${props.subject}\n\n${props.text}`);
    if (copied) props.onSent('copy');
    setStatus(copied ? 'Copied. Paste it into a safe channel, then tap “Mark as sent”.' : 'Could not copy: select the text above and copy it by hand.');
  };
  const share = async () => {
    setStatus('');
    if (!props.beforeSend()) return;
    const shared = await shareText(props.subject, props.text);
    if (shared) props.onSent('share');
    setStatus(shared ? 'Shared. Once it has gone, tap “Mark as sent”.' : '');
  };

  return (
    <>
      <div class="form-actions send-actions">
        <Show when={props.emailAllowed}>
          <a class="button primary" href={props.emails.length > 0 ? groupMailHref(props.emails, props.subject, props.text) : mailHref(props.subject, props.text)} onClick={opened('email')}>
            {props.emails.length > 0 ? `Email ${count(props.emails.length)}` : 'Email'}
          </a>
        </Show>
        <Show when={props.smsAllowed}>
          <a class="button primary" href={props.smsNumbers.length > 0 ? groupSmsHref(props.smsNumbers, props.text) : smsHref(props.text)} onClick={opened('sms')}>
            {props.smsNumbers.length > 0 ? `Text ${count(props.smsNumbers.length)}` : 'Text (SMS)'}
          </a>
        </Show>
        <button type="button" class="secondary" onClick={() => void copy()}>
          Copy text
        </button>
        <Show when={canShare()}>
          <button type="button" class="secondary" onClick={() => void share()}>
            Share…
          </button>
        </Show>
      </div>
      <Show when={props.emailAllowed && props.emailWarning}>
        <p class="finding">{props.emailWarning}</p>
      </Show>
      <StatusNote text={status()} />
    </>
  );
}
