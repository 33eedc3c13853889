/** How a person or organisation is reached. Shared by contacts and by the log's "Contact method". */
export const CONTACT_CHANNELS = [
  'phone',
  'sms',
  'personal_email',
  'corporate_email',
  'chat',
  'bridge',
  'portal',
  'in_person',
] as const;

export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const CONTACT_CHANNEL_LABELS: Record<ContactChannel, string> = {
  phone: 'Phone',
  sms: 'SMS',
  personal_email: 'Personal email',
  corporate_email: 'Corporate email',
  chat: 'Chat',
  bridge: 'Conference bridge',
  portal: 'Support portal',
  in_person: 'In person',
};
