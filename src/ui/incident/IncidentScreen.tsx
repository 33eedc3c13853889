import { lazy, Match, onCleanup, Show, Suspense, Switch, type Component } from 'solid-js';
import type { Incident } from '../../domain/incident';
import { useMuster } from '../app/muster-app';
import { createSectionRoute } from '../app/screens';
import { Cockpit } from './Cockpit';
import { OpenIncidentForm } from './OpenIncidentForm';
import { INCIDENT_SECTIONS, type IncidentSectionId } from './sections';

type SectionProps = { incident: Incident };

// Each step loads when opened, from the service worker's precache when offline.
const SECTION_VIEWS: Record<Exclude<IncidentSectionId, 'readiness'>, Component<SectionProps>> = {
  owner: lazy(() => import('./sections/OwnerSection').then((m) => ({ default: m.OwnerSection }))),
  calls: lazy(() => import('./calls/CallsSection').then((m) => ({ default: m.CallsSection }))),
  leadership: lazy(() => import('./sections/LeadershipSection').then((m) => ({ default: m.LeadershipSection }))),
  employees: lazy(() => import('./sections/EmployeesSection').then((m) => ({ default: m.EmployeesSection }))),
  escalation: lazy(() => import('./sections/EscalationSection').then((m) => ({ default: m.EscalationSection }))),
  legal: lazy(() => import('./sections/LegalSection').then((m) => ({ default: m.LegalSection }))),
  statements: lazy(() => import('./sections/StatementsSection').then((m) => ({ default: m.StatementsSection }))),
  channels: lazy(() => import('./sections/ChannelsSection').then((m) => ({ default: m.ChannelsSection }))),
  alerts: lazy(() => import('./alerts/AlertsSection').then((m) => ({ default: m.AlertsSection }))),
  decisions: lazy(() => import('./sections/DecisionsSection').then((m) => ({ default: m.DecisionsSection }))),
  report: lazy(() => import('./report/ReportSection').then((m) => ({ default: m.ReportSection }))),
};
// Readiness is the workspace's, not an incident's: it opens with no incident too.
const ReadinessSection = lazy(() => import('./sections/ReadinessSection').then((m) => ({ default: m.ReadinessSection })));

/** The current incident: the cockpit, and from it each step of the playbook. */
export function IncidentScreen() {
  const app = useMuster();
  const route = createSectionRoute();
  onCleanup(route.dispose);
  const current = () => INCIDENT_SECTIONS.find((section) => section.id === route.section());
  return (
    <section class="screen incident-screen" aria-labelledby="incident-screen-title">
      <Show
        when={app.currentIncident()}
        fallback={
          <>
            <h1 id="incident-screen-title">Incident</h1>
            <p class="empty">No incident is open. Open one here, naming the one person who coordinates communication.</p>
            <OpenIncidentForm />
            <Show when={route.section() === 'readiness'} fallback={<a href="#incident/readiness">Is the company ready? Check the playbook’s nine outputs</a>}>
              <Suspense fallback={<p>Opening…</p>}>
                <ReadinessSection />
              </Suspense>
            </Show>
          </>
        }
      >
        {(incident) => (
          <Show when={current()} fallback={<Cockpit incident={incident()} />}>
            {(section) => (
              <>
                <a class="back-link" href="#incident">
                  ‹ Incident cockpit
                </a>
                <h1 id="incident-screen-title">
                  <span class="step-label">{section().step}</span> {section().title}
                </h1>
                <Suspense fallback={<p>Opening…</p>}>
                  <Switch>
                    <Match when={section().id === 'readiness'}>
                      <ReadinessSection incident={incident()} />
                    </Match>
                    {Object.entries(SECTION_VIEWS).map(([id, View]) => (
                      <Match when={section().id === id}>
                        <View incident={incident()} />
                      </Match>
                    ))}
                  </Switch>
                </Suspense>
              </>
            )}
          </Show>
        )}
      </Show>
    </section>
  );
}
