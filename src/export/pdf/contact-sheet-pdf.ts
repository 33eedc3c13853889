/**
 * The emergency contact sheet as a PDF, made on the phone and offline: A4 or Letter to pin
 * up, or wallet-card pages (bank-card size) to cut out and carry.
 */
import { versionLabel, type ContactSheet } from '../../domain/contact-sheet';
import { formatIncidentTime } from '../../domain/leadership-update';
import type { PaperSize } from './paper';
import { PdfTextWriter, type Run } from './text-writer';

function methodRuns(method: ContactSheet['groups'][number]['contacts'][number]['methods'][number]): Run[] {
  const runs: Run[] = [{ text: `${method.channel}${method.label ? ` (${method.label})` : ''}: `, tone: 'muted' }, { text: method.value, font: 'bold' }];
  if (method.available24x7) runs.push({ text: '  24/7', font: 'bold' });
  if (method.warning) runs.push({ text: `  ${method.warning}`, tone: 'danger' });
  return runs;
}

export async function renderContactSheetPdf(sheet: ContactSheet, paper: PaperSize, timeZone: string): Promise<Uint8Array> {
  let zone = timeZone;
  try {
    formatIncidentTime(sheet.generatedAt, zone);
  } catch {
    zone = 'UTC';
  }
  const generated = formatIncidentTime(sheet.generatedAt, zone);
  const wallet = paper === 'wallet';
  const writer = await PdfTextWriter.create({
    paper,
    title: `Emergency contact sheet, ${sheet.workspaceName}`,
    header: `${sheet.workspaceName}: emergency contacts`,
    footer: `${generated}; list ${versionLabel(sheet.version)}`,
    author: sheet.workspaceName,
    createdAt: sheet.generatedAt,
  });

  if (!wallet) {
    writer.heading(`Emergency contact sheet: ${sheet.workspaceName}`, 1);
    writer.paragraph(`Generated ${generated} from the contact list version: ${versionLabel(sheet.version)}${sheet.version.lastChangedAt ? `, last changed ${formatIncidentTime(sheet.version.lastChangedAt, zone)}` : ''}. A printout with another fingerprint is out of date.`, { scale: 0.9 });
  }

  const plan = sheet.plan;
  writer.heading('Alternate-channel plan', wallet ? 3 : 2);
  writer.field('If email, chat or sign-in may be compromised, use in this order', plan.fallbackOrder.join(', '));
  writer.field('Response team bridge', plan.bridgeUrl ?? 'none set up: use phone calls');
  if (!wallet) writer.field('Contacts reachable off company systems', String(plan.outOfBandContacts));
  if (plan.incidentNotice) writer.field(`Now, for ${plan.incidentNotice.incidentId}`, plan.incidentNotice.text);
  if (!wallet) for (const rule of plan.rules) writer.paragraph(`- ${rule}`, { indent: 6, after: 0.05 });

  for (const group of sheet.groups) {
    writer.heading(group.title, wallet ? 3 : 2);
    for (const contact of group.contacts) {
      const who = [contact.organization, contact.role].filter((part) => part.trim() !== '').join(', ');
      writer.paragraph([{ text: contact.name, font: 'bold' }, { text: who ? ` - ${who}` : '' }, { text: contact.available24x7 ? '  [24/7]' : '', font: 'bold' }], { after: 0.05 });
      for (const method of contact.methods) writer.paragraph(methodRuns(method), { indent: wallet ? 4 : 12, after: 0.05 });
      for (const reference of contact.references) writer.field(reference.label || 'Reference', reference.value, { indent: wallet ? 4 : 12 });
      if (contact.notes.trim() !== '' && !wallet) writer.paragraph([{ text: contact.notes, font: 'italic' }], { indent: 12, after: 0.05 });
      writer.gap(wallet ? 0.15 : 0.3);
    }
  }
  if (sheet.groups.length === 0) writer.paragraph('No contacts yet.');
  return writer.save();
}
