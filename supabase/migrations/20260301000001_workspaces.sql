-- Workspaces (a company) and their members. Every other table hangs off a workspace, and
-- the helpers defined here are what every row-level security policy calls: RLS is the
-- only thing between two companies' incidents (DESIGN "Principles" 3).

-- Nothing is executable or readable by the API roles unless a migration grants it.
alter default privileges revoke execute on functions from public;
alter default privileges in schema public revoke all on tables from anon, authenticated, service_role;
alter default privileges in schema public revoke all on functions from anon, authenticated, service_role;
alter default privileges in schema public revoke all on sequences from anon, authenticated, service_role;

-- Helpers that policies call live here; PostgREST does not expose this schema.
create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

-- ---------------------------------------------------------------- types

create type public.member_role as enum ('owner', 'comm_owner', 'approver', 'responder', 'viewer');
comment on type public.member_role is
  'owner manages members and contacts; comm_owner runs the communication (Step 1); approver approves statements; responder records; viewer reads.';

-- ---------------------------------------------------------------- tables

create table public.workspace (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.workspace is
  'A company using Muster. Rows of every other table belong to exactly one workspace and RLS keeps them there.';

create table public.member (
  workspace_id uuid not null references public.workspace (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role public.member_role not null,
  display_name text not null default '',
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (workspace_id, user_id)
);
comment on table public.member is
  'Who may see a workspace and what they may do in it. The only source of authority for every policy.';
create index member_user_id_idx on public.member (user_id);

-- ---------------------------------------------------------------- triggers

create function private.bump_version() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  -- Editable records carry a version (DESIGN "Conflicts"): every change moves it on, so a
  -- push that names an older version can be told the server has moved on.
  new.version := old.version + 1;
  new.updated_at := now();
  return new;
end;
$$;
comment on function private.bump_version() is
  'Moves version and updated_at on every update of an editable record, so stale edits are detectable.';

create trigger workspace_bump_version before update on public.workspace
  for each row execute function private.bump_version();
create trigger member_bump_version before update on public.member
  for each row execute function private.bump_version();

create function private.add_creator_as_owner() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- Whoever creates a workspace owns it; without this nobody could ever add a member.
  if (select auth.uid()) is not null then
    insert into public.member (workspace_id, user_id, role)
    values (new.id, (select auth.uid()), 'owner');
  end if;
  return new;
end;
$$;
comment on function private.add_creator_as_owner() is
  'Makes the signed-in creator of a workspace its first owner (definer: the member table is owner-only).';

create trigger workspace_add_creator after insert on public.workspace
  for each row execute function private.add_creator_as_owner();

-- ---------------------------------------------------------------- row-level security

alter table public.workspace enable row level security;
alter table public.workspace force row level security;
alter table public.member enable row level security;
alter table public.member force row level security;

-- ---------------------------------------------------------------- helpers

create function private.is_member(ws uuid) returns boolean
language sql stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.member m
    where m.workspace_id = ws and m.user_id = (select auth.uid())
  )
$$;
comment on function private.is_member(uuid) is
  'True when the signed-in user belongs to the workspace. Definer, so policies on member do not recurse.';

create function private.has_role(ws uuid, roles public.member_role[]) returns boolean
language sql stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.member m
    where m.workspace_id = ws and m.user_id = (select auth.uid()) and m.role = any (roles)
  )
$$;
comment on function private.has_role(uuid, public.member_role[]) is
  'True when the signed-in user holds one of the roles in the workspace.';

create function private.member_workspace_ids() returns setof uuid
language sql stable
security definer
set search_path = ''
as $$
  select m.workspace_id from public.member m where m.user_id = (select auth.uid())
$$;
comment on function private.member_workspace_ids() is
  'The workspaces of the signed-in user; read policies use it as `workspace_id in (select ...)` so a large table is filtered by index, not by a call per row.';

grant execute on function private.is_member(uuid) to authenticated, service_role;
grant execute on function private.has_role(uuid, public.member_role[]) to authenticated, service_role;
grant execute on function private.member_workspace_ids() to authenticated, service_role;

-- ---------------------------------------------------------------- policies

create policy "Members can see their workspaces" on public.workspace
  for select to authenticated
  using (id in (select private.member_workspace_ids()));
create policy "Anyone signed in can create a workspace" on public.workspace
  for insert to authenticated
  with check ((select auth.uid()) is not null);
create policy "Owners can rename their workspace" on public.workspace
  for update to authenticated
  using (private.has_role(id, '{owner}'))
  with check (private.has_role(id, '{owner}'));
-- No delete policy: a workspace holds evidence (its log) and is not deleted through the API.

create policy "Members can see who else is in their workspace" on public.member
  for select to authenticated
  using (workspace_id in (select private.member_workspace_ids()));
create policy "Owners can add members" on public.member
  for insert to authenticated
  with check (private.has_role(workspace_id, '{owner}'));
create policy "Owners can change members' roles" on public.member
  for update to authenticated
  using (private.has_role(workspace_id, '{owner}'))
  with check (private.has_role(workspace_id, '{owner}'));
create policy "Owners can remove members" on public.member
  for delete to authenticated
  using (private.has_role(workspace_id, '{owner}'));

-- ---------------------------------------------------------------- grants

grant select, insert, update on public.workspace to authenticated;
grant select, insert, update, delete on public.member to authenticated;
grant select, insert, update, delete on public.workspace, public.member to service_role;
