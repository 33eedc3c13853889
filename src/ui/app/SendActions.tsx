import { Show } from 'solid-js';
import { canShare, copyText, mailHref, shareText, smsHref } from '../templates/share-message';

/** The way a finished message left Muster. */
export type SendVia = 'copy' | 'share' | 'sms' | 'email';

/**
 * Takes a finished message away from Muster: Copy, the share sheet (where the phone has
 * one), Text (SMS) and Email. What happened is handed to `onStatus` for the caller's status
 * line (a cancelled share sheet clears it); `onUsed` hears which way the message left.
 */
export function SendActions(props: {
  /** Mail subject and share title; '' when the text stands alone (a statement): Copy then takes the text only. */
  subject: string;
  text: string;
  copyLabel?: string;
  /** Copying is the main way out (a template, the channel notice): its button stands out. */
  copyPrimary?: boolean;
  /** Said once copied, e.g. where to paste it; "Copied." otherwise. */
  copiedStatus?: string;
  /** Step 7: false hides SMS or Email while that channel is not usable. */
  sms?: boolean;
  email?: boolean;
  /** SMS and Email on a row of their own, under Copy and Share. */
  linksOnOwnRow?: boolean;
  onStatus: (status: string) => void;
  onUsed?: (via: SendVia) => void;
}) {
  const copy = async () => {
    const copied = await copyText(props.subject ? `${props.subject}\n\n${props.text}` : props.text);
    props.onStatus(copied ? (props.copiedStatus ?? 'Copied.') : 'Could not copy: select the text and copy it by hand.');
    if (copied) props.onUsed?.('copy');
  };
  const share = async () => {
    const shared = await shareText(props.subject, props.text);
    props.onStatus(shared ? 'Shared.' : '');
    if (shared) props.onUsed?.('share');
  };
  const links = () => (
    <>
      <Show when={props.sms !== false}>
        <a class="button secondary" href={smsHref(props.text)} onClick={() => props.onUsed?.('sms')}>
          Text (SMS)
        </a>
      </Show>
      <Show when={props.email !== false}>
        <a class="button secondary" href={mailHref(props.subject, props.text)} onClick={() => props.onUsed?.('email')}>
          Email
        </a>
      </Show>
    </>
  );
  return (
    <>
      <div class="form-actions">
        <button type="button" class={props.copyPrimary ? 'primary' : 'secondary'} onClick={copy}>
          {props.copyLabel ?? 'Copy'}
        </button>
        <Show when={canShare()}>
          <button type="button" class="secondary" onClick={share}>
            Share
          </button>
        </Show>
        <Show when={!props.linksOnOwnRow}>{links()}</Show>
      </div>
      <Show when={props.linksOnOwnRow}>
        <div class="form-actions">{links()}</div>
      </Show>
    </>
  );
}
