import { CONTACT_CATEGORIES, CONTACT_CATEGORY_LABELS, type ContactCategory } from '../contacts';
import { cleanLine } from './clean-text';

// Words a spreadsheet uses for Muster's categories, checked after the exact names and labels.
const SYNONYMS: [RegExp, ContactCategory][] = [
  [/\b(insurance|insurer|broker|underwriter)\b/, 'cyber_insurance'],
  [/\b(lawyer|attorney|counsel|law firm|solicitor)\b/, 'legal'],
  [/\b(police|fbi|cert|csirt|law enforcement)\b/, 'law_enforcement'],
  [/\b(regulator|authority|supervisor|dpa|ico)\b/, 'regulator'],
  [/\b(press|media|journalist|pr)\b/, 'media'],
  [/\b(customer|client|partner|supplier)\b/, 'customer_partner'],
  [/\b(incident response|forensic|dfir|ir)\b/, 'incident_response'],
  [/\b(registrar|domain)\b/, 'domain_registrar'],
  [/\bdns\b/, 'dns'],
  [/\b(backup|recovery)\b/, 'backup'],
  [/\b(antivirus|edr|xdr|endpoint|av)\b/, 'endpoint_protection'],
  [/\b(saas|software)\b/, 'saas'],
  [/\b(cloud|aws|azure|gcp)\b/, 'cloud'],
  [/\b(hosting|hoster|datacenter|data center)\b/, 'hosting'],
  [/\bmsp\b|managed service/, 'msp'],
  [/\b(it|helpdesk|help desk)\b/, 'it_provider'],
  [/\b(compliance|dpo|privacy)\b/, 'compliance'],
  [/\b(employee|employees|staff|team|all hands)\b/, 'employee_group'],
  [/\b(leadership|executive|management|board|ceo|cfo|coo|owner|director)\b/, 'leadership'],
];

const comparable = (value: string) => cleanLine(value).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** The Muster category a spreadsheet's or vCard's category names, or null when none fits. */
export function matchCategory(value: string): ContactCategory | null {
  const wanted = comparable(value);
  if (wanted === '') return null;
  const exact = CONTACT_CATEGORIES.find((category) => comparable(category) === wanted || comparable(CONTACT_CATEGORY_LABELS[category]) === wanted);
  if (exact) return exact;
  return SYNONYMS.find(([pattern]) => pattern.test(wanted))?.[1] ?? null;
}
