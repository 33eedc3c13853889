import { contactFromDraft, draftFromContact, validateContactDraft, type ContactDraft } from '../contact-draft';
import type { ContactChannel } from '../contact-methods';
import type { Contact } from '../contacts';
import type { ImportCandidate, MalformedRecord } from './candidate';
import { cleanValue } from './clean-text';
import { readPhoneNumber, type CountryCode } from './phone-number';

export interface PlannedAdd {
  line: number;
  contact: Contact;
  warnings: string[];
}

export interface PlannedUpdate {
  line: number;
  before: Contact;
  after: Contact;
  /** What changes, one line each ("Adds Mobile +4917…"). */
  changes: string[];
  warnings: string[];
}

export interface PlannedSkip {
  line: number;
  name: string;
  reason: string;
}

/** What Confirm would do. Nothing is written until the user confirms it. */
export interface ImportPlan {
  added: PlannedAdd[];
  updated: PlannedUpdate[];
  skipped: PlannedSkip[];
  malformed: MalformedRecord[];
}

/**
 * The keys a contact is recognised by: its phone numbers (E.164 when they can be read, so
 * "0171 1234567" and "+49 171 1234567" match) and email addresses (case ignored).
 */
export function matchKeys(methods: readonly { channel: string; value: string }[], country: CountryCode | null): string[] {
  const keys = new Set<string>();
  for (const method of methods) {
    const channel = method.channel as ContactChannel;
    if (channel === 'phone' || channel === 'sms') {
      const phone = readPhoneNumber(method.value, country);
      if (phone) keys.add(`tel:${phone.value}`);
    } else if (channel === 'corporate_email' || channel === 'personal_email') {
      const address = cleanValue(method.value).toLowerCase();
      if (address !== '') keys.add(`mail:${address}`);
    }
  }
  return [...keys];
}

const methodKey = (method: { channel: string; value: string }, country: CountryCode | null) => matchKeys([method], country)[0] ?? `${method.channel}:${method.value}`;

/**
 * The imported values folded into a contact already in the list. Nothing it holds is lost:
 * new methods and references are added, organization and role are replaced only by a
 * non-empty value, notes are appended, the category changes only if the file named one.
 * The name stays: the list's name is the one responders search for.
 */
function merge(existing: Contact, candidate: ImportCandidate, country: CountryCode | null): { draft: ContactDraft; changes: string[] } {
  const draft = draftFromContact(existing);
  const imported = candidate.draft;
  const changes: string[] = [];
  for (const field of ['organization', 'role'] as const) {
    if (imported[field] !== '' && imported[field] !== draft[field]) {
      changes.push(`${field === 'role' ? 'Role' : 'Organization'}: ${imported[field]}`);
      draft[field] = imported[field];
    }
  }
  if (candidate.categoryGiven && imported.category !== draft.category) {
    changes.push('Category changes');
    draft.category = imported.category;
  }
  if (imported.notes !== '' && !draft.notes.includes(imported.notes)) {
    changes.push('Notes added');
    draft.notes = draft.notes === '' ? imported.notes : `${draft.notes}\n${imported.notes}`;
  }
  const known = new Map(draft.methods.map((method) => [methodKey(method, country), method]));
  for (const method of imported.methods) {
    const same = known.get(methodKey(method, country));
    if (!same) {
      draft.methods.push({ ...method });
      changes.push(`Adds ${method.label || method.channel} ${method.value}`);
    } else if (method.available_24x7 && !same.available_24x7) {
      same.available_24x7 = true;
      changes.push(`${same.value} is marked 24/7`);
    }
  }
  for (const reference of imported.references) {
    if (draft.references.some((mine) => mine.value === reference.value)) continue;
    draft.references.push({ ...reference });
    changes.push(`Adds ${reference.label} ${reference.value}`);
  }
  return { draft, changes };
}

function firstError(errors: Record<string, unknown>): string {
  const rows = errors.methodRows as Record<number, string> | undefined;
  const messages = [errors.name, errors.category, errors.methods, errors.notes, ...Object.values(rows ?? {})];
  return (messages.find((message) => typeof message === 'string') as string | undefined) ?? 'Not a valid contact.';
}

const display = (candidate: ImportCandidate) => candidate.draft.name || '(no name)';

/**
 * Compares the candidates with the contact list: each becomes an addition, an update of
 * the one contact it shares a phone number or email with, or a skip with its reason.
 * Every contact it would write passes the contact form's own validation.
 */
export function planImport(
  candidates: readonly ImportCandidate[],
  malformed: readonly MalformedRecord[],
  existing: readonly Contact[],
  context: { workspaceId: string; country: CountryCode | null; now: Date },
): ImportPlan {
  const plan: ImportPlan = { added: [], updated: [], skipped: [], malformed: [...malformed] };
  const byKey = new Map<string, Contact[]>();
  for (const contact of existing) {
    for (const key of matchKeys(contact.methods, context.country)) byKey.set(key, [...(byKey.get(key) ?? []), contact]);
  }
  // Keys already claimed by an earlier row of this file, and which line claimed them.
  const claimed = new Map<string, number>();
  const updatedIds = new Map<string, number>();
  for (const candidate of candidates) {
    const skip = (reason: string) => plan.skipped.push({ line: candidate.line, name: display(candidate), reason });
    const checked = validateContactDraft(candidate.draft);
    if (!checked.ok) {
      skip(firstError(checked.errors));
      continue;
    }
    const keys = matchKeys(checked.draft.methods, context.country);
    const earlier = keys.map((key) => claimed.get(key)).find((line) => line !== undefined);
    if (earlier !== undefined) {
      skip(`Same phone number or email as line ${earlier}.`);
      continue;
    }
    const matches = [...new Set(keys.flatMap((key) => byKey.get(key) ?? []))];
    for (const key of keys) claimed.set(key, candidate.line);
    if (matches.length > 1) {
      skip(`Matches ${matches.length} contacts (${matches.map((contact) => contact.name).join(', ')}): update them by hand.`);
      continue;
    }
    const [match] = matches;
    if (!match) {
      plan.added.push({ line: candidate.line, contact: contactFromDraft(checked.draft, context.workspaceId, null, context.now), warnings: candidate.warnings });
      continue;
    }
    const sameContactLine = updatedIds.get(match.id);
    if (sameContactLine !== undefined) {
      skip(`Same contact (${match.name}) as line ${sameContactLine}.`);
      continue;
    }
    const { draft, changes } = merge(match, { ...candidate, draft: checked.draft }, context.country);
    if (changes.length === 0) {
      skip(`Already in the list as ${match.name}, nothing new.`);
      continue;
    }
    const merged = validateContactDraft(draft);
    if (!merged.ok) {
      skip(`Would make ${match.name} invalid: ${firstError(merged.errors)}`);
      continue;
    }
    updatedIds.set(match.id, candidate.line);
    plan.updated.push({ line: candidate.line, before: match, after: contactFromDraft(merged.draft, context.workspaceId, match, context.now), changes, warnings: candidate.warnings });
  }
  return plan;
}
