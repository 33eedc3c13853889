import type { Contact, ContactCategory, ContactMethod, ContactReference } from './contacts';
import type { ContactChannel } from './contact-methods';
import type { Incident } from './incident';
import type { WorkspaceSettings } from './workspace';

/**
 * The demo workspace a new user sees on first run, so the screens show something real.
 * Every name is fictitious: phone numbers are in the 555-01xx range reserved for fiction,
 * addresses use example.com. Clearing it removes everything with this workspace id.
 */
export const DEMO_WORKSPACE_ID = 'demo';

export function demoSettings(): WorkspaceSettings {
  return {
    workspace_id: DEMO_WORKSPACE_ID,
    name: 'Northwind Dental (demo)',
    is_demo: true,
    author_name: 'Demo responder',
    current_incident_id: 'INC-2026-001',
    backend_url: null,
  };
}

export function demoIncident(now: string): Incident {
  return {
    id: 'INC-2026-001',
    workspace_id: DEMO_WORKSPACE_ID,
    title: 'Demo: forwarding rule found on the finance mailbox',
    status: 'open',
    detected_at: now,
    opened_at: now,
    comm_owner: 'Tom Becker',
    comm_deputy: 'Maria Lopez',
  };
}

type MethodSpec = [ContactChannel, string, string, boolean?];

interface ContactSpec {
  category: ContactCategory;
  name: string;
  organization: string;
  role: string;
  methods: MethodSpec[];
  references?: ContactReference[];
  notes?: string;
}

const CONTACTS: ContactSpec[] = [
  { category: 'leadership', name: 'Maria Lopez', organization: 'Northwind Dental', role: 'Managing director (executive sponsor)',
    methods: [['phone', '+1 202 555 0101', 'Mobile'], ['sms', '+1 202 555 0101', 'Mobile'], ['personal_email', 'maria.lopez@example.com', 'Personal']] },
  { category: 'leadership', name: 'Tom Becker', organization: 'Northwind Dental', role: 'Operations manager (communication owner)',
    methods: [['phone', '+1 202 555 0102', 'Mobile'], ['sms', '+1 202 555 0102', 'Mobile']] },
  { category: 'employee_group', name: 'All staff', organization: 'Northwind Dental', role: 'Phone tree starts with the practice leads',
    methods: [['sms', '+1 202 555 0103', 'SMS group'], ['bridge', '+1 202 555 0104,,4455#', 'Staff bridge']] },
  { category: 'msp', name: 'Bluebridge IT service desk', organization: 'Bluebridge IT', role: 'Managed service provider',
    methods: [['phone', '+1 202 555 0110', '24/7 security line', true], ['portal', 'https://support.example.com/bluebridge', 'Ticket portal'], ['corporate_email', 'soc@example.com', 'SOC']],
    references: [{ label: 'Contract', value: 'BB-2291-MSA' }] },
  { category: 'it_provider', name: 'Sam Ortiz', organization: 'Freelance IT', role: 'On-site technician',
    methods: [['phone', '+1 202 555 0111', 'Mobile']] },
  { category: 'hosting', name: 'Hostcraft support', organization: 'Hostcraft', role: 'Website hosting',
    methods: [['phone', '+1 202 555 0112', 'Support', true], ['portal', 'https://help.example.com/hostcraft', 'Portal']],
    references: [{ label: 'Account', value: 'HC-55120' }] },
  { category: 'cloud', name: 'Cloud provider support', organization: 'Example Cloud', role: 'Tenant and identity',
    methods: [['portal', 'https://cloud.example.com/support', 'Support case', true]],
    references: [{ label: 'Tenant ID', value: 'northwind-prod' }] },
  { category: 'saas', name: 'Practice software vendor', organization: 'DentSoft', role: 'Patient records SaaS',
    methods: [['phone', '+1 202 555 0113', 'Security desk'], ['corporate_email', 'security@example.com', 'Security']],
    references: [{ label: 'Customer number', value: 'DS-4410' }] },
  { category: 'endpoint_protection', name: 'EDR vendor incident line', organization: 'ShieldPoint', role: 'Endpoint protection',
    methods: [['phone', '+1 202 555 0114', 'Incident line', true]], references: [{ label: 'Licence', value: 'SP-88-1201' }] },
  { category: 'backup', name: 'Backup provider', organization: 'VaultLine', role: 'Offsite backups and restore',
    methods: [['phone', '+1 202 555 0115', 'Restore desk', true], ['portal', 'https://restore.example.com', 'Restore portal']],
    references: [{ label: 'Account', value: 'VL-20931' }] },
  { category: 'domain_registrar', name: 'Registrar abuse and account desk', organization: 'NameHarbor', role: 'Domain registrar',
    methods: [['phone', '+1 202 555 0116', 'Account security']], references: [{ label: 'Account', value: 'NH-7781' }] },
  { category: 'dns', name: 'DNS provider', organization: 'ZoneKeep', role: 'Authoritative DNS',
    methods: [['portal', 'https://dns.example.com/support', 'Support']], references: [{ label: 'Account', value: 'ZK-1034' }] },
  { category: 'incident_response', name: 'Rapid response hotline', organization: 'Harbor IR', role: 'Incident response firm (retainer)',
    methods: [['phone', '+1 202 555 0120', 'Hotline', true], ['corporate_email', 'ir@example.com', 'Intake']],
    references: [{ label: 'Retainer', value: 'HIR-RET-0042' }], notes: 'Insurer-approved panel firm: call the insurer first.' },
  { category: 'cyber_insurance', name: 'Claims hotline', organization: 'Shoreline Mutual', role: 'Cyber insurer',
    methods: [['phone', '+1 202 555 0121', 'Claims hotline', true], ['corporate_email', 'cyberclaims@example.com', 'Claims']],
    references: [{ label: 'Policy', value: 'CY-2026-118834' }], notes: 'Notice is required within 72 hours of discovery.' },
  { category: 'legal', name: 'Dana Whitfield', organization: 'Whitfield & Park LLP', role: 'Breach counsel',
    methods: [['phone', '+1 202 555 0122', 'Mobile', true], ['personal_email', 'dana@example.com', 'Email']],
    references: [{ label: 'Matter', value: 'WP-3310' }] },
  { category: 'compliance', name: 'Privacy officer', organization: 'Northwind Dental', role: 'Compliance and privacy',
    methods: [['phone', '+1 202 555 0123', 'Mobile']] },
  { category: 'regulator', name: 'Data protection authority', organization: 'State regulator', role: 'Breach notification',
    methods: [['portal', 'https://regulator.example.com/report', 'Online report']] },
  { category: 'law_enforcement', name: 'Cybercrime unit', organization: 'City police', role: 'Report cybercrime',
    methods: [['phone', '+1 202 555 0130', 'Duty desk', true]] },
  { category: 'customer_partner', name: 'Lab partner account manager', organization: 'Crown Labs', role: 'Partner with data exchange',
    methods: [['phone', '+1 202 555 0131', 'Office']], notes: 'Contact only with an approved statement.' },
  { category: 'media', name: 'Press contact', organization: 'Northwind Dental', role: 'Handles all media questions',
    methods: [['phone', '+1 202 555 0132', 'Mobile']] },
];

export function demoContacts(now: string): Contact[] {
  return CONTACTS.map((spec, index) => ({
    id: `demo-contact-${index + 1}`,
    workspace_id: DEMO_WORKSPACE_ID,
    name: spec.name,
    organization: spec.organization,
    role: spec.role,
    category: spec.category,
    methods: spec.methods.map(([channel, value, label, allDay], methodIndex): ContactMethod => ({
      id: `demo-contact-${index + 1}-m${methodIndex + 1}`,
      channel,
      value,
      label,
      available_24x7: allDay ?? false,
    })),
    references: spec.references ?? [],
    notes: spec.notes ?? '',
    priority: index + 1,
    version: 1,
    updated_at: now,
  }));
}
