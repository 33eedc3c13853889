/**
 * Step 8: the log "should include internal updates, vendor support requests, MSP actions,
 * insurance notices, legal guidance, customer communications, and leadership decisions".
 * The order here is the order of the picker.
 */
export const COMMUNICATION_TYPES = [
  'internal_update',
  'leadership_update',
  'employee_instruction',
  'vendor_request',
  'msp_action',
  'insurance_notice',
  'legal_guidance',
  'regulatory_notice',
  'law_enforcement_contact',
  'customer_partner_communication',
  'public_statement',
  'decision',
] as const;

export type CommunicationType = (typeof COMMUNICATION_TYPES)[number];

export const COMMUNICATION_TYPE_LABELS: Record<CommunicationType, string> = {
  internal_update: 'Internal update',
  leadership_update: 'Leadership update',
  employee_instruction: 'Employee instruction',
  vendor_request: 'Vendor / MSP request',
  msp_action: 'MSP action',
  insurance_notice: 'Insurance notice',
  legal_guidance: 'Legal guidance',
  regulatory_notice: 'Regulatory notice',
  law_enforcement_contact: 'Law-enforcement contact',
  customer_partner_communication: 'Customer / partner communication',
  public_statement: 'Public statement',
  decision: 'Decision',
};

export function isCommunicationType(value: unknown): value is CommunicationType {
  return typeof value === 'string' && (COMMUNICATION_TYPES as readonly string[]).includes(value);
}
