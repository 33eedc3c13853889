import { describe, expect, it } from 'vitest';
import type { ContactChannel } from '../../src/domain/contact-methods';
import type { Contact, ContactCategory } from '../../src/domain/contacts';
import {
  emailOffer,
  groupAddresses,
  groupMailHref,
  groupMembers,
  groupSmsHref,
  recipientsLabel,
  sendingChannels,
} from '../../src/domain/message-recipients';

let nextId = 0;
function contact(name: string, category: ContactCategory, methods: [ContactChannel, string][], priority = 1): Contact {
  nextId += 1;
  return {
    id: `c${nextId}`,
    workspace_id: 'w1',
    name,
    organization: 'Northwind Dental',
    role: '',
    category,
    methods: methods.map(([channel, value], index) => ({ id: `m${nextId}-${index}`, channel, value, label: '', available_24x7: false })),
    references: [],
    notes: '',
    priority,
    version: 1,
    updated_at: '2026-03-02T09:00:00.000Z',
  };
}

const maria = contact('Maria Lopez', 'leadership', [
  ['phone', '+1 202 555 0101'],
  ['sms', '+1 202 555 0101'],
  ['corporate_email', 'maria@northwind.example'],
  ['personal_email', 'maria.lopez@example.com'],
]);
const tom = contact('Tom Becker', 'leadership', [['sms', '+1 (202) 555-0102']], 2);
const allStaff = contact('All staff', 'employee_group', [
  ['sms', '+1 202 555 0103'],
  ['bridge', '+1 202 555 0104,,4455#'],
]);

describe('who a group message goes to', () => {
  it('takes only the group’s contacts, first-called first', () => {
    const members = groupMembers([tom, allStaff, maria], 'leadership', {});
    expect(members.map((member) => member.contact.name)).toEqual(['Maria Lopez', 'Tom Becker']);
  });

  it('hides methods on a compromised channel and says why', () => {
    const [member] = groupMembers([maria], 'leadership', { corporate_email: 'compromised' });
    expect(member?.offered.map((offer) => offer.method.channel)).toEqual(['phone', 'sms', 'personal_email']);
    expect(member?.hidden).toEqual([
      { method: maria.methods[2], reason: 'Corporate email is marked compromised: do not use it for this incident.' },
    ]);
  });

  it('hides corporate email when the identity provider it signs in through is compromised', () => {
    const [member] = groupMembers([maria], 'leadership', { identity_provider: 'compromised' });
    expect(member?.hidden[0]?.reason).toContain('signs in through Identity provider / SSO');
  });

  it('keeps a method on a suspect channel, with the warning not to send secrets on it', () => {
    const [member] = groupMembers([tom], 'leadership', { sms: 'suspect' });
    expect(member?.offered[0]?.warning).toContain('no sensitive incident details');
  });
});

describe('the addresses the group message goes to', () => {
  it('writes to each member once, on their first usable email and SMS number', () => {
    const addresses = groupAddresses(groupMembers([maria, tom], 'leadership', {}));
    expect(addresses.emails).toEqual([{ address: 'maria@northwind.example', channel: 'corporate_email' }]);
    expect(addresses.smsNumbers).toEqual(['+12025550101', '+12025550102']);
  });

  it('falls back to the personal address while corporate email is compromised', () => {
    const addresses = groupAddresses(groupMembers([maria], 'leadership', { corporate_email: 'compromised' }));
    expect(addresses.emails).toEqual([{ address: 'maria.lopez@example.com', channel: 'personal_email' }]);
  });

  it('sends no text to a bridge dial string or to a number on a compromised SMS channel', () => {
    expect(groupAddresses(groupMembers([allStaff], 'employee_group', { sms: 'compromised' })).smsNumbers).toEqual([]);
    const bridgeOnly = contact('Bridge', 'employee_group', [['sms', '+1 202 555 0104,,4455#']]);
    expect(groupAddresses(groupMembers([bridgeOnly], 'employee_group', {})).smsNumbers).toEqual([]);
  });

  it('leaves out an address that is not one', () => {
    const broken = contact('Broken', 'leadership', [['personal_email', 'javascript:alert(1)']]);
    expect(groupAddresses(groupMembers([broken], 'leadership', {})).emails).toEqual([]);
  });

  it('builds mailto and sms links with the text as body, encoded', () => {
    expect(groupMailHref(['a@example.com', 'b@example.com'], 'INC-1: update', 'Line 1\nA & B')).toBe(
      'mailto:a@example.com,b@example.com?subject=INC-1%3A%20update&body=Line%201%0AA%20%26%20B',
    );
    expect(groupSmsHref(['+12025550101', '+12025550102'], 'Do not open?')).toBe('sms:+12025550101,+12025550102?body=Do%20not%20open%3F');
  });
});

describe('the channels a message may be sent on', () => {
  it('offers every channel while all are safe, out-of-band first', () => {
    const { offered, hidden } = sendingChannels({});
    expect(offered.map((channel) => channel.label)).toEqual(['SMS', 'Phone', 'Conference bridge', 'Personal email', 'Chat', 'Corporate email', 'In person']);
    expect(hidden).toEqual([]);
  });

  it('hides compromised channels with the reason, and keeps suspect ones with the warning', () => {
    const { offered, hidden } = sendingChannels({ corporate_email: 'compromised', chat: 'suspect' });
    expect(hidden).toEqual([{ channel: 'corporate_email', label: 'Corporate email', note: 'Corporate email is marked compromised: do not use it for this incident.' }]);
    expect(offered.find((channel) => channel.channel === 'chat')?.note).toContain('Chat is marked suspect');
  });
});

describe('who the log says was contacted', () => {
  it('names the people, or the group when no one is named', () => {
    expect(recipientsLabel('Leadership', ['Maria Lopez', 'Tom Becker'])).toBe('Leadership: Maria Lopez, Tom Becker');
    expect(recipientsLabel('Leadership', [])).toBe('Leadership');
  });

  it('fits the log field, counting the rest', () => {
    const names = Array.from({ length: 30 }, (_, index) => `Person number ${index + 1}`);
    const label = recipientsLabel('Employee groups', names);
    expect(label.length).toBeLessThanOrEqual(200);
    expect(label).toMatch(/^Employee groups: Person number 1, .* and \d+ more$/);
  });
});

describe('offering email', () => {
  it('offers it freely while corporate email is safe', () => {
    expect(emailOffer([], {})).toEqual({ allowed: true, warning: null });
  });

  it('offers it to personal addresses only, with a reminder, while corporate email is compromised', () => {
    expect(emailOffer([], { corporate_email: 'compromised' }).allowed).toBe(false);
    expect(emailOffer([{ address: 'maria.lopez@example.com', channel: 'personal_email' }], { identity_provider: 'compromised' })).toEqual({
      allowed: true,
      warning: 'Corporate email signs in through Identity provider / SSO, which is marked compromised: do not use it for this incident. Send from a personal mailbox.',
    });
  });
});
