import { describe, expect, it } from 'vitest';
import { describeSecrets, maskSecret, scanForSecrets, type SecretKind } from '../../src/domain/secret-scanner';

// Fake but well-formed values. Vendor prefixes are joined at run time so repository secret
// scanners (which look for the literal prefix) do not mistake this file for a leak.
const join = (...parts: string[]) => parts.join('');
const AWS_ACCESS_KEY = join('AK', 'IA2E0A8F3B244C9986');
const AWS_SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'; // AWS's documentation example
const GITHUB_TOKEN = join('gh', 'p_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d');
const GITHUB_FINE_GRAINED = join('github', '_pat_IBXuDL7DxtpYlSXpfKtHF4_vUCsMehGAkWvj7FAc9QeWJKY40uvSwMFLZDe1f8rESQedUStPKR0CsTy4Qw');
const GITLAB_TOKEN = join('gl', 'pat-b8DwkNhFdnXsiVpzz63F');
const SLACK_TOKEN = join('xo', 'xb-2750190633-5831007724916-Kq8ZrTn4vWcP1sLd6YbH3mJx');
const STRIPE_KEY = join('sk', '_live_51Hc8ZpajAIxNKu8iS2G8NPRVdD53X8');
const GOOGLE_KEY = join('AI', 'zafkCzJr4i0B3JrTAwR4y9ojfljoQoaF1Llqs');
// jwt.io's public example: header {"alg":"HS256","typ":"JWT"}.
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

function pem(type: string): string {
  return [
    `-----BEGIN ${type}PRIVATE KEY-----`,
    'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj',
    'MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu',
    `-----END ${type}PRIVATE KEY-----`,
  ].join('\n');
}

/** The one finding in `text`, after checking there is exactly one. */
function onlyFinding(text: string) {
  const findings = scanForSecrets(text);
  expect(findings).toHaveLength(1);
  return findings[0] as (typeof findings)[number];
}

describe('Step 7: finding secrets before they are sent through chat', () => {
  const formats: { name: string; kind: SecretKind; before: string; secret: string; after: string; excerpt: string }[] = [
    { name: 'an AWS access key id', kind: 'aws_access_key', before: 'MSP used key ', secret: AWS_ACCESS_KEY, after: ' on the backup bucket', excerpt: 'AKIA…' },
    { name: 'a temporary AWS key id', kind: 'aws_access_key', before: 'AWS_ACCESS_KEY_ID=', secret: join('AS', 'IAY34FZKBOKMUTVV7A'), after: '\n', excerpt: 'ASIA…' },
    { name: 'a labelled AWS secret key', kind: 'aws_secret_key', before: 'aws_secret_access_key = ', secret: AWS_SECRET_KEY, after: '\nregion = eu-central-1', excerpt: 'wJal…' },
    { name: 'an AWS secret key in JSON', kind: 'aws_secret_key', before: '{"SecretAccessKey": "', secret: AWS_SECRET_KEY, after: '"}', excerpt: 'wJal…' },
    { name: 'a GitHub personal access token', kind: 'github_token', before: 'use ', secret: GITHUB_TOKEN, after: ' for the runner', excerpt: 'ghp_…' },
    { name: 'a GitHub app token', kind: 'github_token', before: 'token ', secret: join('gh', 's_KLzdocJ2isAjIhKtJ0RlgLKOmxgJTeKdNnFR'), after: '.', excerpt: 'ghs_…' },
    { name: 'a GitHub fine-grained token', kind: 'github_token', before: 'PAT: ', secret: GITHUB_FINE_GRAINED, after: '', excerpt: 'gith…' },
    { name: 'a GitLab token', kind: 'gitlab_token', before: 'CI uses ', secret: GITLAB_TOKEN, after: ' (rotate!)', excerpt: 'glpa…' },
    { name: 'a Slack bot token', kind: 'slack_token', before: 'bot: ', secret: SLACK_TOKEN, after: ' ', excerpt: 'xoxb…' },
    { name: 'a Stripe live secret key', kind: 'stripe_key', before: 'stripe ', secret: STRIPE_KEY, after: ' in the shop config', excerpt: 'sk_l…' },
    { name: 'a Stripe restricted key', kind: 'stripe_key', before: '', secret: join('rk', '_live_3RZJzzzzgEOzdmenajAIxNKu'), after: '', excerpt: 'rk_l…' },
    { name: 'a Google API key', kind: 'google_api_key', before: 'maps key=', secret: GOOGLE_KEY, after: '&x=1', excerpt: 'AIza…' },
    { name: 'a JWT in an Authorization header', kind: 'jwt', before: 'Authorization: Bearer ', secret: JWT, after: '\n', excerpt: 'eyJh…' },
    { name: 'an RSA private key', kind: 'private_key', before: 'key:\n', secret: pem('RSA '), after: '\nthanks', excerpt: '----…' },
    { name: 'an OpenSSH private key', kind: 'private_key', before: '', secret: pem('OPENSSH '), after: '', excerpt: '----…' },
    { name: 'an EC private key', kind: 'private_key', before: 'x ', secret: pem('EC '), after: '', excerpt: '----…' },
    { name: 'an encrypted private key', kind: 'private_key', before: '', secret: pem('ENCRYPTED '), after: ' end', excerpt: '----…' },
    { name: 'a PKCS#8 private key', kind: 'private_key', before: '', secret: pem(''), after: '', excerpt: '----…' },
    { name: 'a password after "password:"', kind: 'password', before: 'VPN user ops, password: ', secret: 'Sommer2026!', after: '', excerpt: 'Som…' },
    { name: 'a password after "pwd="', kind: 'password', before: 'login?user=ops&pwd=', secret: 'hunter22', after: '&lang=en', excerpt: 'hu…' },
    { name: 'a German "Passwort"', kind: 'password', before: 'Passwort: ', secret: 'Fruehling#2026', after: '.', excerpt: 'Frue…' },
    { name: 'a password after "pass:"', kind: 'password', before: 'admin pass: ', secret: 'Kx7#mQ2v', after: ' for the NAS', excerpt: 'Kx…' },
    { name: 'an environment variable password', kind: 'password', before: 'DB_PASSWORD="', secret: 'r8!Lp2Qz#vN', after: '"', excerpt: 'r8!…' },
    { name: 'a password in an ADO connection string', kind: 'password', before: 'Server=sql01;User Id=sa;Password=', secret: 'Tr0ub4dor&3', after: ';Database=ledger', excerpt: 'Tr0…' },
    { name: 'a PostgreSQL URL with credentials', kind: 'connection_string', before: 'DATABASE_URL=', secret: 'postgres://fin_app:Rv8%23Lp2Qz', after: '@db.northwind.example:5432/ledger', excerpt: 'post…' },
    { name: 'a MongoDB SRV URL with credentials', kind: 'connection_string', before: '', secret: 'mongodb+srv://ops:Xy9kL2mN', after: '@cluster0.ab1cd.mongodb.net/admin', excerpt: 'mong…' },
    { name: 'a Redis URL with only a password', kind: 'connection_string', before: 'cache at ', secret: 'redis://:S3cretPass', after: '@cache:6379', excerpt: 'redi…' },
    { name: 'a labelled API key', kind: 'api_secret', before: 'api_key=', secret: '9f8Ke2LmQ7xZ3vB1nR5tW0yU', after: ' ', excerpt: '9f8K…' },
    { name: 'a labelled client secret', kind: 'api_secret', before: 'CLIENT_SECRET: "', secret: 'Qm3v-8sLx_2pR7tK9wZ4yN1c', after: '"', excerpt: 'Qm3v…' },
    { name: 'a token in a reset link', kind: 'api_secret', before: 'https://portal.example/reset?token=', secret: 'Zx81KqPm4TvB7cWn2RdL5yHs', after: '', excerpt: 'Zx81…' },
    { name: 'an opaque bearer token', kind: 'api_secret', before: 'Authorization: Bearer ', secret: 'a8Fk2LmQ9xZ3vB1nR5tW0yUe7Hc', after: '', excerpt: 'a8Fk…' },
  ];

  for (const format of formats) {
    it(`finds ${format.name} at its exact position, with a masked excerpt`, () => {
      const text = format.before + format.secret + format.after;
      const finding = onlyFinding(text);
      expect(finding.kind).toBe(format.kind);
      expect(finding.start).toBe(format.before.length);
      expect(finding.end).toBe(format.before.length + format.secret.length);
      expect(text.slice(finding.start, finding.end)).toBe(format.secret);
      expect(finding.excerpt).toBe(format.excerpt);
      expect(finding.excerpt).not.toContain(format.secret);
    });
  }

  it('labels each finding for the warning', () => {
    expect(onlyFinding(`key ${AWS_ACCESS_KEY}`).label).toBe('AWS access key');
    expect(onlyFinding('password: Sommer2026!').label).toBe('password');
  });

  it('drops the full stop that ends the sentence from a password', () => {
    const finding = onlyFinding('The new password is set. Password: Sommer2026.');
    expect(finding.excerpt).toBe('Som…');
    expect(finding.end).toBe('The new password is set. Password: Sommer2026'.length);
  });

  it('never shows a short secret whole: a third of it at most', () => {
    expect(maskSecret('abcd')).toBe('a…');
    expect(maskSecret('hunter2')).toBe('hu…');
    expect(maskSecret(AWS_ACCESS_KEY)).toBe('AKIA…');
    expect(onlyFinding('pwd=abcd').excerpt).toBe('a…');
  });

  it('does not take base64 JSON without a signing algorithm for a JWT', () => {
    // header {"typ":"x"}
    expect(scanForSecrets('eyJ0eXAiOiJ4In0.eyJzdWIiOiIxIn0.c2ln')).toEqual([]);
  });
});

describe('no false alarms on what incident logs normally contain', () => {
  const benign = [
    'Call the MSP on +1 555 0100 and ask for the on-call engineer.',
    'Berlin office: 0049 30 1234567',
    'Front desk (555) 010-0199, after hours 555-010-0142',
    'Incident INC-2026-004 opened at 08:40.',
    'Entry id 3f2b8c1e-9d4a-4e7b-8f16-2c5d9a0b7e41 corrects the earlier one.',
    'Vendor ticket BB-88121, escalated to priority 1.',
    'Mailbox export sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    'Evidence hash e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 stored in the vault.',
    'Commit 4f3a2b1c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a deployed the fix.',
    '2026-03-02T09:05:00Z; Mon 2 Mar, 08:40; 02/03/2026 17:00',
    'Write to security@northwind.example or j.doe+incident@partner.example.',
    'Status page: https://status.northwind.example/incidents/4?ref=mail#latest',
    'Portal https://user@portal.example/path (user name only) and postgres://db.northwind.example:5432/ledger',
    'Please reset the password of the finance mailbox.',
    'Revoke the token and re-enrol MFA.',
    'The attacker connected from 203.0.113.7; the file server is 10.20.30.40, VPN 192.168.1.10.',
    'Password: reset at 09:05 by IT.',
    'password: ********',
    'Passwords: rotated for 14 accounts',
    'DB_PASSWORD=${DB_PASSWORD} in the deployment file',
    'api_key=your_api_key_here',
    'token=aaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    'The secret: keep calm and call the bridge.',
    'Password manager: Bitwarden, the password is never in chat.',
    'Password is required for the VPN; pass: the laptop to IT.',
    'Firewall bypass: disabled. Compass: north.',
    'The AKIA prefix marks AWS keys; AKIAIOSF is too short.',
    'xoxb-not-a-token is what the docs say.',
    'Stripe test key sk_test_4eC39HqLyjWDarjtT1zdp7dc cannot move money.',
    'Release v2.14.0-rc.1, case number 2026/03/0042-A, cost 1,250.00 EUR.',
    'eyJ0eXAiOiJ4In0.eyJzdWIiOiIxIn0.c2ln',
  ];

  it.each(benign)('finds nothing in %j', (text) => {
    expect(scanForSecrets(text)).toEqual([]);
  });

  it('has at least 20 benign samples', () => {
    expect(benign.length).toBeGreaterThanOrEqual(20);
  });
});

describe('several secrets in one text', () => {
  const text = [
    `Temporary access for Harbor IR: key ${AWS_ACCESS_KEY}`,
    'VPN password: Sommer2026!',
    'DATABASE_URL=postgres://fin_app:Rv8Lp2Qz@db.northwind.example/ledger',
    `CI token ${GITHUB_TOKEN}`,
  ].join('\n');

  it('reports them in the order they appear', () => {
    expect(scanForSecrets(text).map((finding) => finding.kind)).toEqual([
      'aws_access_key',
      'password',
      'connection_string',
      'github_token',
    ]);
  });

  it('reports each span once: a JWT after "token=" is a JWT, a key after "api_key=" is an AWS key', () => {
    expect(scanForSecrets(`token=${JWT}`).map((finding) => finding.kind)).toEqual(['jwt']);
    expect(scanForSecrets(`api_key=${AWS_ACCESS_KEY}`).map((finding) => finding.kind)).toEqual(['aws_access_key']);
    expect(scanForSecrets(`password=${GITHUB_TOKEN}`).map((finding) => finding.kind)).toEqual(['github_token']);
  });

  it('warns in one sentence naming each kind once', () => {
    expect(describeSecrets(scanForSecrets(`Key ${AWS_ACCESS_KEY}, password: Sommer2026!, second key ${join('AK', 'IA9Z8Y7X6W5V4U3T2S1R')}`))).toBe(
      'This text looks like it contains an AWS access key and a password. ' +
        'Do not send secrets through Muster or chat; share them by phone or a controlled vault.',
    );
    expect(describeSecrets(scanForSecrets(text))).toBe(
      'This text looks like it contains an AWS access key, a password, a connection string with a password and a GitHub token. ' +
        'Do not send secrets through Muster or chat; share them by phone or a controlled vault.',
    );
  });

  it('has nothing to say when nothing was found', () => {
    expect(describeSecrets([])).toBe('');
  });
});

describe('hostile and very long input', () => {
  const MEGABYTE = 1_000_000;
  const runs = ['a', '=', 'aB3+/', 'eyJ', 'password=', 'http://a:', 'ghp_', '-', 'AKIA', 'a.b-', ' '];

  it.each(runs)('scans a megabyte of %j to the end', (run) => {
    const text = run.repeat(Math.ceil(MEGABYTE / run.length));
    expect(Array.isArray(scanForSecrets(text))).toBe(true);
  });

  it('finds the secrets in a megabyte of ordinary log text', () => {
    const line = '2026-03-02T09:05:00Z fs01 sshd[4121]: session opened for user ops from 10.20.30.40 sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n';
    const log = line.repeat(Math.ceil(MEGABYTE / line.length));
    const text = `${log}leaked ${AWS_ACCESS_KEY}\n${log}password: Sommer2026!\n`;
    const findings = scanForSecrets(text);
    expect(findings.map((finding) => finding.kind)).toEqual(['aws_access_key', 'password']);
    expect(findings[0]?.start).toBe(log.length + 'leaked '.length);
  });

  it('finds a key that starts at the very end of a long base64 run only when it stands alone', () => {
    const blob = 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo'.repeat(30_000);
    expect(scanForSecrets(`${blob}${AWS_ACCESS_KEY}`)).toEqual([]);
    expect(scanForSecrets(`${blob} ${AWS_ACCESS_KEY}`).map((finding) => finding.kind)).toEqual(['aws_access_key']);
  });
});
