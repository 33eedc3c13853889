import { getCountries, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { dialString } from '../contacts';
import { cleanValue } from './clean-text';

export type { CountryCode };

/** A phone number as Muster stores it: E.164 when it could be read, else as typed (if it dials). */
export interface PhoneReading {
  value: string;
  e164: boolean;
}

const COUNTRIES = new Set<string>(getCountries());

export function isCountryCode(value: string): value is CountryCode {
  return COUNTRIES.has(value);
}

export function countryCodes(): CountryCode[] {
  return getCountries();
}

/**
 * The workspace's default country for numbers written without +: the region of the
 * phone's first language that names one ("en-GB" → GB), else US.
 */
export function defaultCountryFrom(languages: readonly string[]): CountryCode {
  for (const language of languages) {
    const region = /^[a-z]{2,3}(?:-[A-Za-z]{4})?-([A-Za-z]{2})\b/.exec(language)?.[1]?.toUpperCase();
    if (region && isCountryCode(region)) return region;
  }
  return 'US';
}

/**
 * "0171 1234567" with Germany → "+491711234567". A valid number with an extension keeps it
 * after a pause ("+12025550147,22"), which dials it. Short codes ("112") and service codes
 * ("*99#") are kept as typed: they dial, but have no E.164 form. Null: not a phone number.
 */
export function readPhoneNumber(raw: string, country: CountryCode | null): PhoneReading | null {
  const typed = cleanValue(raw);
  if (typed === '') return null;
  let parsed;
  try {
    parsed = parsePhoneNumberFromString(typed, country ?? undefined);
  } catch {
    parsed = undefined;
  }
  if (parsed?.isValid()) {
    const value = parsed.ext && /^[0-9]{1,10}$/.test(parsed.ext) ? `${parsed.number},${parsed.ext}` : parsed.number;
    if (dialString(value) !== null) return { value, e164: true };
  }
  return dialString(typed) === null ? null : { value: typed, e164: false };
}
