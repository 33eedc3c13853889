-- Call trees, runs and checkoffs as the phone keeps them (issue 5), so a run started on one
-- phone, offline if need be, reaches the team with everything needed to work it:
--   * call_tree holds the tree's nodes (src/domain/call-tree.ts); the placeholder `steps`
--     and the tree-wide `no_answer_minutes` go (each node has its own wait);
--   * a run carries the tree as it was when the run started, and the contacts it names, so
--     a teammate can make their calls without the tree or the contacts on their phone, and
--     a later edit of the tree never rewrites a run; it no longer needs the tree on the server;
--   * a checkoff names the node, the member who called, whom and how;
--   * sync_push accepts runs (and alerts, raised from the phone); `call_runs_pull` returns
--     an incident's runs and checkoffs, which are small, for the phone to merge.

-- ---------------------------------------------------------------- call_tree

alter table public.call_tree drop column steps;
alter table public.call_tree drop column no_answer_minutes;
alter table public.call_tree add column nodes jsonb not null default '[]'::jsonb
  check (jsonb_typeof(nodes) = 'array' and jsonb_array_length(nodes) <= 500);
comment on column public.call_tree.nodes is
  'The calls, each {id, parent_id, order, contact_id, callers[], backup_contact_ids[], wait_minutes}; see src/domain/call-tree.ts.';

-- ---------------------------------------------------------------- call_run

alter table public.call_run drop constraint call_run_workspace_id_call_tree_id_fkey;
-- The phone's id of the tree (a run no longer needs the tree on the server).
alter table public.call_run alter column call_tree_id type text using call_tree_id::text;
alter table public.call_run add constraint call_run_tree_id_length check (length(call_tree_id) <= 100);
alter table public.call_run add column tree_version integer not null default 1;
alter table public.call_run add column tree jsonb not null default '{}'::jsonb
  check (jsonb_typeof(tree) = 'object' and pg_column_size(tree) <= 262144);
alter table public.call_run add column contacts jsonb not null default '{}'::jsonb
  check (jsonb_typeof(contacts) = 'object' and pg_column_size(contacts) <= 262144);
alter table public.call_run add column started_by_name text not null default ''
  check (length(started_by_name) <= 200);
comment on column public.call_run.tree is 'The call tree as it was when the run started; the run is read against it.';
comment on column public.call_run.contacts is
  'The contacts the tree names, as the starting phone had them ({id: {name, methods}}), so every caller can dial.';

-- ---------------------------------------------------------------- checkoff

alter table public.checkoff alter column contact_id type text using contact_id::text;
alter table public.checkoff add column node_id text not null default '' check (length(node_id) <= 100);
alter table public.checkoff add column caller text not null default '' check (length(caller) <= 200);
alter table public.checkoff add column method text not null default '' check (length(method) <= 200);
alter table public.checkoff add constraint checkoff_note_length check (length(note) <= 2000);
comment on column public.checkoff.caller is 'The member who made the call, as named on their phone.';

-- ---------------------------------------------------------------- sync

create or replace function private.pushable_label(table_name text) returns text
language sql immutable
set search_path = ''
as $$
  select case table_name
    when 'log_entry' then 'log entries'
    when 'decision' then 'decisions'
    when 'call_run' then 'call-tree runs'
    when 'checkoff' then 'call outcomes'
    when 'alert' then 'team alerts'
    when 'alert_ack' then 'alert acknowledgements'
    when 'statement_approval' then 'statement approvals'
    when 'channel_state' then 'channel states'
  end
$$;

create function public.call_runs_pull(p_workspace_id uuid, p_incident_id text) returns jsonb
language sql stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'runs', coalesce((
      select jsonb_agg(jsonb_build_object(
               'id', r.id, 'workspace_id', r.workspace_id, 'incident_id', r.incident_id,
               'tree_id', r.call_tree_id, 'tree_version', r.tree_version, 'tree', r.tree,
               'contacts', r.contacts, 'started_at', private.iso_millis(r.started_at), 'started_by', r.started_by_name)
             order by r.started_at, r.id)
        from public.call_run r
       where r.workspace_id = p_workspace_id and r.incident_id = p_incident_id), '[]'::jsonb),
    'checkoffs', coalesce((
      select jsonb_agg(jsonb_build_object(
               'id', c.id, 'workspace_id', c.workspace_id, 'run_id', c.call_run_id, 'node_id', c.node_id,
               'caller', c.caller, 'contact_id', c.contact_id, 'method', c.method,
               'outcome', c.outcome, 'note', c.note, 'at', private.iso_millis(c.called_at))
             order by c.called_at, c.id)
        from public.checkoff c
        join public.call_run r on r.workspace_id = c.workspace_id and r.id = c.call_run_id
       where r.workspace_id = p_workspace_id and r.incident_id = p_incident_id), '[]'::jsonb))
$$;
comment on function public.call_runs_pull(uuid, text) is
  'An incident''s call-tree runs and every checkoff in them, in the phone''s shape. Invoker: RLS decides what is returned.';
create index checkoff_run_called_idx on public.checkoff (workspace_id, call_run_id, called_at);

grant execute on function public.call_runs_pull(uuid, text) to authenticated, service_role;
