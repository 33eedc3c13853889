/**
 * Message templates: placeholders `{{field}}` filled with what the responder types. Output
 * is plain text for copy, share, SMS or mail; the UI shows it as text, never as HTML.
 */
export const TEMPLATE_KINDS = [
  'leadership_update',
  'employee_instructions',
  'vendor_request',
  'insurance_legal_notice',
  'alternate_channel_notice',
  'external_statement',
] as const;

export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const TEMPLATE_KIND_LABELS: Record<TemplateKind, string> = {
  leadership_update: 'Leadership update',
  employee_instructions: 'Employee instructions',
  vendor_request: 'Vendor / MSP request',
  insurance_legal_notice: 'Insurance / legal notice',
  alternate_channel_notice: 'Alternate-channel notice',
  external_statement: 'Customer / partner / public statement',
};

export interface TemplateField {
  key: string;
  label: string;
  required: boolean;
  multiline: boolean;
}

export interface MessageTemplate {
  id: string;
  workspace_id: string;
  kind: TemplateKind;
  name: string;
  /** Who receives it, e.g. "Leadership group". */
  audience: string;
  subject: string;
  body: string;
  fields: TemplateField[];
  version: number;
  updated_at: string;
}

export type TemplateValues = Record<string, string>;

export interface RenderedMessage {
  subject: string;
  text: string;
  /** Labels of required fields still empty; they appear in the text as [Label]. */
  missing: string[];
}

const PLACEHOLDER = /\{\{\s*([a-z0-9_]+)\s*\}\}/gi;

/** Keys in the order they first appear in the subject and body. */
export function placeholdersOf(template: Pick<MessageTemplate, 'subject' | 'body'>): string[] {
  const keys = new Set<string>();
  for (const match of `${template.subject}\n${template.body}`.matchAll(PLACEHOLDER)) keys.add(match[1] as string);
  return [...keys];
}

/**
 * One pass over the template: a value that itself contains "{{x}}" is inserted literally and
 * never expanded, so typed text cannot pull in other fields.
 */
export function renderTemplate(template: MessageTemplate, values: TemplateValues): RenderedMessage {
  const labelOf = (key: string) => template.fields.find((field) => field.key === key)?.label ?? key;
  const fill = (source: string) =>
    source.replace(PLACEHOLDER, (_whole, key: string) => {
      const value = (values[key] ?? '').trim();
      return value === '' ? `[${labelOf(key)}]` : value;
    });
  const missing = template.fields
    .filter((field) => field.required && (values[field.key] ?? '').trim() === '')
    .map((field) => field.label);
  return { subject: fill(template.subject), text: fill(template.body), missing };
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => word !== '').length;
}
