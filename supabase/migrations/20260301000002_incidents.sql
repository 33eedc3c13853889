-- Incidents and, per incident, the state of each communication channel. Incidents are
-- editable records (version); channel-state changes are events, appended, never edited.

-- ---------------------------------------------------------------- types

create type public.incident_status as enum ('open', 'closed');
create type public.channel_safety as enum ('safe', 'suspect', 'compromised');

-- ---------------------------------------------------------------- tables

create table public.incident (
  workspace_id uuid not null references public.workspace (id) on delete cascade,
  -- Human-friendly and made on the phone (INC-2026-004): the phone's incident_id works as is.
  id text not null check (length(id) between 1 and 40),
  title text not null default '' check (length(title) <= 200),
  status public.incident_status not null default 'open',
  severity text not null default '' check (length(severity) <= 40),
  detected_at timestamptz,
  opened_at timestamptz not null default now(),
  affected_systems text not null default '',
  affected_users text not null default '',
  affected_data text not null default '',
  next_update_due timestamptz,
  -- Step 1: exactly one communication owner per open incident.
  comm_owner_id uuid references auth.users (id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (workspace_id, id)
);
comment on table public.incident is
  'An incident of a workspace. Keyed by (workspace, human id) so the id a phone made offline needs no translation.';

create table public.channel_state (
  id uuid primary key,
  workspace_id uuid not null,
  incident_id text not null,
  channel text not null check (length(channel) between 1 and 100),
  state public.channel_safety not null,
  note text not null default '',
  recorded_by uuid references auth.users (id),
  recorded_at timestamptz not null default now(),
  foreign key (workspace_id, incident_id) references public.incident (workspace_id, id)
);
comment on table public.channel_state is
  'Each change of a channel''s safety for an incident; the latest row per channel is its state. Appended only, so two phones never conflict.';
create index channel_state_workspace_incident_idx on public.channel_state (workspace_id, incident_id, recorded_at);

-- ---------------------------------------------------------------- triggers

create function private.stamp_recorder() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  -- Who recorded an event and when come from the server, never from the phone.
  new.recorded_by := (select auth.uid());
  new.recorded_at := now();
  return new;
end;
$$;
comment on function private.stamp_recorder() is
  'Sets recorded_by from the JWT and recorded_at from the server clock on appended events.';

create trigger incident_bump_version before update on public.incident
  for each row execute function private.bump_version();
create trigger channel_state_stamp before insert on public.channel_state
  for each row execute function private.stamp_recorder();

-- ---------------------------------------------------------------- row-level security

alter table public.incident enable row level security;
alter table public.incident force row level security;
alter table public.channel_state enable row level security;
alter table public.channel_state force row level security;

-- ---------------------------------------------------------------- policies

create policy "Members can see their incidents" on public.incident
  for select to authenticated
  using (workspace_id in (select private.member_workspace_ids()));
create policy "Communication owners can open incidents" on public.incident
  for insert to authenticated
  with check (private.has_role(workspace_id, '{owner,comm_owner}'));
create policy "Communication owners can update incidents" on public.incident
  for update to authenticated
  using (private.has_role(workspace_id, '{owner,comm_owner}'))
  with check (private.has_role(workspace_id, '{owner,comm_owner}'));
-- No delete policy: an incident holds evidence; it is closed, not deleted.

create policy "Members can see channel states" on public.channel_state
  for select to authenticated
  using (workspace_id in (select private.member_workspace_ids()));
create policy "Responders can mark a channel safe, suspect or compromised" on public.channel_state
  for insert to authenticated
  with check (private.has_role(workspace_id, '{owner,comm_owner,approver,responder}'));

-- ---------------------------------------------------------------- grants

grant select, insert, update on public.incident to authenticated;
grant select, insert on public.channel_state to authenticated;
grant select, insert, update, delete on public.incident, public.channel_state to service_role;
