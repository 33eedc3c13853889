/**
 * Step 7: "Do not send passwords, tokens, evidence files, or sensitive logs through casual
 * chat." Finds secrets in text a responder is about to log, share or send, so the app can
 * warn before the text leaves the phone.
 *
 * Only real formats count: a key with its known prefix and length, a value written after
 * a label such as `password:`, a URL with a password in it. Evidence hashes, ticket numbers,
 * phone numbers, UUIDs and the word "password" in a sentence are not findings, because a
 * warning that fires on every log entry is a warning nobody reads.
 *
 * Every pattern starts at a literal prefix or at the start of a run of characters, and every
 * repetition is bounded, so a megabyte of pasted log costs one linear pass per pattern.
 */

export const SECRET_KINDS = [
  'private_key',
  'aws_access_key',
  'aws_secret_key',
  'github_token',
  'gitlab_token',
  'slack_token',
  'stripe_key',
  'google_api_key',
  'jwt',
  'connection_string',
  'password',
  'api_secret',
] as const;

export type SecretKind = (typeof SECRET_KINDS)[number];

export const SECRET_KIND_LABELS: Record<SecretKind, string> = {
  private_key: 'private key',
  aws_access_key: 'AWS access key',
  aws_secret_key: 'AWS secret key',
  github_token: 'GitHub token',
  gitlab_token: 'GitLab token',
  slack_token: 'Slack token',
  stripe_key: 'Stripe secret key',
  google_api_key: 'Google API key',
  jwt: 'login token (JWT)',
  connection_string: 'connection string with a password',
  password: 'password',
  api_secret: 'API key or secret',
};

/** The label with its article, for warning sentences. */
export const SECRET_KIND_PHRASES: Record<SecretKind, string> = {
  private_key: 'a private key',
  aws_access_key: 'an AWS access key',
  aws_secret_key: 'an AWS secret key',
  github_token: 'a GitHub token',
  gitlab_token: 'a GitLab token',
  slack_token: 'a Slack token',
  stripe_key: 'a Stripe secret key',
  google_api_key: 'a Google API key',
  jwt: 'a login token (JWT)',
  connection_string: 'a connection string with a password',
  password: 'a password',
  api_secret: 'an API key or secret',
};

export interface SecretFinding {
  kind: SecretKind;
  label: string;
  /** UTF-16 offsets into the scanned text: `text.slice(start, end)` is the secret. */
  start: number;
  end: number;
  /** Safe to show or log: at most the first 4 characters, then "…". Never the whole secret. */
  excerpt: string;
}

interface SecretPattern {
  kind: SecretKind;
  /** Global, with the `d` flag when `group` is set. */
  pattern: RegExp;
  /** Capture group holding the secret itself when a label precedes it; 0 means the whole match. */
  group: number;
  /** Second look at a candidate; returns the secret's end (to trim punctuation) or null to drop it. */
  accept?: (value: string, text: string, end: number) => number | null;
}

/** Shows a third of the value, at most 4 characters, so even a short password is never echoed. */
export function maskSecret(value: string): string {
  return `${value.slice(0, Math.min(4, Math.floor(value.length / 3)))}…`;
}

function characterClasses(value: string): number {
  return Number(/[a-z]/.test(value)) + Number(/[A-Z]/.test(value)) + Number(/[0-9]/.test(value));
}

/** Bits per character; random keys score about 4 and above, repeated or placeholder text far less. */
function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

function looksRandom(value: string): boolean {
  return value.length >= 20 && characterClasses(value) >= 2 && shannonEntropy(value) >= 3;
}

/** A labelled key or token: long, several character classes, not repetitive. A trailing full stop is the sentence's. */
function acceptLabelledKey(value: string, _text: string, end: number): number | null {
  const trimmed = value.replace(/\.+$/, '');
  return looksRandom(trimmed) ? end - (value.length - trimmed.length) : null;
}

/** A value someone wrote instead of the secret: masks, template variables, empty markers. */
function isPlaceholder(value: string): boolean {
  return /^[*•x#.\-_]+$/i.test(value) || /^[$%{[(]/.test(value);
}

const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function decodeBase64Url(part: string): string | null {
  let buffer = 0;
  let bits = 0;
  let decoded = '';
  for (const char of part) {
    const digit = BASE64URL_ALPHABET.indexOf(char);
    if (digit < 0) return null;
    buffer = ((buffer << 6) | digit) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      decoded += String.fromCharCode((buffer >> bits) & 0xff);
    }
  }
  return decoded;
}

/** A JWT's header is base64url JSON naming its signing algorithm; anything else is not a JWT. */
function isJwtHeader(part: string): boolean {
  const json = decodeBase64Url(part);
  if (json === null) return false;
  try {
    const header: unknown = JSON.parse(json);
    return typeof header === 'object' && header !== null && typeof (header as { alg?: unknown }).alg === 'string';
  } catch {
    return false;
  }
}

/** Words people write after "password:" that report a state rather than give the password. */
const PASSWORD_STATUS_WORDS =
  /^(?:reset|changed|rotated|revoked|expired|redacted|removed|required|updated|unknown|none|null|empty|hidden|masked|pending|disabled|locked|unchanged|sent|shared|provided|withheld)$/i;

function acceptLabelledPassword(value: string, text: string, end: number): number | null {
  const trimmed = value.replace(/[.,;:)\]}]+$/, '');
  if (trimmed.length < 4 || isPlaceholder(trimmed) || PASSWORD_STATUS_WORDS.test(trimmed)) return null;
  // "Password: Sommer in the vault" is a sentence, "Password: Sommer2026!" is a password.
  if (/^[A-Za-z]+$/.test(trimmed) && /^[ \t]+[a-z]/.test(text.slice(end, end + 3))) return null;
  return end - (value.length - trimmed.length);
}

const PATTERNS: readonly SecretPattern[] = [
  // Highest priority first: where two patterns claim the same characters, the earlier wins.
  {
    kind: 'private_key',
    pattern: /-----BEGIN (?:[A-Z0-9]{1,12} ){0,3}PRIVATE KEY(?: BLOCK)?-----/g,
    group: 0,
    accept: (_value, text, end) => {
      // The whole block up to its END line; a truncated paste still leaks the key.
      const window = text.slice(end, end + 16_384);
      const endLine = /-----END (?:[A-Z0-9]{1,12} ){0,3}PRIVATE KEY(?: BLOCK)?-----/.exec(window);
      return endLine ? end + endLine.index + endLine[0].length : end;
    },
  },
  {
    kind: 'aws_access_key',
    pattern: /(?<![A-Za-z0-9+/])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
    group: 0,
  },
  {
    kind: 'aws_secret_key',
    pattern:
      /(?<![A-Za-z0-9])(?:aws[_-]?secret[_-]?(?:access[_-]?)?key|secret[_-]?access[_-]?key)["']?[ \t]{0,5}[:=][ \t]{0,5}["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/dgi,
    group: 1,
    accept: (value, _text, end) => (characterClasses(value) >= 2 ? end : null),
  },
  { kind: 'github_token', pattern: /(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,251}(?![A-Za-z0-9_])/g, group: 0 },
  { kind: 'github_token', pattern: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{60,244}(?![A-Za-z0-9_])/g, group: 0 },
  { kind: 'gitlab_token', pattern: /(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_.-]{20,300}/g, group: 0 },
  {
    kind: 'slack_token',
    pattern: /(?<![A-Za-z0-9_-])xox[baprs]-[A-Za-z0-9-]{10,250}/g,
    group: 0,
    accept: (value, _text, end) => (/\d/.test(value) ? end : null),
  },
  { kind: 'stripe_key', pattern: /(?<![A-Za-z0-9_])[sr]k_live_[A-Za-z0-9]{16,247}/g, group: 0 },
  { kind: 'google_api_key', pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, group: 0 },
  {
    kind: 'jwt',
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{2,4096}\.[A-Za-z0-9_-]{2,8192}\.[A-Za-z0-9_-]{0,8192}/g,
    group: 0,
    accept: (value, _text, end) => (isJwtHeader(value.slice(0, value.indexOf('.'))) ? end : null),
  },
  {
    // scheme://user:password@ — the span runs from the scheme to the end of the password.
    kind: 'connection_string',
    pattern: /(?<![A-Za-z0-9+.-])[a-z][a-z0-9+.-]{1,30}:\/\/[^\s:/@"'<>]{0,256}:[^\s/@"'<>]{1,256}@/gi,
    group: 0,
    accept: (value, _text, end) => {
      // The user name cannot contain ':', so the password starts after the first one past "//".
      const password = value.slice(value.indexOf(':', value.indexOf('//')) + 1, -1);
      return isPlaceholder(password) ? null : end - 1;
    },
  },
  {
    kind: 'password',
    pattern:
      /(?<![A-Za-z0-9])(?:password|passwort|passwd|passphrase|passcode|kennwort|pwd|pass)["']?[ \t]{0,5}[:=][ \t]{0,5}["']?((?:[^\s"'<>`&;]|[&;](?![A-Za-z_][A-Za-z0-9_ ]{0,30}=)){1,200})/dgi,
    group: 1,
    accept: acceptLabelledPassword,
  },
  {
    kind: 'api_secret',
    pattern:
      /(?<![A-Za-z0-9])(?:api[_-]?key|apikey|api[_-]?secret|access[_-]?token|auth[_-]?token|refresh[_-]?token|client[_-]?secret|secret[_-]?key|private[_-]?token|token|secret)["']?[ \t]{0,5}[:=][ \t]{0,5}["']?([A-Za-z0-9_\-+/=.~]{20,512})/dgi,
    group: 1,
    accept: acceptLabelledKey,
  },
  {
    kind: 'api_secret',
    pattern: /(?<![A-Za-z0-9])bearer[ \t]{1,5}([A-Za-z0-9_\-+/=.~]{20,2048})/dgi,
    group: 1,
    accept: acceptLabelledKey,
  },
];

function findingsOf(text: string, { kind, pattern, group, accept }: SecretPattern): SecretFinding[] {
  const findings: SecretFinding[] = [];
  for (const match of text.matchAll(pattern)) {
    const [start, end] = group === 0 ? [match.index, match.index + match[0].length] : (match.indices?.[group] ?? [0, 0]);
    const acceptedEnd = accept ? accept(text.slice(start, end), text, end) : end;
    if (acceptedEnd === null) continue;
    const secret = text.slice(start, acceptedEnd);
    findings.push({ kind, label: SECRET_KIND_LABELS[kind], start, end: acceptedEnd, excerpt: maskSecret(secret) });
  }
  return findings;
}

/**
 * Adds `candidates` (sorted, from one pattern) to `accepted` (sorted, non-overlapping) except
 * those overlapping an accepted finding: a JWT after `token=` is one JWT, not also a token.
 */
function mergeWithoutOverlaps(accepted: SecretFinding[], candidates: SecretFinding[]): SecretFinding[] {
  const merged: SecretFinding[] = [];
  let next = 0;
  for (const candidate of candidates) {
    while (next < accepted.length && (accepted[next] as SecretFinding).start < candidate.start)
      merged.push(accepted[next++] as SecretFinding);
    const before = merged[merged.length - 1];
    const after = accepted[next];
    if (before && before.end > candidate.start) continue;
    if (after && after.start < candidate.end) continue;
    merged.push(candidate);
  }
  while (next < accepted.length) merged.push(accepted[next++] as SecretFinding);
  return merged;
}

/** Step 7: every secret in `text`, in the order they appear, none overlapping another. */
export function scanForSecrets(text: string): SecretFinding[] {
  return PATTERNS.reduce<SecretFinding[]>((accepted, pattern) => mergeWithoutOverlaps(accepted, findingsOf(text, pattern)), []);
}

function listOf(phrases: string[]): string {
  if (phrases.length <= 1) return phrases.join('');
  return `${phrases.slice(0, -1).join(', ')} and ${phrases[phrases.length - 1]}`;
}

/**
 * One sentence for the warning shown before sending, naming each kind once in the order
 * found; '' when there is nothing to warn about.
 */
export function describeSecrets(findings: readonly SecretFinding[]): string {
  if (findings.length === 0) return '';
  const phrases = [...new Set(findings.map((finding) => finding.kind))].map((kind) => SECRET_KIND_PHRASES[kind]);
  return (
    `This text looks like it contains ${listOf(phrases)}. ` +
    'Do not send secrets through Muster or chat; share them by phone or a controlled vault.'
  );
}
