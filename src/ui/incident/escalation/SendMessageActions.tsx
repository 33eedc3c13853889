import { createSignal, Show } from 'solid-js';
import { canShare, copyText, mailHref, shareText, smsHref } from '../../templates/share-message';

export type SentVia = 'copy' | 'share' | 'sms' | 'email';

/** Take a finished message away from Muster: copy, the share sheet, SMS or mail. */
export function SendMessageActions(props: { subject: string; text: string; onUsed: (via: SentVia) => void }) {
  const [status, setStatus] = createSignal('');
  const copy = async () => {
    const copied = await copyText(`${props.subject}\n\n${props.text}`);
    setStatus(copied ? 'Copied: paste it into the vendor’s portal, chat or mail.' : 'Could not copy: select the text and copy it by hand.');
    if (copied) props.onUsed('copy');
  };
  const share = async () => {
    if (await shareText(props.subject, props.text)) {
      setStatus('Shared.');
      props.onUsed('share');
    }
  };
  return (
    <>
      <div class="form-actions">
        <button type="button" class="secondary" onClick={copy}>
          Copy
        </button>
        <Show when={canShare()}>
          <button type="button" class="secondary" onClick={share}>
            Share
          </button>
        </Show>
        <a class="button secondary" href={smsHref(props.text)} onClick={() => props.onUsed('sms')}>
          Text (SMS)
        </a>
        <a class="button secondary" href={mailHref(props.subject, props.text)} onClick={() => props.onUsed('email')}>
          Email
        </a>
      </div>
      <p class="note" role="status">
        {status()}
      </p>
    </>
  );
}
