import type { MessageTemplate, TemplateField, TemplateKind } from './templates';

/** The templates every workspace starts with, worded from the playbook's steps. */

const field = (key: string, label: string, required = true, multiline = false): TemplateField => ({
  key,
  label,
  required,
  multiline,
});

type PlaybookTemplate = Omit<MessageTemplate, 'workspace_id' | 'version' | 'updated_at'>;

const LEADERSHIP_UPDATE: PlaybookTemplate = {
  id: 'tpl-leadership-update',
  kind: 'leadership_update',
  name: 'First leadership update',
  audience: 'Leadership group',
  subject: '{{incident_id}}: incident update',
  // Step 2: short and factual, the eight points in the playbook's order.
  body: [
    'What happened: {{what_happened}}',
    'Detected: {{detected_at}}',
    'May be affected (systems, users, data): {{affected}}',
    'Still active: {{still_active}}',
    'Actions taken: {{actions_taken}}',
    'Decisions needed: {{decisions_needed}}',
    'Support required: {{support_required}}',
    'Next update: {{next_update}}',
  ].join('\n'),
  fields: [
    field('incident_id', 'Incident ID'),
    field('what_happened', 'What happened', true, true),
    field('detected_at', 'When it was detected'),
    field('affected', 'What systems, users or data may be affected', true, true),
    field('still_active', 'Does the incident appear active?'),
    field('actions_taken', 'Immediate actions taken', true, true),
    field('decisions_needed', 'Decisions needed', true, true),
    field('support_required', 'Support required', true, true),
    field('next_update', 'When the next update will be provided'),
  ],
};

const EMPLOYEE_INSTRUCTIONS: PlaybookTemplate = {
  id: 'tpl-employee-instructions',
  kind: 'employee_instructions',
  name: 'Instructions to employees',
  audience: 'All employees',
  subject: 'Action required: {{affected_system}}',
  // Step 3: short, specific, action-oriented; the playbook's eight instructions.
  body: [
    'We are handling an IT security incident affecting {{affected_system}}. Until further notice:',
    '1. Do not open suspicious emails.',
    '2. Do not use {{affected_system}}.',
    '3. Do not approve unexpected MFA prompts.',
    '4. Do not restart or wipe affected devices.',
    '5. Do not delete suspicious messages.',
    '6. Do not contact customers about the incident unless authorized.',
    '7. Use {{alternate_channel}} for work messages; email or chat may be compromised.',
    '8. Report any related suspicious activity immediately to {{report_to}}.',
    'Next instruction by {{next_update}}.',
  ].join('\n'),
  fields: [
    field('affected_system', 'Affected system'),
    field('alternate_channel', 'Alternate channel to use'),
    field('report_to', 'Whom to report to (name and phone)'),
    field('next_update', 'When the next instruction comes'),
  ],
};

const VENDOR_REQUEST: PlaybookTemplate = {
  id: 'tpl-vendor-request',
  kind: 'vendor_request',
  name: 'Request to MSP or vendor',
  audience: 'MSP / vendor support',
  subject: '{{incident_id}}: urgent support request ({{account_number}})',
  // Step 4: precise requests: logs, access history, session records, admin changes,
  // recovery options, containment support, confirmation of actions taken.
  body: [
    'Account / contract: {{account_number}}',
    'Affected system: {{affected_system}}',
    'Situation: {{situation}}',
    'We request:',
    '- Logs for {{affected_system}} from {{time_window}}',
    '- Access history and sign-ins for {{accounts}}',
    '- Session records for the same period',
    '- All admin and configuration changes in that period',
    '- Recovery options and restore points available',
    '- Containment support: {{containment_ask}}',
    '- Written confirmation of every action you take',
    'Reply by {{reply_by}} to {{reply_to}}. Do not reply to the affected mailbox.',
  ].join('\n'),
  fields: [
    field('incident_id', 'Incident ID'),
    field('account_number', 'Account or contract number'),
    field('affected_system', 'Affected system'),
    field('situation', 'Situation in one or two sentences', true, true),
    field('time_window', 'Time window (from - to)'),
    field('accounts', 'Accounts concerned'),
    field('containment_ask', 'Containment you need', true, true),
    field('reply_by', 'Reply by (time)'),
    field('reply_to', 'Reply to (safe channel)'),
  ],
};

const INSURANCE_LEGAL_NOTICE: PlaybookTemplate = {
  id: 'tpl-insurance-legal-notice',
  kind: 'insurance_legal_notice',
  name: 'Notice to insurer or legal counsel',
  audience: 'Cyber insurer / legal counsel',
  subject: 'Notice of cyber incident, policy {{policy_number}}',
  // Step 5: early notice even while facts are being confirmed.
  body: [
    'Policy / matter: {{policy_number}}',
    'Company: {{company}}',
    'Detected: {{detected_at}}',
    'Nature of the incident (facts known so far): {{facts}}',
    'Possibly involved: {{possibly_involved}}',
    'Actions taken: {{actions_taken}}',
    'This is an early notice; the investigation is ongoing and facts are still being confirmed.',
    'Contact: {{contact_person}}, {{contact_phone}}',
  ].join('\n'),
  fields: [
    field('policy_number', 'Policy or matter number'),
    field('company', 'Company name'),
    field('detected_at', 'When it was detected'),
    field('facts', 'Facts known so far', true, true),
    field('possibly_involved', 'Possibly involved (data theft, personal data, ransomware, ...)', true, true),
    field('actions_taken', 'Actions taken', true, true),
    field('contact_person', 'Contact person'),
    field('contact_phone', 'Contact phone'),
  ],
};

const ALTERNATE_CHANNEL_NOTICE: PlaybookTemplate = {
  id: 'tpl-alternate-channel',
  kind: 'alternate_channel_notice',
  name: 'Switch to the alternate channel',
  audience: 'Response team',
  subject: 'Use {{alternate_channel}} from now on',
  // Step 7: move off a channel that may be compromised; never send secrets on chat.
  body: [
    '{{compromised_channel}} may be compromised. From now on use {{alternate_channel}} for everything about the incident.',
    'Join: {{join_details}}',
    'Do not discuss the incident on {{compromised_channel}}.',
    'Do not send passwords, tokens, evidence files or logs by chat; evidence goes to {{evidence_store}}.',
  ].join('\n'),
  fields: [
    field('compromised_channel', 'Channel that may be compromised'),
    field('alternate_channel', 'Alternate channel'),
    field('join_details', 'How to join (number, bridge, room)'),
    field('evidence_store', 'Controlled evidence storage'),
  ],
};

export const PLAYBOOK_TEMPLATES: readonly PlaybookTemplate[] = [
  LEADERSHIP_UPDATE,
  EMPLOYEE_INSTRUCTIONS,
  VENDOR_REQUEST,
  INSURANCE_LEGAL_NOTICE,
  ALTERNATE_CHANNEL_NOTICE,
];

export function playbookTemplatesFor(workspaceId: string, now: string): MessageTemplate[] {
  return PLAYBOOK_TEMPLATES.map((template) => ({
    ...template,
    id: `${workspaceId}:${template.id}`,
    workspace_id: workspaceId,
    version: 1,
    updated_at: now,
  }));
}

export type { TemplateKind };
