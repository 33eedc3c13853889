-- Notification duties (Step 5): insurer, regulator, customer or contract deadlines with
-- their trigger and clock. Editable records (status moves on), so they carry a version.

-- ---------------------------------------------------------------- types

create type public.obligation_status as enum ('open', 'met', 'missed', 'waived');

-- ---------------------------------------------------------------- tables

create table public.obligation (
  id uuid primary key,
  workspace_id uuid not null,
  incident_id text not null,
  kind text not null check (length(kind) between 1 and 40),
  counterparty text not null default '',
  trigger_description text not null default '',
  clock_started_at timestamptz,
  due_at timestamptz,
  status public.obligation_status not null default 'open',
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (workspace_id, incident_id) references public.incident (workspace_id, id)
);
comment on table public.obligation is
  'A notification duty with its due time; the incident cockpit counts it down (Step 5).';
create index obligation_workspace_incident_idx on public.obligation (workspace_id, incident_id);

-- ---------------------------------------------------------------- triggers

create trigger obligation_bump_version before update on public.obligation
  for each row execute function private.bump_version();

-- ---------------------------------------------------------------- row-level security

alter table public.obligation enable row level security;
alter table public.obligation force row level security;

-- ---------------------------------------------------------------- policies

create policy "Members can see obligations" on public.obligation
  for select to authenticated
  using (workspace_id in (select private.member_workspace_ids()));
create policy "Communication owners can add obligations" on public.obligation
  for insert to authenticated
  with check (private.has_role(workspace_id, '{owner,comm_owner}'));
create policy "Communication owners can update obligations" on public.obligation
  for update to authenticated
  using (private.has_role(workspace_id, '{owner,comm_owner}'))
  with check (private.has_role(workspace_id, '{owner,comm_owner}'));
-- No delete policy: a duty is waived, not deleted.

-- ---------------------------------------------------------------- grants

grant select, insert, update on public.obligation to authenticated;
grant select, insert, update, delete on public.obligation to service_role;
