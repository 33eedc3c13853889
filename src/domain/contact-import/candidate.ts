import type { ContactChannel } from '../contact-methods';
import type { ContactDraft } from '../contact-draft';
import { contactLink, type ContactCategory } from '../contacts';
import { cleanLine, cleanNotes, cleanValue, quoted } from './clean-text';
import { matchCategory } from './categories';
import { readPhoneNumber, type CountryCode } from './phone-number';

/** What the user chose in the preview that applies to every row. */
export interface ImportOptions {
  /** For numbers written without a leading + (the workspace's default country). */
  country: CountryCode | null;
  /** For rows whose category is missing or not one of Muster's. */
  defaultCategory: ContactCategory;
}

/** One contact read from a CSV row or a vCard, before it is compared with the list. */
export interface ImportCandidate {
  /** Line of the file where the row or card starts (1 = the first line). */
  line: number;
  draft: ContactDraft;
  /** True when the file named a category Muster knows: only then does an update change it. */
  categoryGiven: boolean;
  /** Values left out or changed, in words the user can check. */
  warnings: string[];
}

/** A row or card that could not be read at all. */
export interface MalformedRecord {
  line: number;
  reason: string;
}

export interface CandidateFields {
  name: string;
  organization: string;
  role: string;
  notes: string[];
  category: string;
}

const CHANNEL_NOUN: Record<ContactChannel, string> = {
  phone: 'phone number',
  sms: 'phone number',
  personal_email: 'email address',
  corporate_email: 'email address',
  chat: 'https:// link',
  bridge: 'phone number or https:// link',
  portal: 'https:// link',
  in_person: 'place',
};

/** Builds one candidate: cleans every value, normalises numbers, keeps only methods that work. */
export class CandidateBuilder {
  readonly warnings: string[] = [];
  private readonly methods: ContactDraft['methods'] = [];
  private readonly references: ContactDraft['references'] = [];

  constructor(
    private readonly line: number,
    private readonly options: ImportOptions,
  ) {}

  addMethod(channel: ContactChannel, raw: string, label: string, available24x7: boolean): void {
    if (cleanValue(raw) === '') return;
    const value = this.methodValue(channel, raw);
    if (value === null) {
      this.warnings.push(`${cleanLine(label) || 'A value'} ${quoted(raw)} is not a ${CHANNEL_NOUN[channel]}: left out.`);
      return;
    }
    const same = this.methods.find((method) => method.channel === channel && method.value === value);
    if (same) {
      same.available_24x7 ||= available24x7;
      return;
    }
    this.methods.push({ channel, value, label: cleanLine(label), available_24x7: available24x7 });
  }

  addReference(label: string, raw: string): void {
    const value = cleanLine(raw);
    if (value !== '') this.references.push({ label: cleanLine(label) || 'Reference', value });
  }

  markAll24x7(): void {
    for (const method of this.methods) method.available_24x7 = true;
  }

  build(fields: CandidateFields): ImportCandidate {
    const organization = cleanLine(fields.organization);
    // A vendor row often has only the company: the company is then the contact's name.
    const name = cleanLine(fields.name) || organization;
    const matched = matchCategory(fields.category);
    const categoryText = cleanLine(fields.category);
    if (categoryText !== '' && matched === null) this.warnings.push(`Category ${quoted(categoryText)} is not one of Muster's: filed under the default category.`);
    return {
      line: this.line,
      categoryGiven: matched !== null,
      warnings: this.warnings,
      draft: {
        name,
        organization: name === organization ? '' : organization,
        role: cleanLine(fields.role),
        category: matched ?? this.options.defaultCategory,
        notes: fields.notes.map(cleanNotes).filter((note) => note !== '').join('\n'),
        methods: this.methods,
        references: this.references,
      },
    };
  }

  private methodValue(channel: ContactChannel, raw: string): string | null {
    if (channel === 'phone' || channel === 'sms') return readPhoneNumber(raw, this.options.country)?.value ?? null;
    if (channel === 'bridge') {
      const phone = readPhoneNumber(raw, this.options.country);
      if (phone) return phone.value;
    }
    const value = cleanValue(raw);
    return channel === 'in_person' || contactLink({ channel, value }).href !== null ? value : null;
  }
}
