import { createMemo, createResource, For, Show } from 'solid-js';
import { buildContactSheet, versionLabel } from '../../../domain/contact-sheet';
import { formatIncidentTime } from '../../../domain/leadership-update';
import { listContacts } from '../../../store/workspace-repository';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useMuster } from '../../app/muster-app';
import { useWorkflowSettings } from '../../incident/workflow-settings';
import { AlternatePlan } from './AlternatePlan';
import { SheetContactItem } from './SheetContactItem';
import { SheetDownload } from './SheetDownload';

/**
 * The emergency contact list on paper (`#contacts/sheet`): grouped by category, every method
 * and reference number, the alternate-channel plan; when and from which list version.
 */
export function ContactSheetScreen() {
  const app = useMuster();
  const workflow = useWorkflowSettings();
  const [contacts] = createResource(() => app.settings().workspace_id, (workspaceId) => listContacts(app.db, workspaceId));
  const openIncident = () => {
    const incident = app.currentIncident();
    return incident?.status === 'open' ? incident : null;
  };
  const sheet = createMemo(() => {
    const list = contacts();
    if (!list) return undefined;
    return buildContactSheet({ workspaceName: app.settings().name, contacts: list, bridgeUrl: workflow().bridgeUrl, incident: openIncident(), generatedAt: new Date().toISOString() });
  });
  const time = (iso: string) => formatIncidentTime(iso, workflow().timeZone);
  return (
    <section class="screen printable" aria-labelledby="contact-sheet-title">
      <a class="back-link no-print" href="#contacts">
        ‹ Emergency contacts
      </a>
      <h1 id="contact-sheet-title">Emergency contact sheet</h1>
      <ErrorAlert message={contacts.error ? `The contact list could not be read (${(contacts.error as Error).message}). Nothing was lost; reopen Muster.` : null} />
      <Show when={sheet()} fallback={<p>Opening…</p>}>
        {(current) => (
          <>
            <SheetDownload sheet={current()} timeZone={workflow().timeZone} />
            <article class="contact-sheet" data-testid="contact-sheet">
              <p class="sheet-stamp" data-testid="sheet-version">
                {current().workspaceName}. Generated {time(current().generatedAt)} from list version {versionLabel(current().version)}
                <Show when={current().version.lastChangedAt}>{(changed) => <>, last changed {time(changed())}</>}</Show>. A printout with another fingerprint is out of date.
              </p>
              <AlternatePlan plan={current().plan} />
              <Show when={current().groups.length > 0} fallback={<p class="empty">No contacts yet: add them on the Contacts screen first.</p>}>
                <For each={current().groups}>
                  {(group) => (
                    <section class="sheet-group" aria-labelledby={`sheet-${group.category}`}>
                      <h2 id={`sheet-${group.category}`}>{group.title}</h2>
                      <ul class="sheet-list">
                        <For each={group.contacts}>{(contact) => <SheetContactItem contact={contact} />}</For>
                      </ul>
                    </section>
                  )}
                </For>
              </Show>
            </article>
          </>
        )}
      </Show>
    </section>
  );
}
