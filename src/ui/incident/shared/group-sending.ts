import { createMemo, createResource, type Accessor } from 'solid-js';
import type { ChannelStates } from '../../../domain/channels';
import type { ContactChannel } from '../../../domain/contact-methods';
import type { ContactCategory } from '../../../domain/contacts';
import type { Incident } from '../../../domain/incident';
import { emailOffer, groupAddresses, groupMembers, sendingChannels } from '../../../domain/message-recipients';
import { listContacts } from '../../../store/workspace-repository';
import { useMuster } from '../../app/muster-app';
import type { SendVia } from '../../app/SendActions';

/**
 * A group message's recipients and channels for this incident: the contacts of `category`
 * (less those left out), their addresses, and the channels Step 7 leaves usable. Shared by
 * Steps 2 and 3.
 */
export function createGroupSending(category: ContactCategory, incident: Accessor<Incident>, excluded: Accessor<readonly string[]>) {
  const app = useMuster();
  const [contacts] = createResource(() => app.settings().workspace_id, (workspaceId) => listContacts(app.db, workspaceId));
  const states = () => (incident().channels ?? {}) as ChannelStates;
  // Read only once settled: reading a loading resource would suspend the whole section.
  const members = createMemo(() => groupMembers(contacts.state === 'ready' ? contacts() : [], category, states()));
  const included = () => members().filter((member) => !excluded().includes(member.contact.id));
  const addresses = createMemo(() => groupAddresses(included()));
  const channels = createMemo(() => sendingChannels(states()));
  const offers = (channel: ContactChannel) => channels().offered.some((offered) => offered.channel === channel);
  const email = createMemo(() => emailOffer(addresses().emails, states()));
  return {
    states,
    members,
    included,
    addresses,
    channels,
    offers,
    email,
    /** The channel a send button used, to preselect in "How it was sent"; null for copy and share. */
    channelOf(via: SendVia): ContactChannel | null {
      if (via === 'sms') return 'sms';
      if (via !== 'email') return null;
      return addresses().emails[0]?.channel ?? (offers('corporate_email') ? 'corporate_email' : 'personal_email');
    },
  };
}
