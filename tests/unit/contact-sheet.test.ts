import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildContactSheet, contactListVersion } from '../../src/domain/contact-sheet';
import { CONTACT_CATEGORIES, type Contact } from '../../src/domain/contacts';
import { demoContacts } from '../../src/domain/demo-workspace';
import type { MusterDatabase } from '../../src/store/open-database';
import { listContacts, saveContact } from '../../src/store/workspace-repository';
import { openTestDatabase } from './test-database';

const NOW = '2026-03-02T10:00:00.000Z';

function contact(overrides: Partial<Contact>): Contact {
  return {
    id: crypto.randomUUID(),
    workspace_id: 'demo',
    name: 'Someone',
    organization: '',
    role: '',
    category: 'msp',
    methods: [],
    references: [],
    notes: '',
    priority: 1,
    version: 1,
    updated_at: '2026-03-01T09:00:00.000Z',
    ...overrides,
  };
}

const sheetOf = (contacts: readonly Contact[], extra: Partial<Parameters<typeof buildContactSheet>[0]> = {}) =>
  buildContactSheet({ workspaceName: 'Northwind', contacts, bridgeUrl: '', incident: null, generatedAt: NOW, ...extra });

describe('the emergency contact sheet', () => {
  let db: MusterDatabase;
  beforeEach(async () => {
    db = await openTestDatabase();
  });
  afterEach(() => db.close());

  it('groups the stored list by category in the playbook order, each group by priority, with every method, 24/7 marker and reference', async () => {
    for (const stored of demoContacts('2026-03-01T09:00:00.000Z')) await saveContact(db, stored);
    const contacts = await listContacts(db, 'demo');
    const sheet = sheetOf(contacts);

    const order = sheet.groups.map((group) => CONTACT_CATEGORIES.indexOf(group.category));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(sheet.groups.flatMap((group) => group.contacts)).toHaveLength(contacts.length);
    for (const group of sheet.groups) {
      const priorities = group.contacts.map((entry) => entry.priority);
      expect(priorities).toEqual([...priorities].sort((a, b) => a - b));
    }
    const methods = sheet.groups.flatMap((group) => group.contacts.flatMap((entry) => entry.methods));
    expect(methods).toHaveLength(contacts.reduce((sum, stored) => sum + stored.methods.length, 0));

    const insurance = sheet.groups.find((group) => group.category === 'cyber_insurance')!;
    expect(insurance.title).toBe('Cyber insurance');
    expect(insurance.contacts[0]!.references).toEqual([{ label: 'Policy', value: 'CY-2026-118834' }]);
    const edr = sheet.groups.find((group) => group.category === 'endpoint_protection')!.contacts[0]!;
    expect(edr.available24x7).toBe(true);
    expect(edr.methods[0]).toMatchObject({ channel: 'Phone', value: '+1 202 555 0114', label: 'Incident line', available24x7: true, warning: null });
  });

  it('puts a same-priority tie in name order and keeps a category a newer version added, last', () => {
    const sheet = sheetOf([
      contact({ name: 'Zed', category: 'legal' }),
      contact({ name: 'Amy', category: 'legal' }),
      contact({ name: 'First', category: 'legal', priority: 0 }),
      contact({ name: 'Future', category: 'space_agency' as Contact['category'] }),
      contact({ name: 'Boss', category: 'leadership' }),
    ]);
    expect(sheet.groups.map((group) => [group.title, group.contacts.map((entry) => entry.name)])).toEqual([
      ['Leadership', ['Boss']],
      ['Legal', ['First', 'Amy', 'Zed']],
      ['space_agency', ['Future']],
    ]);
  });

  it('prints the alternate-channel plan: fallback order, the bridge, and during an incident which channels to avoid', () => {
    const phone = contact({ methods: [{ id: 'm1', channel: 'phone', value: '+1 202 555 0101', label: 'Mobile', available_24x7: true }] });
    const mail = contact({ methods: [{ id: 'm2', channel: 'corporate_email', value: 'it@example.com', label: 'Work', available_24x7: false }] });
    const calm = sheetOf([phone, mail], { bridgeUrl: ' https://meet.jit.si/northwind ' });
    expect(calm.plan).toMatchObject({ bridgeUrl: 'https://meet.jit.si/northwind', outOfBandContacts: 1, incidentNotice: null });
    expect(calm.plan.fallbackOrder[0]).toBe('Phone calls');
    expect(calm.plan.fallbackOrder.at(-1)).toBe('Corporate email');
    expect(calm.plan.rules).toHaveLength(3);

    const during = sheetOf([phone, mail], { incident: { id: 'INC-2026-004', channels: { identity_provider: 'compromised' } } });
    expect(during.plan.incidentNotice?.text).toContain('Do not discuss the incident on: Corporate email (compromised via Identity provider / SSO) and Chat (compromised via Identity provider / SSO).');
    const flagged = during.groups.flatMap((group) => group.contacts).flatMap((entry) => entry.methods).find((method) => method.value === 'it@example.com')!;
    expect(flagged.warning).toContain('do not use it for this incident');
  });

  it('says which version of the list it shows: count, newest change, and a fingerprint any edit changes', () => {
    const a = contact({ id: 'a', updated_at: '2026-03-01T09:00:00.000Z' });
    const b = contact({ id: 'b', updated_at: '2026-03-02T08:00:00.000Z', references: [{ label: 'Contract', value: 'C-1' }] });
    const version = contactListVersion([a, b]);
    expect(version).toMatchObject({ count: 2, lastChangedAt: '2026-03-02T08:00:00.000Z' });
    expect(version.fingerprint).toMatch(/^[0-9a-f]{14}$/);
    expect(contactListVersion([b, a])).toEqual(version);
    expect(contactListVersion([a, { ...b, references: [{ label: 'Contract', value: 'C-2' }] }]).fingerprint).not.toBe(version.fingerprint);
    expect(contactListVersion([a]).fingerprint).not.toBe(version.fingerprint);
    expect(contactListVersion([])).toMatchObject({ count: 0, lastChangedAt: null });
    expect(sheetOf([a, b]).version).toEqual(version);
  });
});
