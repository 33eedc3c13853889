import { createMemo, For } from 'solid-js';
import { CONTACT_CATEGORIES, CONTACT_CATEGORY_LABELS, type ContactCategory } from '../../../domain/contacts';
import type { CountryCode } from '../../../domain/contact-import/phone-number';
import { FormField } from '../../app/FormField';
import type { ImportParsers } from './import-parsers';

/** The two choices that apply to every row: the numbers' country and the fallback category. */
export function ImportOptionsFields(props: {
  parsers: ImportParsers;
  country: CountryCode;
  defaultCategory: ContactCategory;
  onCountry: (country: CountryCode) => void;
  onCategory: (category: ContactCategory) => void;
}) {
  const countries = createMemo(() => {
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    return props.parsers
      .countryCodes()
      .map((code) => ({ code, name: names.of(code) ?? code }))
      .sort((a, b) => a.name.localeCompare(b.name));
  });
  return (
    <>
      <FormField id="import-country" label="Country for numbers without +" hint="Numbers are stored in international form (+…); those that cannot be read are kept as typed.">
        <select id="import-country" aria-describedby="import-country-hint" value={props.country} onChange={(event) => props.onCountry(event.currentTarget.value as CountryCode)}>
          <For each={countries()}>{(country) => <option value={country.code}>{country.name}</option>}</For>
        </select>
      </FormField>
      <FormField id="import-category" label="Category when a row has none">
        <select id="import-category" value={props.defaultCategory} onChange={(event) => props.onCategory(event.currentTarget.value as ContactCategory)}>
          <For each={CONTACT_CATEGORIES}>{(category) => <option value={category}>{CONTACT_CATEGORY_LABELS[category]}</option>}</For>
        </select>
      </FormField>
    </>
  );
}
