-- Call trees: who calls whom, in order; a run of a tree during an incident; and each
-- call's outcome (checkoff), which responders append.

-- ---------------------------------------------------------------- types

create type public.call_outcome as enum ('reached', 'no_answer', 'voicemail', 'wrong_number');

-- ---------------------------------------------------------------- tables

create table public.call_tree (
  id uuid primary key,
  workspace_id uuid not null references public.workspace (id) on delete cascade,
  name text not null check (length(name) between 1 and 200),
  -- Ordered steps: [{contact_id, backup_contact_id, ...}]; behaviour arrives with its issue.
  steps jsonb not null default '[]'::jsonb,
  no_answer_minutes integer not null default 5 check (no_answer_minutes > 0),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, id)
);
comment on table public.call_tree is 'Who calls whom, in order, with the wait before moving to the backup; editable, versioned.';
create index call_tree_workspace_id_idx on public.call_tree (workspace_id);

create table public.call_run (
  id uuid primary key,
  workspace_id uuid not null,
  incident_id text not null,
  call_tree_id uuid not null,
  started_by uuid references auth.users (id),
  started_at timestamptz not null default now(),
  ended_at timestamptz,
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  unique (workspace_id, id),
  foreign key (workspace_id, incident_id) references public.incident (workspace_id, id),
  foreign key (workspace_id, call_tree_id) references public.call_tree (workspace_id, id)
);
comment on table public.call_run is 'One use of a call tree during an incident; responders start and end it.';
create index call_run_workspace_incident_idx on public.call_run (workspace_id, incident_id);

create table public.checkoff (
  id uuid primary key,
  workspace_id uuid not null,
  call_run_id uuid not null,
  contact_id uuid,
  outcome public.call_outcome not null,
  note text not null default '',
  called_at timestamptz not null,
  recorded_by uuid references auth.users (id),
  recorded_at timestamptz not null default now(),
  foreign key (workspace_id, call_run_id) references public.call_run (workspace_id, id)
);
comment on table public.checkoff is 'One call''s outcome in a run (reached, no answer, ...); appended, never edited.';
create index checkoff_workspace_id_idx on public.checkoff (workspace_id);
create index checkoff_call_run_id_idx on public.checkoff (call_run_id);

-- ---------------------------------------------------------------- triggers

create trigger call_tree_bump_version before update on public.call_tree
  for each row execute function private.bump_version();
create trigger call_run_bump_version before update on public.call_run
  for each row execute function private.bump_version();
create trigger checkoff_stamp before insert on public.checkoff
  for each row execute function private.stamp_recorder();

create function private.stamp_run_starter() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.started_by := (select auth.uid());
  return new;
end;
$$;
comment on function private.stamp_run_starter() is 'Whoever is signed in started the run.';

create trigger call_run_stamp before insert on public.call_run
  for each row execute function private.stamp_run_starter();

-- ---------------------------------------------------------------- row-level security

alter table public.call_tree enable row level security;
alter table public.call_tree force row level security;
alter table public.call_run enable row level security;
alter table public.call_run force row level security;
alter table public.checkoff enable row level security;
alter table public.checkoff force row level security;

-- ---------------------------------------------------------------- policies

create policy "Members can see call trees" on public.call_tree
  for select to authenticated
  using (workspace_id in (select private.member_workspace_ids()));
create policy "Communication owners can add call trees" on public.call_tree
  for insert to authenticated
  with check (private.has_role(workspace_id, '{owner,comm_owner}'));
create policy "Communication owners can edit call trees" on public.call_tree
  for update to authenticated
  using (private.has_role(workspace_id, '{owner,comm_owner}'))
  with check (private.has_role(workspace_id, '{owner,comm_owner}'));
create policy "Communication owners can remove call trees" on public.call_tree
  for delete to authenticated
  using (private.has_role(workspace_id, '{owner,comm_owner}'));

create policy "Members can see call runs" on public.call_run
  for select to authenticated
  using (workspace_id in (select private.member_workspace_ids()));
create policy "Responders can start a call run" on public.call_run
  for insert to authenticated
  with check (private.has_role(workspace_id, '{owner,comm_owner,approver,responder}'));
create policy "Responders can end a call run" on public.call_run
  for update to authenticated
  using (private.has_role(workspace_id, '{owner,comm_owner,approver,responder}'))
  with check (private.has_role(workspace_id, '{owner,comm_owner,approver,responder}'));

create policy "Members can see call outcomes" on public.checkoff
  for select to authenticated
  using (workspace_id in (select private.member_workspace_ids()));
create policy "Responders can check off calls" on public.checkoff
  for insert to authenticated
  with check (private.has_role(workspace_id, '{owner,comm_owner,approver,responder}'));

-- ---------------------------------------------------------------- grants

grant select, insert, update, delete on public.call_tree to authenticated;
grant select, insert, update on public.call_run to authenticated;
grant select, insert on public.checkoff to authenticated;
grant select, insert, update, delete on public.call_tree, public.call_run, public.checkoff to service_role;
