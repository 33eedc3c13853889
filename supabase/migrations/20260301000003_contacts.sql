-- The contact list (Step 1's coordination list, Step 4's providers, Step 5's insurer,
-- legal and regulators) and the ways to reach each contact. Owners keep it.

-- ---------------------------------------------------------------- tables

create table public.contact (
  id uuid primary key,
  workspace_id uuid not null references public.workspace (id) on delete cascade,
  name text not null check (length(name) between 1 and 200),
  organization text not null default '',
  role text not null default '',
  category text not null check (length(category) between 1 and 40),
  "references" jsonb not null default '[]'::jsonb,
  notes text not null default '',
  priority integer not null default 1,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, id)
);
comment on table public.contact is
  'A person or organisation to reach during an incident; editable, so it carries a version.';
create index contact_workspace_id_idx on public.contact (workspace_id);

create table public.contact_method (
  id uuid primary key,
  workspace_id uuid not null references public.workspace (id) on delete cascade,
  contact_id uuid not null,
  channel text not null check (length(channel) between 1 and 40),
  value text not null check (length(value) between 1 and 500),
  label text not null default '',
  available_24x7 boolean not null default false,
  priority integer not null default 1,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- A method belongs to a contact of the same workspace, whatever id the phone sends.
  foreign key (workspace_id, contact_id) references public.contact (workspace_id, id) on delete cascade
);
comment on table public.contact_method is
  'One way to reach a contact (phone, SMS, personal email, ...); the channel decides whether it is hidden when that channel is compromised.';
create index contact_method_workspace_id_idx on public.contact_method (workspace_id);
create index contact_method_contact_id_idx on public.contact_method (contact_id);

-- ---------------------------------------------------------------- triggers

create trigger contact_bump_version before update on public.contact
  for each row execute function private.bump_version();
create trigger contact_method_bump_version before update on public.contact_method
  for each row execute function private.bump_version();

-- ---------------------------------------------------------------- row-level security

alter table public.contact enable row level security;
alter table public.contact force row level security;
alter table public.contact_method enable row level security;
alter table public.contact_method force row level security;

-- ---------------------------------------------------------------- policies

create policy "Members can see their contacts" on public.contact
  for select to authenticated
  using (workspace_id in (select private.member_workspace_ids()));
create policy "Owners can add contacts" on public.contact
  for insert to authenticated
  with check (private.has_role(workspace_id, '{owner}'));
create policy "Owners can edit contacts" on public.contact
  for update to authenticated
  using (private.has_role(workspace_id, '{owner}'))
  with check (private.has_role(workspace_id, '{owner}'));
create policy "Owners can remove contacts" on public.contact
  for delete to authenticated
  using (private.has_role(workspace_id, '{owner}'));

create policy "Members can see how to reach contacts" on public.contact_method
  for select to authenticated
  using (workspace_id in (select private.member_workspace_ids()));
create policy "Owners can add contact methods" on public.contact_method
  for insert to authenticated
  with check (private.has_role(workspace_id, '{owner}'));
create policy "Owners can edit contact methods" on public.contact_method
  for update to authenticated
  using (private.has_role(workspace_id, '{owner}'))
  with check (private.has_role(workspace_id, '{owner}'));
create policy "Owners can remove contact methods" on public.contact_method
  for delete to authenticated
  using (private.has_role(workspace_id, '{owner}'));

-- ---------------------------------------------------------------- grants

grant select, insert, update, delete on public.contact, public.contact_method to authenticated, service_role;
