import { createResource, type Resource } from 'solid-js';
import { isTicketKind, type Connector } from '../../../domain/connectors';
import { perApp } from '../../app/phone-notifications';
import { signedInToBackend } from '../../app/muster-app';
import { listConnectors } from '../../settings/integrations/connector-list';

export interface TicketConnectors {
  /** The workspace's ticket and case tools; undefined while not signed in or not read yet. */
  list: Resource<Connector[] | undefined>;
  signedIn: () => boolean;
  /** Reads the list again if the last read is older than a minute (a connector set up since). */
  freshen(): void;
}

const STALE_MS = 60_000;

/**
 * One read of the connector list for every ticket button of the app (an incident can show
 * dozens of follow-up cards), again after sign-in, a change of workspace, or a minute.
 */
export const useTicketConnectors: () => TicketConnectors = perApp((app) => {
  let readAt = 0;
  const signedIn = () => signedInToBackend(app.settings());
  const source = () => (signedIn() ? `${app.settings().backend_url}\n${app.settings().account?.user_id}\n${app.settings().workspace_id}` : false);
  const [list, { refetch }] = createResource(source, async () => {
    readAt = Date.now();
    return (await listConnectors(app)).filter((connector) => isTicketKind(connector.kind));
  });
  return {
    list,
    signedIn,
    freshen() {
      if (signedIn() && readAt > 0 && Date.now() - readAt > STALE_MS && !list.loading) void refetch();
    },
  };
});
