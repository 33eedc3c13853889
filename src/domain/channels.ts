import type { ContactChannel } from './contact-methods';

/**
 * Step 7: "If the incident may involve email, chat, identity systems, or admin accounts,
 * consider whether normal communication channels are still safe." Each incident marks
 * each of these channels safe, suspect or compromised.
 */
export const CHANNELS = [
  'corporate_email',
  'chat',
  'identity_provider',
  'admin_accounts',
  'phone',
  'sms',
  'personal_email',
  'bridge',
  'muster_backend',
] as const;

export type IncidentChannel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<IncidentChannel, string> = {
  corporate_email: 'Corporate email',
  chat: 'Chat',
  identity_provider: 'Identity provider / SSO',
  admin_accounts: 'Admin accounts',
  phone: 'Phone calls',
  sms: 'SMS',
  personal_email: 'Personal email',
  bridge: 'Conference bridge',
  muster_backend: 'Muster backend',
};

export const CHANNEL_SAFETY = ['safe', 'suspect', 'compromised'] as const;

export type ChannelSafety = (typeof CHANNEL_SAFETY)[number];

export const CHANNEL_SAFETY_LABELS: Record<ChannelSafety, string> = {
  safe: 'Safe',
  suspect: 'Suspect',
  compromised: 'Compromised',
};

/** An incident's channel states; a channel nobody marked is safe. */
export type ChannelStates = Partial<Record<IncidentChannel, ChannelSafety>>;

/**
 * Corporate email and chat sign in through the identity provider: whoever holds the SSO
 * can read them. Their effective state is the worse of their own and the provider's.
 */
const SIGNS_IN_THROUGH: Partial<Record<IncidentChannel, IncidentChannel>> = {
  corporate_email: 'identity_provider',
  chat: 'identity_provider',
};

/**
 * The incident channel a contact method travels over. A vendor's support portal and a
 * meeting in person use none of the company's channels, so no marking hides them.
 */
export const CHANNEL_OF_METHOD: Record<ContactChannel, IncidentChannel | null> = {
  phone: 'phone',
  sms: 'sms',
  personal_email: 'personal_email',
  corporate_email: 'corporate_email',
  chat: 'chat',
  bridge: 'bridge',
  portal: null,
  in_person: null,
};

/**
 * Channels people talk on (the identity provider, admin accounts and the backend are not),
 * in the order to suggest them: out-of-band first, company systems last.
 */
export const TALK_CHANNELS: readonly IncidentChannel[] = ['phone', 'sms', 'bridge', 'personal_email', 'chat', 'corporate_email'];

const RANK: Record<ChannelSafety, number> = { safe: 0, suspect: 1, compromised: 2 };

/** Unset is safe; a stored value this version does not know is treated as suspect, to be safe. */
export function channelSafety(channel: IncidentChannel, states: ChannelStates): ChannelSafety {
  const stored = states[channel];
  if (stored === undefined) return 'safe';
  return CHANNEL_SAFETY.includes(stored) ? stored : 'suspect';
}

/** The channel's own state, or its identity provider's when that is worse. */
export function effectiveSafety(channel: IncidentChannel, states: ChannelStates): { state: ChannelSafety; because: IncidentChannel } {
  const own = channelSafety(channel, states);
  const via = SIGNS_IN_THROUGH[channel];
  if (via !== undefined && RANK[channelSafety(via, states)] > RANK[own]) return { state: channelSafety(via, states), because: via };
  return { state: own, because: channel };
}

export interface MethodUsability {
  /** False hides the method from suggestions; where it is still shown, it carries the warning. */
  usable: boolean;
  warning: string | null;
}

function reason(channel: IncidentChannel, because: IncidentChannel, state: ChannelSafety): string {
  const marked = `marked ${state}`;
  return channel === because
    ? `${CHANNEL_LABELS[channel]} is ${marked}`
    : `${CHANNEL_LABELS[channel]} signs in through ${CHANNEL_LABELS[because]}, which is ${marked}`;
}

/**
 * Compromised: not usable. Suspect: usable, with Step 7's warning not to discuss sensitive
 * details or send secrets on it.
 */
export function methodUsable(methodChannel: ContactChannel, states: ChannelStates): MethodUsability {
  const channel = CHANNEL_OF_METHOD[methodChannel];
  if (channel === null) return { usable: true, warning: null };
  const { state, because } = effectiveSafety(channel, states);
  if (state === 'compromised') return { usable: false, warning: `${reason(channel, because, state)}: do not use it for this incident.` };
  if (state === 'suspect')
    return {
      usable: true,
      warning: `${reason(channel, because, state)}: no sensitive incident details, passwords, tokens, evidence files or logs on it.`,
    };
  return { usable: true, warning: null };
}

/** Contact methods to suggest, in their given order: those on compromised channels left out. */
export function suggestedMethods<M extends { channel: ContactChannel }>(methods: readonly M[], states: ChannelStates): M[] {
  return methods.filter((method) => methodUsable(method.channel, states).usable);
}

/** Talk channels that are safe, their identity provider included, in TALK_CHANNELS order. */
export function safeChannelsFor(states: ChannelStates): IncidentChannel[] {
  return TALK_CHANNELS.filter((channel) => effectiveSafety(channel, states).state === 'safe');
}

export interface AlternateChannelNoticeInput {
  states: ChannelStates;
  /** A link or dial-in for the response team's bridge; left out while the bridge is not safe. */
  bridgeUrl?: string | null;
  /** Where to meet when nothing else works. */
  meetingPoint?: string | null;
  incidentId: string;
}

export interface AlternateChannelNotice {
  subject: string;
  text: string;
}

const oneLine = (value: string | null | undefined) => (value ?? '').trim().replace(/\s+/g, ' ');

function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * Step 7's message to the response team: which channels to stop using (suspect ones too:
 * the team moves before a doubt is confirmed), which to use, and where to join.
 */
export function alternateChannelNotice(input: AlternateChannelNoticeInput): AlternateChannelNotice {
  const incidentId = oneLine(input.incidentId);
  const avoid = CHANNELS.filter((channel) => TALK_CHANNELS.includes(channel))
    .map((channel) => ({ channel, ...effectiveSafety(channel, input.states) }))
    .filter((entry) => entry.state !== 'safe')
    .map((entry) => `${CHANNEL_LABELS[entry.channel]} (${entry.state}${entry.because === entry.channel ? '' : ` via ${CHANNEL_LABELS[entry.because]}`})`);
  const safe = safeChannelsFor(input.states);
  const bridgeUrl = oneLine(input.bridgeUrl);
  const meetingPoint = oneLine(input.meetingPoint);

  const lines = [`Security incident ${incidentId}: how the response team communicates from now on.`];
  if (avoid.length > 0) lines.push(`Do not discuss the incident on: ${listOf(avoid)}.`);
  lines.push(safe.length > 0 ? `Use only: ${listOf(safe.map((channel) => CHANNEL_LABELS[channel]))}.` : 'No channel is marked safe: meet in person.');
  if (bridgeUrl !== '' && safe.includes('bridge')) lines.push(`Join the bridge: ${bridgeUrl}`);
  if (meetingPoint !== '') lines.push(`If you cannot reach anyone, meet at: ${meetingPoint}`);
  lines.push('Do not send passwords, tokens, evidence files or sensitive logs through chat; evidence goes to controlled storage.');

  return { subject: `${incidentId}: change of communication channels`, text: lines.join('\n') };
}
