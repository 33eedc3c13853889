import { createSignal, type Accessor } from 'solid-js';
import type { ContactChannel } from '../../../domain/contact-methods';
import type { ContactCategory } from '../../../domain/contacts';
import type { Incident } from '../../../domain/incident';
import { secretHold } from '../../app/LiveSecretWarning';
import type { SendVia } from '../../app/SendActions';
import { failureMessage } from '../incident-actions';
import { createGroupSending } from './group-sending';

/** What a stored draft of Steps 2 and 3 keeps besides the text itself. */
export interface GroupMessageDraft {
  /** How it went out, for the log; '' until chosen or a send button was used. */
  sentOn: ContactChannel | '';
  /** The group's contacts left out of this message (ids): new contacts are included by default. */
  excluded: string[];
  /** The text the user confirmed holds no secret, despite the scanner's warning. */
  secretsAcknowledged: string;
}

/**
 * A group message of Steps 2 and 3 on its way out: its recipients (the contacts of
 * `category`, less those left out), what keeps it from leaving the phone (`problem`), and
 * marking it sent. `id` prefixes the controls it focuses: `${id}-secret`, `${id}-sent-channel`.
 */
export function createGroupMessage<D extends GroupMessageDraft>(options: {
  id: string;
  category: ContactCategory;
  incident: Accessor<Incident>;
  store: { draft: Accessor<D>; update: (patch: Partial<D>) => void };
  text: Accessor<string>;
}) {
  const { id, store } = options;
  const [problem, setProblem] = createSignal('');
  const [status, setStatus] = createSignal('');
  const [saving, setSaving] = createSignal(false);
  const group = createGroupSending(options.category, options.incident, () => store.draft().excluded);
  return {
    id,
    group,
    problem,
    setProblem,
    status,
    saving,
    /** Every change to the draft: stored at once; an earlier "not ready" or "logged" no longer applies. */
    edit(patch: Partial<D>) {
      store.update(patch);
      setProblem('');
      setStatus('');
    },
    /** A send button was used: its channel is preselected in "How it was sent". */
    used(via: SendVia) {
      const channel = group.channelOf(via);
      if (channel) store.update({ sentOn: channel } as Partial<D>);
    },
    /** Step 7: false, saying why and focusing the confirmation, while the text holds a secret not confirmed as harmless. */
    secretsCleared(): boolean {
      const held = secretHold(options.text(), store.draft().secretsAcknowledged);
      setProblem(held ?? '');
      if (held) document.getElementById(`${id}-secret`)?.focus();
      return held === null;
    },
    /**
     * "Mark as sent": once `ready()` and a channel still offered is chosen (else `chooseChannel`
     * says so), `log` writes the log entry and returns what to tell the user; the draft then
     * forgets the channel and the confirmation, ready for the next message.
     */
    async markSent(ready: () => boolean, chooseChannel: string, log: (channel: ContactChannel) => Promise<string>) {
      if (!ready()) return;
      const channel = store.draft().sentOn;
      if (channel === '' || !group.offers(channel)) {
        setProblem(chooseChannel);
        document.getElementById(`${id}-sent-channel`)?.focus();
        return;
      }
      setSaving(true);
      try {
        const logged = await log(channel);
        store.update({ sentOn: '', secretsAcknowledged: '' } as Partial<D>);
        setProblem('');
        setStatus(logged);
      } catch (error) {
        setProblem(failureMessage(error));
      } finally {
        setSaving(false);
      }
    },
  };
}

export type GroupMessage = ReturnType<typeof createGroupMessage>;
