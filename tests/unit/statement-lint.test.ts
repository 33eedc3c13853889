import { describe, expect, it } from 'vitest';
import {
  canSend,
  lintStatement,
  STATEMENT_AUDIENCES,
  type StatementFinding,
  type StatementRule,
} from '../../src/domain/statement-lint';

const UNVERIFIED = { verifiedNoDataFinding: false };
const VERIFIED = { verifiedNoDataFinding: true };

const rulesOf = (findings: StatementFinding[]) => findings.map((finding) => finding.rule);

/**
 * Draft statements as responders write them, each with exactly the findings it must get.
 * The first half is acceptable: factual, limited to known facts, committing only to the
 * next update. The second half is what Step 6 tells the reviewer to catch.
 */
const CORPUS: [statement: string, rules: StatementRule[]][] = [
  [
    'On 2 March we detected unauthorised access to one staff mailbox. We have secured the account and are investigating with outside specialists. We will share an update by 17:00 today.',
    [],
  ],
  ['We are investigating a security incident affecting our email system. We will provide an update within 2 hours.', []],
  ['Some customers may be affected. We are contacting them directly.', []],
  ['Our online shop is currently unavailable. We are working to restore it and will post the next update at 15:00.', []],
  ['We have notified the data protection authority and are cooperating with their enquiries.', []],
  ['We will notify affected customers within 72 hours of confirming which accounts were involved.', []],
  [
    'If you received an unexpected invoice from us since 28 February, do not pay it; call our finance team on +1 555 0100.',
    [],
  ],
  [
    'We are still determining whether any personal information was involved. We will tell affected people directly if it was.',
    [],
  ],
  ['Out of caution, we have reset all staff passwords and turned on additional sign-in checks.', []],
  ['The incident is being handled by our response team with the support of an external forensic firm.', []],
  ['We reported the incident to the police on 3 March (case number 2026/03/0042-A).', []],
  ['At this stage we do not know how long the disruption will last. Next update by 12:00.', []],
  ['Please be cautious with emails that appear to come from us and ask you to change bank details.', []],
  ['We are restoring systems from backups in stages, starting with order processing.', []],
  [
    'A suspected phishing email was reported by a staff member at 08:40 and removed from all mailboxes by 09:05.',
    [],
  ],
  ['We take the security of your information seriously and are reviewing how this happened.', []],
  ['We have engaged Harbor IR, an independent incident response firm, to help us investigate.', []],
  ['We will contact each affected customer by email by Friday.', []],
  ['Customers can reach our support team at support@northwind.example or on (555) 010-0199.', []],
  [
    'We are aware of an outage affecting our customer portal. Our teams are investigating and we will share more information as soon as we have it.',
    [],
  ],
  ['By 17:00 today, we will publish a further update on this page.', []],
  ['Card payments on our website use a separate provider and were not part of the affected system.', []],
  ['Our payroll provider has confirmed their systems were not involved.', []],
  ['We cannot yet say whether data was affected.', []],
  ['We are informing the regulator within the 72-hour deadline.', []],
  ['We will update this page by 9 a.m. tomorrow.', []],
  ['The error by which some invoices were sent twice has been corrected.', []],

  ['We believe the attack was caused by an employee who clicked a phishing link.', ['speculation', 'blame']],
  ['The outage was due to our vendor’s error. Email will be restored by tomorrow.', ['blame', 'promise']],
  ['No customer data was accessed.', ['no_data_claim']],
  ['It appears that the MSP failed to apply a security patch.', ['speculation', 'blame']],
  ['All services will be fully restored within 24 hours.', ['promise']],
  ['Your data is safe and there will be no further impact.', ['no_data_claim', 'promise']],
  ['This was probably a targeted attack on our finance team.', ['speculation']],
  ['The breach was the result of human error by a contractor.', ['blame']],
  ['We guarantee this will never happen again.', ['promise', 'promise']],
  ['The attackers accessed fs01.corp.local and 10.0.4.12 before we blocked them.', ['internal_detail', 'internal_detail']],
  ['Files on \\\\fs01\\finance were encrypted.', ['internal_detail']],
  ['Customer systems are completely secure and the incident is fully contained.', ['promise', 'promise']],
  ['It seems likely that payment data was not affected.', ['speculation', 'no_data_claim']],
  ['The disruption was the fault of our hosting provider.', ['blame']],
  ['Systems are expected to be back online by end of day.', ['promise']],
  ['Possibly some invoices were changed, but no personal information was compromised.', ['speculation', 'no_data_claim']],
  ['The intrusion may have been caused by a misconfigured firewall.', ['speculation']],
  ['Due to Acme Hosting’s negligence, our website was offline for six hours.', ['blame']],
  ['Temporary portal login for auditors: user audit, password: Sommer2026!', ['secret']],
  ['Contact us at support@northwind.example; the incident did not affect any customer records.', ['no_data_claim']],
  ['Staff should connect to the VPN at 203.0.113.7 until dc01 is rebuilt.', ['internal_detail', 'internal_detail']],
  ['Service will return to normal by Monday.', ['promise']],
  ['We think nothing was stolen.', ['speculation', 'no_data_claim']],
  ['An intern’s mistake exposed the shared drive.', ['blame']],
  ['Customer data remains secure, and the outage will be resolved by 18:00.', ['no_data_claim', 'promise']],
  ['We have no evidence that any customer information was accessed.', ['no_data_claim']],
  ['The website will be back online within the hour.', ['promise']],
];

describe('Step 6: reviewing a statement before it goes out', () => {
  it('has a corpus of at least 40 statements, half of them acceptable', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
    expect(CORPUS.filter(([, rules]) => rules.length === 0).length).toBeGreaterThanOrEqual(20);
  });

  it.each(CORPUS)('%j gets exactly %j', (statement, rules) => {
    const findings = lintStatement(statement, UNVERIFIED);
    expect(rulesOf(findings)).toEqual(rules);
    for (const finding of findings) {
      expect(finding.message.length).toBeGreaterThan(20);
      if (finding.rule !== 'secret') expect(statement.slice(finding.start, finding.end)).toBe(finding.match);
    }
  });

  it('lets every acceptable statement be sent', () => {
    for (const [statement, rules] of CORPUS)
      if (rules.length === 0) expect(canSend(lintStatement(statement, UNVERIFIED))).toBe(true);
  });
});

describe('where a finding is and what it says', () => {
  it('points at the exact phrase', () => {
    const text = 'Update: we believe the cause is known.';
    expect(lintStatement(text, UNVERIFIED)).toEqual([
      {
        rule: 'speculation',
        message: '"we believe" is a guess. Say only what has been confirmed, or say that it is being investigated.',
        start: 8,
        end: 18,
        match: 'we believe',
        blocking: false,
      },
    ]);
  });

  it('reports findings in the order of the text, each once', () => {
    const text = 'Probably an intern’s mistake; no data was lost. It will be back by 18:00 on srv-fin-01.';
    const findings = lintStatement(text, UNVERIFIED);
    expect(rulesOf(findings)).toEqual(['speculation', 'blame', 'no_data_claim', 'promise', 'internal_detail']);
    expect(findings.map((finding) => finding.match)).toEqual([
      'Probably',
      'an intern’s mistake',
      'no data was lost',
      'by 18:00',
      'srv-fin-01',
    ]);
    const starts = findings.map((finding) => finding.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('joins overlapping phrases of one rule into one finding', () => {
    const [finding, ...rest] = lintStatement('Email will be restored by tomorrow.', UNVERIFIED);
    expect(rest).toEqual([]);
    expect(finding?.match).toBe('will be restored by tomorrow');
    expect(finding?.message).toContain('"will be restored by tomorrow"');
  });

  it('keeps a secret out of the finding: its match is the masked excerpt', () => {
    const [finding] = lintStatement('Use password: Sommer2026! to log in.', UNVERIFIED);
    expect(finding).toMatchObject({ rule: 'secret', start: 14, end: 25, match: 'Som…', blocking: true });
    expect(finding?.message).toBe(
      'This looks like a password. Remove it: secrets never go into a statement; share them by phone or a controlled vault.',
    );
    const [key] = lintStatement(`Key ${['AK', 'IA2E0A8F3B244C9986'].join('')} for the auditors.`, UNVERIFIED);
    expect(key).toMatchObject({ rule: 'secret', start: 4, end: 24, match: 'AKIA…', blocking: true });
    expect(key?.message).toContain('an AWS access key');
  });

  it('says a private address is internal and a public one is for investigators', () => {
    const [internal, external] = lintStatement('Traffic from 203.0.113.7 reached 192.168.10.5.', UNVERIFIED).reverse();
    expect(internal?.message).toContain('internal network address');
    expect(external?.message).toContain('law enforcement');
  });

  it('finds internal host names, private ranges and file paths', () => {
    const text = [
      'dc01.ad.northwind.internal',
      'nas.lan',
      'erp.corp',
      'mail01.northwind.local',
      '172.16.4.20',
      '172.31.255.1',
      '10.1.2.3',
      '\\\\backup01\\exports$\\march',
      'D:\\Finance\\Payroll',
    ].join(' and ');
    expect(rulesOf(lintStatement(text, UNVERIFIED))).toEqual(Array(9).fill('internal_detail'));
  });
});

describe('the verified no-data finding', () => {
  const claim = 'We have completed our investigation and no customer data was accessed.';

  it('blocks an unverified claim that no data was affected', () => {
    const findings = lintStatement(claim, UNVERIFIED);
    expect(findings).toMatchObject([{ rule: 'no_data_claim', match: 'no customer data was accessed', blocking: true }]);
    expect(canSend(findings)).toBe(false);
  });

  it('says nothing about the claim once the investigation has verified it', () => {
    const findings = lintStatement(claim, VERIFIED);
    expect(findings).toEqual([]);
    expect(canSend(findings)).toBe(true);
  });

  it.each([
    'No data was affected.',
    'No personal information was compromised.',
    'Data was not impacted.',
    'Your data is safe.',
    'Customer information has not been accessed.',
    'Personal data wasn’t exposed.',
    'The attack did not involve any payment data.',
  ])('treats %j as a no-data claim', (text) => {
    expect(rulesOf(lintStatement(text, UNVERIFIED))).toEqual(['no_data_claim']);
    expect(lintStatement(text, VERIFIED)).toEqual([]);
  });

  it('still blocks a secret and still warns about the rest when the finding is verified', () => {
    const findings = lintStatement('No data was affected. We believe it is over. pwd=Tr0ub4dor3', VERIFIED);
    expect(rulesOf(findings)).toEqual(['speculation', 'secret']);
    expect(canSend(findings)).toBe(false);
  });

  it('lets a statement with warnings only be sent: the reviewer decides', () => {
    const findings = lintStatement('We believe services will be restored by tomorrow.', UNVERIFIED);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((finding) => !finding.blocking)).toBe(true);
    expect(canSend(findings)).toBe(true);
  });
});

describe('commitments to communicate versus promised outcomes', () => {
  it.each([
    'We will share an update by 17:00 today.',
    'We will provide an update within 2 hours.',
    'We will notify affected customers within 72 hours.',
    'Next update by 12:00.',
    'We will let you know by end of day whether your account was involved.',
    'The mailbox was secured by 09:30.',
  ])('accepts %j', (text) => {
    expect(lintStatement(text, UNVERIFIED)).toEqual([]);
  });

  it.each([
    'Email will be restored by 17:00.',
    'We expect to restore all services within 24 hours.',
    'The portal should be back by Monday.',
    'Payroll will run by end of day.',
    'We will publish an update once systems are fixed, within 48 hours.',
    'Services will be back to normal by tomorrow.',
  ])('flags %j as a promise', (text) => {
    expect(rulesOf(lintStatement(text, UNVERIFIED))).toContain('promise');
  });
});

describe('apostrophes, case and word boundaries', () => {
  it('reads curly and straight apostrophes alike, reporting the text as written', () => {
    const curly = lintStatement('It was our vendor’s error.', UNVERIFIED);
    const straight = lintStatement("It was our vendor's error.", UNVERIFIED);
    expect(rulesOf(curly)).toEqual(['blame']);
    expect(rulesOf(straight)).toEqual(['blame']);
    expect(curly[0]?.match).toBe('our vendor’s error');
    expect(straight[0]?.match).toBe("our vendor's error");
    expect(rulesOf(lintStatement('Customer data hasn‘t been accessed.', UNVERIFIED))).toEqual(['no_data_claim']);
  });

  it('ignores case', () => {
    expect(rulesOf(lintStatement('WE BELIEVE THIS IS OVER. PROBABLY.', UNVERIFIED))).toEqual(['speculation', 'speculation']);
  });

  it('matches whole words only', () => {
    expect(lintStatement('That is improbably bad luck.', UNVERIFIED)).toEqual([]);
    expect(lintStatement('The likelihood is being assessed.', UNVERIFIED)).toEqual([]);
    expect(lintStatement('We are not blaming anyone; a suspected phishing email was reported.', UNVERIFIED)).toEqual([]);
    expect(lintStatement('Our blameless review starts Monday.', UNVERIFIED)).toEqual([]);
    expect(lintStatement('See version 1.2.3.4.5 and host vdc01x.', UNVERIFIED)).toEqual([]);
    expect(rulesOf(lintStatement('Probably, yes.', UNVERIFIED))).toEqual(['speculation']);
    expect(rulesOf(lintStatement('(probably)', UNVERIFIED))).toEqual(['speculation']);
  });

  it('matches across line breaks and repeated spaces', () => {
    expect(rulesOf(lintStatement('We\n  believe it is contained.', UNVERIFIED))).toEqual(['speculation']);
  });
});

describe('hostile input', () => {
  it('treats regular-expression characters as text', () => {
    const text = 'Status (.*)? [a-z]+ $^ \\ | {2,} we believe? (probably) +++ ***';
    const findings = lintStatement(text, UNVERIFIED);
    expect(findings.map((finding) => finding.match)).toEqual(['we believe', 'probably']);
    expect(findings[1]?.start).toBe(text.indexOf('probably'));
  });

  it.each([' ', 'a', 'no ', 'we ', '-', '.', 'a.', 'within 2 hours ', 'by 17:00 ', "vendor's ", '\\\\a', '1.1.1.'])(
    'lints a megabyte of %j to the end',
    (run) => {
      const text = run.repeat(Math.ceil(1_000_000 / run.length));
      expect(Array.isArray(lintStatement(text, UNVERIFIED))).toBe(true);
    },
  );

  it('lints a phrase start followed by a megabyte of spaces', () => {
    expect(lintStatement(`we${' '.repeat(1_000_000)}x`, UNVERIFIED)).toEqual([]);
    expect(rulesOf(lintStatement(`we${' '.repeat(1_000)}believe`, UNVERIFIED))).toEqual(['speculation']);
  });

  it('finds every problem in a very long statement', () => {
    const paragraph = 'We are investigating and will share an update by 17:00. ';
    const text = `${paragraph.repeat(10_000)}We believe no data was affected.`;
    const findings = lintStatement(text, UNVERIFIED);
    expect(rulesOf(findings)).toEqual(['speculation', 'no_data_claim']);
    expect(findings[0]?.start).toBe(paragraph.length * 10_000);
  });

  it('finds nothing in an empty statement', () => {
    expect(lintStatement('', UNVERIFIED)).toEqual([]);
    expect(canSend([])).toBe(true);
  });
});

describe('the audiences of Step 6', () => {
  it('lists every audience Step 6 names, with a label', () => {
    expect(STATEMENT_AUDIENCES.map((audience) => audience.id)).toEqual([
      'customers',
      'partners',
      'vendors',
      'regulators',
      'law_enforcement',
      'media',
      'website',
      'public',
    ]);
    for (const audience of STATEMENT_AUDIENCES) expect(audience.label).not.toBe('');
  });
});
