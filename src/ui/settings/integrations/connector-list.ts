/**
 * Reads the workspace's connectors (chat, status page, tickets, evidence storage) and the
 * user's role from the backend. Answers are checked here, at the edge: a connector of a kind
 * this version does not know (a newer server) is left out, never a crash.
 */
import * as v from 'valibot';
import { CONNECTOR_KINDS, type Connector } from '../../../domain/connectors';
import type { MusterApp } from '../../app/muster-app';

const connectorSchema = v.object({
  id: v.string(),
  kind: v.picklist(CONNECTOR_KINDS),
  name: v.string(),
  // Each kind's settings (none of them secret); keys another kind uses are simply absent.
  config: v.object({
    site: v.optional(v.string()),
    stream: v.optional(v.string()),
    bot_email: v.optional(v.string()),
    status: v.optional(v.number()),
    group: v.optional(v.string()),
    customer: v.optional(v.string()),
    name: v.optional(v.string()),
    email: v.optional(v.string()),
    service_desk_id: v.optional(v.string()),
    request_type_id: v.optional(v.string()),
    organisation: v.optional(v.string()),
    user: v.optional(v.string()),
    folder: v.optional(v.string()),
  }),
  has_secret: v.boolean(),
  last_ok_at: v.nullable(v.string()),
  last_error: v.nullable(v.string()),
  last_error_at: v.nullable(v.string()),
}) satisfies v.GenericSchema<unknown, Connector>;

export interface IntegrationsView {
  connectors: Connector[];
  /** Owners and communication owners set connectors up; everyone else may only use them. */
  canManage: boolean;
}

function readConnectors(answer: unknown): Connector[] {
  const rows = Array.isArray(answer) ? answer : [];
  return rows.flatMap((row) => {
    const parsed = v.safeParse(connectorSchema, row);
    return parsed.success ? [parsed.output] : [];
  });
}

export async function listConnectors(app: MusterApp): Promise<Connector[]> {
  const session = await app.sync.session();
  return readConnectors(await session.call('list_connectors', { p_workspace_id: app.settings().workspace_id }));
}

export async function readIntegrations(app: MusterApp): Promise<IntegrationsView> {
  const session = await app.sync.session();
  const workspaceId = app.settings().workspace_id;
  const [answer, workspaces] = await Promise.all([session.call('list_connectors', { p_workspace_id: workspaceId }), session.workspaces()]);
  const connectors = readConnectors(answer);
  const role = workspaces.find((workspace) => workspace.id === workspaceId)?.role;
  return { connectors, canManage: role === 'owner' || role === 'comm_owner' };
}
