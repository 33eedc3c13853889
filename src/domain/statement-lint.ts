import { scanForSecrets, SECRET_KIND_PHRASES } from './secret-scanner';

/**
 * Step 6: "External statements should be accurate, limited to known facts, and reviewed."
 * Reads a draft statement and points at the phrases the playbook warns about, each with
 * what to write instead. Most findings are warnings for the reviewer; only an unverified
 * "no data was affected" and a secret stop the statement from being sent.
 *
 * Borderline phrases, decided once here:
 * - A commitment to communicate is not a promised outcome: "We will share an update by
 *   17:00" and "we will notify affected customers within 72 hours" pass. A deadline in a
 *   sentence about restoring, fixing or being back is a promise ("Email will be back by
 *   17:00"), and so is a deadline in a sentence that is about neither (it reads as one).
 *   A deadline in a sentence that only reports the past ("removed from all mailboxes by
 *   09:05") is a fact, not a promise.
 * - "will be restored", "fully restored", "fully contained" are promised or unconfirmed
 *   outcomes even without a date; "we are restoring" and "we will restore" describe work.
 * - Guarded no-data wording ("we have no evidence that any data was accessed") is still a
 *   no-data claim: readers hear "no data was affected", so it needs the verified finding.
 * - "may be affected" is honest uncertainty and passes; "may have been caused by" guesses a
 *   cause and is speculation. "suspected" as an adjective ("a suspected phishing email") is
 *   the usual factual term and passes; "we suspect" is speculation.
 * - Any IPv4 address is an internal detail: a private one maps the network, a public one is
 *   usually an attacker's and belongs in the report to law enforcement, not the statement.
 */

export const STATEMENT_RULES = ['speculation', 'blame', 'promise', 'no_data_claim', 'secret', 'internal_detail'] as const;

export type StatementRule = (typeof STATEMENT_RULES)[number];

export const STATEMENT_RULE_LABELS: Record<StatementRule, string> = {
  speculation: 'Speculation',
  blame: 'Blame',
  promise: 'Unconfirmed promise',
  no_data_claim: 'Unverified "no data affected"',
  secret: 'Secret',
  internal_detail: 'Internal detail',
};

/** Step 6: "customers, partners, vendors, regulators, law enforcement, media, website visitors, and the public". */
export const STATEMENT_AUDIENCES = [
  { id: 'customers', label: 'Customers' },
  { id: 'partners', label: 'Partners' },
  { id: 'vendors', label: 'Vendors' },
  { id: 'regulators', label: 'Regulators' },
  { id: 'law_enforcement', label: 'Law enforcement' },
  { id: 'media', label: 'Media' },
  { id: 'website', label: 'Website visitors' },
  { id: 'public', label: 'The public' },
] as const;

export type StatementAudience = (typeof STATEMENT_AUDIENCES)[number]['id'];

export interface StatementContext {
  /** The investigation has confirmed that no data was affected (Step 6's "unless that has been verified"). */
  verifiedNoDataFinding: boolean;
}

export interface StatementFinding {
  rule: StatementRule;
  /** What is wrong and what to write instead, for someone who is not a lawyer or an engineer. */
  message: string;
  /** UTF-16 offsets into the statement. */
  start: number;
  end: number;
  /** The text at start..end; for a secret, its masked excerpt, so findings can be shown or logged. */
  match: string;
  /** True only for an unverified no-data claim and a secret: the statement must not go out. */
  blocking: boolean;
}

interface PhraseCheck {
  rule: Exclude<StatementRule, 'secret'>;
  /** Global, case-insensitive, Unicode; run on the text with curly apostrophes made straight. */
  pattern: RegExp;
  message: (match: string) => string;
  /** Second look with the clause and the sentence around the match; false drops it. */
  applies?: (clause: string, sentence: string) => boolean;
}

/** Phrase source to pattern: whole words only ("probably", never "improbably"), any run of spaces. */
function words(...phrases: string[]): RegExp {
  const body = phrases.map((phrase) => phrase.replace(/ /g, '\\s+')).join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${body})(?![\\p{L}\\p{N}_])`, 'giu');
}

const ACTOR =
  '(?:employee|staff member|member of staff|staff|colleague|worker|intern|trainee|contractor|subcontractor|' +
  'vendor|supplier|(?:it |hosting |cloud |managed )?(?:service )?provider|msp|managed service provider|partner|' +
  'third(?:-| )party|administrator|admin|user)s?';
const NUMBER_WORD =
  '(?:\\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty-four|forty-eight|seventy-two|a few|a couple of)';
const DURATION = '(?:minutes?|hours?|days?|weeks?|months?|(?:business|working) days?)';
const WEEKDAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]{0,6}';
/** Word starts that make a deadline a promised outcome ("restored", "fixing", "back online"). */
const OUTCOME =
  /(?<!\p{L})(?:restor|resolv|fix|recover|repair|back online|back up|back to normal|returns? to normal|up and running|operational|available again|normal service|working again)/iu;
/** Word starts that make a deadline a commitment to communicate ("an update", "notify", "contact you"). */
const COMMUNICATION =
  /(?<!\p{L})(?:(?:an?|further|next|regular|full|written|another|the|status) update|update (?:you|customers|everyone|this)|updating|inform|notif|contact (?:you|affected|all|customers|each|them)|share|publish|post (?:an?|the|updates?)|let (?:you|customers|everyone) know|tell you|write to|reach out|(?:email|call|phone|text) (?:you|them|affected|all|customers)|send|report (?:to|back)|brief|announce|respond|reply)/iu;

const PAST_TENSE = /(?<!\p{L})(?:was|were|had|has been|have been|did)(?!\p{L})/iu;
const FUTURE_TENSE = /(?<!\p{L})(?:will|shall|going to|expect|expected|aim|plan|intend|hope|should)(?!\p{L})|'ll(?!\p{L})/iu;

const DO_INSTEAD_SPECULATION = 'Say only what has been confirmed, or say that it is being investigated.';
const DO_INSTEAD_PROMISE = 'Promise only what is confirmed: say what is being done and when the next update will come.';

const PHRASE_CHECKS: readonly PhraseCheck[] = [
  {
    rule: 'speculation',
    pattern: words(
      'we (?:believe|think|suspect|assume|guess|feel)',
      'it (?:appears|seems|looks like)',
      '(?:appears|seems|is believed|are believed) to (?:have been|be)',
      '(?:most |highly |very )?likely',
      'unlikely',
      'probably',
      'possibly',
      'perhaps',
      'presumably',
      'apparently',
      '(?:may|might|could) have been (?:caused by|due to|triggered by|the result of)',
      '(?:our )?(?:initial |working |preliminary )?theory is',
    ),
    message: (match) => `"${match}" is a guess. ${DO_INSTEAD_SPECULATION}`,
  },
  {
    rule: 'blame',
    pattern: words(
      'human error',
      'user error',
      'negligen(?:ce|t)(?: of)?',
      'careless(?:ness)?',
      'incompeten(?:ce|t)',
      '(?:is|are|was|were) to blame',
      'blamed? on',
      '(?:we|they) blame',
      'at fault',
      '(?:the )?fault of',
      '(?:a |the )?mistake (?:by|of|made by|on the part of)(?! (?:which|whom|that)(?![\\p{L}]))',
      '(?:an |the )?(?:error|failure) (?:by|made by|on the part of)(?! (?:which|whom|that)(?![\\p{L}]))',
      `caused by (?:an?|the|our|one of our|a single|a former|a new) ${ACTOR}`,
      `(?:an?|the|our|one of our) ${ACTOR}(?:'s|s')? (?:error|mistake|failure|fault|oversight|negligence)`,
      `${ACTOR} (?:failed|neglected|forgot) to`,
      "[\\p{L}\\p{N}&-]{1,40}(?:'s|s') (?:error|mistake|fault|oversight|negligence)",
    ),
    message: (match) =>
      `"${match}" puts blame on someone. Describe what happened, not who is at fault; responsibility is for the review after the incident.`,
  },
  {
    rule: 'promise',
    pattern: words(
      'will be (?:fully |completely )?(?:restored|resolved|fixed|recovered|repaired|back online|back up|back to normal|up and running|operational|available again|secure)',
      'will have (?:\\p{L}{1,30} ){0,3}(?:restored|resolved|fixed|back online)',
      '(?:is |are )?expected to be (?:fully )?(?:restored|resolved|fixed|back online|back)',
      '(?:fully|completely) (?:restored|resolved|recovered|fixed|operational|contained|remediated)',
      '(?:completely|fully|totally|100\\s?%|perfectly) (?:secure|safe|protected)',
      'guarantee(?:s|d)?',
      'we promise',
      '(?:assure|reassure) you',
      'no further (?:impact|disruption|risk|outages?|issues?|downtime|problems?)',
      "(?:will|can|won't) never happen again",
      "(?:will not|won't) happen again",
    ),
    message: (match) => `"${match}" promises an outcome that is not confirmed yet. ${DO_INSTEAD_PROMISE}`,
  },
  {
    // A deadline is a promise unless the sentence commits only to communicating.
    rule: 'promise',
    pattern: words(
      `within (?:the )?(?:next )?${NUMBER_WORD} ${DURATION}`,
      'within (?:the|an?|one) (?:hour|day|week)',
      `in the next ${NUMBER_WORD} ${DURATION}`,
      `by (?:tomorrow|tonight|today|this (?:morning|afternoon|evening|weekend)|(?:the )?end of (?:the )?(?:day|week|month|business day)|(?:the )?close of business|eod|cob|noon|midnight|${WEEKDAY}|next week)`,
      'by \\d{1,2}(?::\\d{2})?\\s?(?:a\\.?m\\.?|p\\.?m\\.?)',
      'by \\d{1,2}:\\d{2}',
      `by (?:the )?\\d{1,2}(?:st|nd|rd|th)? (?:of )?${MONTH}`,
    ),
    message: (match) =>
      `"${match}" sets a deadline for an outcome that is not confirmed. ${DO_INSTEAD_PROMISE} A time for the next update is fine.`,
    applies: (clause, sentence) => {
      // "removed from all mailboxes by 09:05" reports what happened; only the future promises.
      if (PAST_TENSE.test(sentence) && !FUTURE_TENSE.test(sentence)) return false;
      if (OUTCOME.test(clause)) return true;
      if (COMMUNICATION.test(clause)) return false;
      return OUTCOME.test(sentence) || !COMMUNICATION.test(sentence);
    },
  },
  {
    rule: 'no_data_claim',
    pattern: words(
      'no (?:[\\p{L}\\p{N}-]{1,40} ){0,4}?(?:data|information|records|details|files|emails) (?:(?:was|were|has|have|had|is|are) )?(?:(?:been|being) )?(?:affected|accessed|compromised|impacted|exposed|stolen|leaked|exfiltrated|lost|breached|taken|viewed|copied|involved|at risk)',
      "(?:data|information|records|details|files) (?:was|were|has|have|had|is|are)\\s?(?:not|n't) (?:been )?(?:affected|accessed|compromised|impacted|exposed|stolen|leaked|exfiltrated|lost|breached|taken|viewed|copied|involved|at risk)",
      '(?:data|information|records|details|files) (?:is|are|was|were|remains?|remained|stays?) (?:completely |fully |entirely |still )?(?:safe|secure|protected|unaffected|untouched|intact)',
      "(?:did|does|do|has|have)\\s?(?:not|n't) (?:affect(?:ed)?|impact(?:ed)?|involved?|exposed?|compromised?) (?:any )?(?:[\\p{L}-]{1,40} ){0,2}?(?:data|information|records)",
      'nothing (?:was|has been|had been) (?:stolen|taken|accessed|lost|copied|leaked|exfiltrated)',
    ),
    message: (match) =>
      `"${match}" says no data was affected, and that has not been verified. Remove it, or say what is known: "We are investigating whether any data was affected."`,
  },
  {
    rule: 'internal_detail',
    pattern:
      /(?<![\p{L}\p{N}_.-])[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,10}\.(?:local|internal|lan|corp|intranet|localdomain|home\.arpa)(?![\p{L}\p{N}_-])/giu,
    message: (match) => `"${match}" is an internal server name. Leave it out: it helps attackers and means nothing to readers.`,
  },
  {
    rule: 'internal_detail',
    pattern:
      /(?<![\p{L}\p{N}_.-])(?:dc|fs|srv|svr|sql|db|exch|nas|vm|esxi?|hv|rds|ts|bkp|backup|file|print)[-_]?(?:[a-z]{2,10}[-_]?)?\d{2,3}(?![\p{L}\p{N}_-])/giu,
    message: (match) => `"${match}" is an internal server name. Leave it out: it helps attackers and means nothing to readers.`,
  },
  {
    rule: 'internal_detail',
    pattern:
      /(?<![\p{N}.])(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(?!\d|\.\d)/gu,
    message: (match) =>
      isPrivateIpv4(match)
        ? `"${match}" is an internal network address. Leave it out of external statements.`
        : `"${match}" is an IP address. Leave it out; technical indicators go to investigators and law enforcement, not the statement.`,
  },
  {
    rule: 'internal_detail',
    pattern: /\\\\[\p{L}\p{N}_.$-]{1,63}(?:\\[^\\\s"'<>|]{1,255}){0,20}|(?<![\p{L}\p{N}])[a-z]:\\[^\s"'<>|]{0,255}/giu,
    message: (match) => `"${match}" is an internal file path. Leave it out of external statements.`,
  },
];

function isPrivateIpv4(address: string): boolean {
  const [a, b] = address.split('.').map(Number) as [number, number];
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a === 127;
}

/** The text around start..end up to the nearest `boundary` on each side, looking at most 300 characters either way. */
function around(text: string, start: number, end: number, boundary: RegExp): string {
  const before = text.slice(Math.max(0, start - 300), start);
  const after = text.slice(end, end + 300);
  let from = 0;
  for (const found of before.matchAll(boundary)) from = found.index + found[0].length;
  const to = after.search(boundary);
  return before.slice(from) + text.slice(start, end) + (to < 0 ? after : after.slice(0, to));
}

const SENTENCE_END = /[.!?](?=\s|$)|\n/g;
const CLAUSE_END = /[.!?;,:](?=\s|$)|\n|\s(?:and|but|or|once|when|after|until)\s/gi;

interface Hit {
  rule: StatementRule;
  start: number;
  end: number;
  message: (match: string) => string;
  /** Set for a secret: what the finding shows instead of the secret itself. */
  maskedMatch?: string;
}

/** True when only spaces separate `from` and `to`, or nothing does. */
function touches(text: string, from: number, to: number): boolean {
  return to <= from || /^\s+$/.test(text.slice(from, to));
}

/**
 * Hits of one rule that overlap or touch (only spaces between) become one finding, so
 * "will be restored by tomorrow" is one promise, not two.
 */
function mergeSameRule(hits: Hit[], text: string): Hit[] {
  const merged: Hit[] = [];
  const lastOf = new Map<StatementRule, Hit>();
  for (const hit of hits) {
    const last = lastOf.get(hit.rule);
    if (last && hit.rule !== 'secret' && touches(text, last.end, hit.start)) {
      last.end = Math.max(last.end, hit.end);
      continue;
    }
    merged.push(hit);
    lastOf.set(hit.rule, hit);
  }
  return merged;
}

function findingOf(hit: Hit, text: string): StatementFinding {
  const match = text.slice(hit.start, hit.end);
  return {
    rule: hit.rule,
    message: hit.message(match),
    start: hit.start,
    end: hit.end,
    match: hit.maskedMatch ?? match,
    blocking: hit.rule === 'no_data_claim' || hit.rule === 'secret',
  };
}

/**
 * Step 6: the phrases in a draft statement that speculate, blame, promise unconfirmed
 * outcomes, claim unverified "no data affected", leak a secret or show internal details,
 * sorted by position. A no-data claim is not reported at all once the investigation has
 * verified it.
 */
export function lintStatement(text: string, context: StatementContext): StatementFinding[] {
  // Curly apostrophes become straight ones; one UTF-16 unit each, so positions stay the same.
  const normalised = text.replace(/[\u2018\u2019\u02bc]/g, "'");
  const hits: Hit[] = [];
  for (const check of PHRASE_CHECKS) {
    if (check.rule === 'no_data_claim' && context.verifiedNoDataFinding) continue;
    for (const found of normalised.matchAll(check.pattern)) {
      const start = found.index;
      const end = start + found[0].length;
      if (check.applies) {
        const clause = around(normalised, start, end, CLAUSE_END);
        const sentence = around(normalised, start, end, SENTENCE_END);
        if (!check.applies(clause, sentence)) continue;
      }
      hits.push({ rule: check.rule, start, end, message: check.message });
    }
  }
  for (const secret of scanForSecrets(text)) {
    const message = () =>
      `This looks like ${SECRET_KIND_PHRASES[secret.kind]}. Remove it: secrets never go into a statement; share them by phone or a controlled vault.`;
    hits.push({ rule: 'secret', start: secret.start, end: secret.end, message, maskedMatch: secret.excerpt });
  }
  hits.sort((a, b) => a.start - b.start || STATEMENT_RULES.indexOf(a.rule) - STATEMENT_RULES.indexOf(b.rule));
  return mergeSameRule(hits, normalised).map((hit) => findingOf(hit, text));
}

/** Step 6: a statement may go to review and sending only when nothing blocks it. */
export function canSend(findings: readonly StatementFinding[]): boolean {
  return findings.every((finding) => !finding.blocking);
}
