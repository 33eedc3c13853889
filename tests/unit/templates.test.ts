import { describe, expect, it } from 'vitest';
import { PLAYBOOK_TEMPLATES, playbookTemplatesFor } from '../../src/domain/playbook-templates';
import { placeholdersOf, renderTemplate, type MessageTemplate, type TemplateValues } from '../../src/domain/templates';

const NOW = '2026-03-02T09:00:00.000Z';
const templates = playbookTemplatesFor('ws-northwind', NOW);

function template(kind: MessageTemplate['kind']): MessageTemplate {
  const found = templates.find((candidate) => candidate.kind === kind);
  if (!found) throw new Error(`No ${kind} template`);
  return found;
}

/** Every field of `tpl` filled with a recognisable value: "<key> value". */
function filledValues(tpl: MessageTemplate): TemplateValues {
  return Object.fromEntries(tpl.fields.map((field) => [field.key, `${field.key} value`]));
}

const LEADERSHIP_VALUES: TemplateValues = {
  incident_id: 'INC-2026-004',
  what_happened: 'A forwarding rule sent finance mail to an outside address.',
  detected_at: 'Mon 2 Mar, 08:40',
  affected: 'Finance mailbox; invoices from the last 10 days',
  still_active: 'No, rule removed 09:05',
  actions_taken: 'Rule removed, password reset, MFA re-enrolled',
  decisions_needed: 'Notify the insurer today?',
  support_required: 'Approval to engage Harbor IR',
  next_update: '12:00 today',
};

describe('filling in a message template', () => {
  it('fills every placeholder with what the responder typed', () => {
    const message = renderTemplate(template('leadership_update'), LEADERSHIP_VALUES);

    expect(message.subject).toBe('INC-2026-004: incident update');
    expect(message.text).toBe(
      [
        'What happened: A forwarding rule sent finance mail to an outside address.',
        'Detected: Mon 2 Mar, 08:40',
        'May be affected (systems, users, data): Finance mailbox; invoices from the last 10 days',
        'Still active: No, rule removed 09:05',
        'Actions taken: Rule removed, password reset, MFA re-enrolled',
        'Decisions needed: Notify the insurer today?',
        'Support required: Approval to engage Harbor IR',
        'Next update: 12:00 today',
      ].join('\n'),
    );
    expect(message.missing).toEqual([]);
  });

  it('shows a missing required field as [Label] and lists it as missing', () => {
    const partial: TemplateValues = { ...LEADERSHIP_VALUES, next_update: '   ' };
    delete partial.decisions_needed;

    const message = renderTemplate(template('leadership_update'), partial);

    expect(message.text).toContain('Decisions needed: [Decisions needed]');
    expect(message.text).toContain('Next update: [When the next update will be provided]');
    expect(message.missing).toEqual(['Decisions needed', 'When the next update will be provided']);
  });

  it('lists every required field as missing when nothing was typed yet', () => {
    const tpl = template('vendor_request');

    const message = renderTemplate(tpl, {});

    expect(message.missing).toEqual(tpl.fields.filter((field) => field.required).map((field) => field.label));
    expect(message.subject).toBe('[Incident ID]: urgent support request ([Account or contract number])');
  });

  it('trims what was typed around a value', () => {
    const message = renderTemplate(template('alternate_channel_notice'), {
      ...filledValues(template('alternate_channel_notice')),
      alternate_channel: '  Signal group "IR team"  ',
    });

    expect(message.subject).toBe('Use Signal group "IR team" from now on');
  });
});

describe('hostile text in a template value', () => {
  const HOSTILE = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>'];

  for (const value of HOSTILE) {
    it(`keeps ${value} as the literal text that was typed`, () => {
      const message = renderTemplate(template('leadership_update'), { ...LEADERSHIP_VALUES, what_happened: value });

      expect(message.text).toContain(`What happened: ${value}\n`);
    });
  }

  it('does not expand a placeholder typed inside a value', () => {
    const message = renderTemplate(template('leadership_update'), {
      ...LEADERSHIP_VALUES,
      what_happened: 'See {{support_required}} and {{ incident_id }}',
    });

    expect(message.text).toContain('What happened: See {{support_required}} and {{ incident_id }}\n');
    expect(message.subject).toBe('INC-2026-004: incident update');
  });

  it('keeps $ sequences that string replacement would otherwise interpret', () => {
    const message = renderTemplate(template('leadership_update'), { ...LEADERSHIP_VALUES, support_required: "Budget $& $1 $$ $' $`" });

    expect(message.text).toContain("Support required: Budget $& $1 $$ $' $`\n");
  });
});

describe("the playbook's templates", () => {
  it('starts every workspace with the five playbook templates, owned by that workspace', () => {
    expect(templates.map((tpl) => tpl.kind)).toEqual([
      'leadership_update',
      'employee_instructions',
      'vendor_request',
      'insurance_legal_notice',
      'alternate_channel_notice',
    ]);
    for (const tpl of templates) {
      expect(tpl.workspace_id).toBe('ws-northwind');
      expect(tpl.id.startsWith('ws-northwind:')).toBe(true);
    }
  });

  for (const tpl of PLAYBOOK_TEMPLATES) {
    it(`"${tpl.name}" has a field for every placeholder, and uses every field`, () => {
      const placeholders = placeholdersOf(tpl);
      const fieldKeys = tpl.fields.map((field) => field.key);

      expect([...placeholders].sort()).toEqual([...fieldKeys].sort());
      expect(new Set(fieldKeys).size).toBe(fieldKeys.length);
    });

    it(`"${tpl.name}" leaves no placeholder and nothing missing once every field is filled`, () => {
      const full = playbookTemplatesFor('ws', NOW).find((candidate) => candidate.kind === tpl.kind) as MessageTemplate;

      const message = renderTemplate(full, filledValues(full));

      expect(`${message.subject}\n${message.text}`).not.toMatch(/\{\{|\[[^\]]+\]/);
      expect(message.missing).toEqual([]);
    });
  }

  it('asks leadership exactly the eight Step 2 points, in order, plus the incident id', () => {
    const tpl = template('leadership_update');

    expect(tpl.fields.map((field) => field.label)).toEqual([
      'Incident ID',
      'What happened',
      'When it was detected',
      'What systems, users or data may be affected',
      'Does the incident appear active?',
      'Immediate actions taken',
      'Decisions needed',
      'Support required',
      'When the next update will be provided',
    ]);
    expect(tpl.body.split('\n')).toHaveLength(8);
    expect(placeholdersOf({ subject: '', body: tpl.body })).toEqual([
      'what_happened',
      'detected_at',
      'affected',
      'still_active',
      'actions_taken',
      'decisions_needed',
      'support_required',
      'next_update',
    ]);
    expect(placeholdersOf({ subject: tpl.subject, body: '' })).toEqual(['incident_id']);
  });

  it('asks the vendor for everything Step 4 lists', () => {
    const text = renderTemplate(template('vendor_request'), filledValues(template('vendor_request'))).text;

    expect(text).toMatch(/^- Logs for /m);
    expect(text).toMatch(/^- Access history /m);
    expect(text).toMatch(/^- Session records /m);
    expect(text).toMatch(/^- All admin and configuration changes /m);
    expect(text).toMatch(/^- Recovery options /m);
    expect(text).toMatch(/^- Containment support: /m);
    expect(text).toMatch(/^- Written confirmation of every action you take$/m);
  });

  it('gives employees all eight Step 3 instructions', () => {
    const text = renderTemplate(template('employee_instructions'), {
      affected_system: 'the finance mailbox',
      alternate_channel: 'the staff phone bridge',
      report_to: 'Tom Becker, +1 202 555 0102',
      next_update: '14:00',
    }).text;

    for (const instruction of [
      '1. Do not open suspicious emails.',
      '2. Do not use the finance mailbox.',
      '3. Do not approve unexpected MFA prompts.',
      '4. Do not restart or wipe affected devices.',
      '5. Do not delete suspicious messages.',
      '6. Do not contact customers about the incident unless authorized.',
      '7. Use the staff phone bridge for work messages; email or chat may be compromised.',
      '8. Report any related suspicious activity immediately to Tom Becker, +1 202 555 0102.',
    ])
      expect(text).toContain(`\n${instruction}\n`);
  });

  it('tells the insurer this is an early notice while facts are being confirmed (Step 5)', () => {
    const text = renderTemplate(template('insurance_legal_notice'), filledValues(template('insurance_legal_notice'))).text;

    expect(text).toContain('This is an early notice; the investigation is ongoing and facts are still being confirmed.');
  });

  it('tells the team not to send secrets or evidence by chat (Step 7)', () => {
    const text = renderTemplate(template('alternate_channel_notice'), filledValues(template('alternate_channel_notice'))).text;

    expect(text).toContain('Do not send passwords, tokens, evidence files or logs by chat');
    expect(text).toContain('Do not discuss the incident on compromised_channel value.');
  });
});
