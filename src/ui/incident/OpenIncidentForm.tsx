import { createSignal } from 'solid-js';
import { validateOwnerAssignment } from '../../domain/coordination';
import type { Incident } from '../../domain/incident';
import { incidentPrefill } from '../../domain/monitor-alert';
import type { TeamAlert } from '../../domain/team-alert';
import { logNote } from '../../store/incident-actions';
import { logOpenedFromAlert } from '../../store/team-alerts';
import { openIncident } from '../../store/workspace-repository';
import { ErrorAlert } from '../app/ErrorAlert';
import { describedBy, FormField } from '../app/FormField';
import { useMuster } from '../app/muster-app';

type Errors = Partial<Record<'title' | 'owner' | 'deputy' | 'save', string>>;

/**
 * Opening an incident (Step 1): a short title and the one person who coordinates
 * communication, with a deputy. Logged as the first decision of the incident. Opened from a
 * monitor alert (`fromAlert`, issue 7), the title starts as the alert's and the log also says
 * which monitor alert it came from.
 */
export function OpenIncidentForm(props: { fromAlert?: TeamAlert; onOpened?: (incident: Incident) => void }) {
  const app = useMuster();
  // The prefill is read once: the responder's edits are theirs from then on.
  const [title, setTitle] = createSignal(props.fromAlert ? incidentPrefill(props.fromAlert).title : '');
  const [owner, setOwner] = createSignal(app.settings().author_name);
  const [deputy, setDeputy] = createSignal('');
  const [errors, setErrors] = createSignal<Errors>({});
  const [busy, setBusy] = createSignal(false);

  const open = async (event: SubmitEvent) => {
    event.preventDefault();
    const found: Errors = { ...validateOwnerAssignment({ owner: owner(), deputy: deputy() }) };
    if (title().trim() === '') found.title = 'Give the incident a short title, e.g. "Finance mailbox compromised".';
    if (deputy().trim() === '' && !found.deputy) found.deputy = 'Name a deputy, who takes over when the owner cannot be reached.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const people = { owner: owner().trim(), deputy: deputy().trim() };
      const incident = await openIncident(app.db, app.settings(), title(), new Date(), people);
      const summary = `Opened ${incident.id}: ${incident.title}. Communication owner: ${people.owner}; deputy: ${people.deputy}.`;
      await logNote(app.db, app.settings(), incident.id, { type: 'decision', contacted: 'Incident team', method: 'Muster', summary, decision: summary, owner: people.owner });
      if (props.fromAlert) {
        await logOpenedFromAlert(app.db, app.settings(), incident.id, props.fromAlert);
        // The acknowledgement stops the team's reminders to this user: send it now.
        app.sync.soon();
      }
      await app.reloadWorkspace({ ...app.settings(), current_incident_id: incident.id });
      setTitle('');
      setDeputy('');
      props.onOpened?.(incident);
    } catch (failure) {
      setErrors({ save: `Not opened: ${(failure as Error).message}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="open-incident" onSubmit={open} novalidate aria-labelledby="open-incident-title">
      <h2 id="open-incident-title">Open a new incident</h2>
      <FormField id="new-incident" label="Incident title" error={errors().title}>
        <input id="new-incident" value={title()} placeholder="Short title" onInput={(event) => setTitle(event.currentTarget.value)} {...describedBy('new-incident', errors().title)} />
      </FormField>
      <FormField id="new-incident-owner" label="Communication owner" hint="The one person who makes sure the right people get accurate updates." error={errors().owner}>
        <input id="new-incident-owner" value={owner()} autocomplete="name" onInput={(event) => setOwner(event.currentTarget.value)} {...describedBy('new-incident-owner', errors().owner)} />
      </FormField>
      <FormField id="new-incident-deputy" label="Deputy" error={errors().deputy}>
        <input id="new-incident-deputy" value={deputy()} onInput={(event) => setDeputy(event.currentTarget.value)} {...describedBy('new-incident-deputy', errors().deputy)} />
      </FormField>
      <button type="submit" class="primary wide" disabled={busy()}>
        Open incident
      </button>
      <ErrorAlert message={errors().save} />
    </form>
  );
}
