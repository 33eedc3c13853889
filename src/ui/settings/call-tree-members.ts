import type { Incident } from '../../domain/incident';
import type { WorkspaceSettings } from '../../domain/workspace';
import { listCallTrees } from '../../store/call-runs';
import { listLogPage } from '../../store/log-repository';
import type { MusterDatabase } from '../../store/open-database';
import { listPulledPage } from '../../store/pulled-log';
import { memberNameSuggestions } from './call-tree-draft';

/** How far back the log is read for authors' names: enough to meet the whole team, cheap on a long log. */
const RECENT_ENTRIES = 200;

/**
 * The names the call-tree editor offers as callers: this phone's user, the incidents' owners
 * and deputies, the callers of every tree, and the authors of the current incident's recent
 * entries, this phone's and the team's.
 */
export async function knownMemberNames(db: MusterDatabase, settings: WorkspaceSettings, incidents: readonly Incident[]): Promise<string[]> {
  const incidentId = settings.current_incident_id;
  const [trees, own, team] = await Promise.all([
    listCallTrees(db, settings.workspace_id),
    incidentId ? listLogPage(db, settings.workspace_id, incidentId, {}, { limit: RECENT_ENTRIES }) : null,
    incidentId ? listPulledPage(db, settings.workspace_id, incidentId, { limit: RECENT_ENTRIES }) : null,
  ]);
  return memberNameSuggestions([
    settings.author_name,
    ...incidents.flatMap((incident) => [incident.comm_owner, incident.comm_deputy]),
    ...trees.flatMap((tree) => tree.nodes.flatMap((node) => node.callers)),
    ...(own?.entries ?? []).map((entry) => entry.author),
    ...(team?.entries ?? []).map((entry) => entry.author),
  ]);
}
