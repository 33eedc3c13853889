-- Message templates and external statements with their approvals (Steps 2 to 6).
-- Rules that protect the record live here, not only in the UI: editing a statement under
-- review or approved voids its approvals, and only an approved statement can be sent.

-- ---------------------------------------------------------------- types

create type public.statement_state as enum ('draft', 'in_review', 'approved', 'sent');

-- ---------------------------------------------------------------- tables

create table public.template (
  id uuid primary key,
  workspace_id uuid not null references public.workspace (id) on delete cascade,
  kind text not null check (length(kind) between 1 and 40),
  name text not null check (length(name) between 1 and 200),
  audience text not null default '',
  subject text not null default '',
  body text not null default '',
  fields jsonb not null default '[]'::jsonb,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.template is
  'A message template with {{field}} placeholders (leadership update, employee instructions, vendor request, ...); editable, versioned.';
create index template_workspace_id_idx on public.template (workspace_id);

create table public.statement (
  id uuid primary key,
  workspace_id uuid not null,
  incident_id text not null,
  template_id uuid references public.template (id) on delete set null,
  audience text not null default '',
  title text not null default '',
  body text not null default '',
  lint_findings jsonb not null default '[]'::jsonb,
  state public.statement_state not null default 'draft',
  created_by uuid references auth.users (id) default auth.uid(),
  sent_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workspace_id, id),
  foreign key (workspace_id, incident_id) references public.incident (workspace_id, id)
);
comment on table public.statement is
  'An external message draft and its review state (draft -> in_review -> approved -> sent, Step 6).';
create index statement_workspace_incident_idx on public.statement (workspace_id, incident_id);

create table public.statement_approval (
  id uuid primary key,
  workspace_id uuid not null,
  statement_id uuid not null,
  -- The statement's version that was approved; a later edit voids the approval.
  statement_version integer not null,
  approved_by uuid references auth.users (id),
  approved_at timestamptz not null default now(),
  voided_at timestamptz,
  foreign key (workspace_id, statement_id) references public.statement (workspace_id, id)
);
comment on table public.statement_approval is
  'An approver''s approval of one version of a statement. Appended; voided (not deleted) when the statement is edited.';
create index statement_approval_workspace_id_idx on public.statement_approval (workspace_id);
create index statement_approval_statement_id_idx on public.statement_approval (statement_id);

-- ---------------------------------------------------------------- triggers

create trigger template_bump_version before update on public.template
  for each row execute function private.bump_version();
create trigger statement_bump_version before update on public.statement
  for each row execute function private.bump_version();

create function private.guard_statement_edit() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.state = 'sent' and old.state <> 'sent' then
    if old.state <> 'approved' then
      raise exception 'only an approved statement can be marked sent (this one is %)', old.state;
    end if;
    new.sent_at := now();
  end if;
  if old.state = 'sent' and (new.body, new.title, new.audience) is distinct from (old.body, old.title, old.audience) then
    raise exception 'a sent statement cannot be changed; write a new one';
  end if;
  if (new.body, new.title, new.audience) is distinct from (old.body, old.title, old.audience) then
    -- Definer: the editor may not update approvals themselves, but the edit must void them.
    update public.statement_approval
       set voided_at = now()
     where statement_id = old.id and voided_at is null;
    if old.state = 'approved' then
      new.state := 'in_review';
    end if;
  end if;
  return new;
end;
$$;
comment on function private.guard_statement_edit() is
  'Voids approvals when an approved or reviewed text changes, and lets only approved statements be sent (DESIGN "Conflicts and integrity").';

create trigger statement_guard_edit before update on public.statement
  for each row execute function private.guard_statement_edit();

create function private.stamp_approver() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.approved_by := (select auth.uid());
  new.approved_at := now();
  new.voided_at := null;
  return new;
end;
$$;
comment on function private.stamp_approver() is
  'The approver is whoever is signed in, never a name the phone sends.';

create trigger statement_approval_stamp before insert on public.statement_approval
  for each row execute function private.stamp_approver();

-- ---------------------------------------------------------------- row-level security

alter table public.template enable row level security;
alter table public.template force row level security;
alter table public.statement enable row level security;
alter table public.statement force row level security;
alter table public.statement_approval enable row level security;
alter table public.statement_approval force row level security;

-- ---------------------------------------------------------------- policies

create policy "Members can see templates" on public.template
  for select to authenticated
  using (workspace_id in (select private.member_workspace_ids()));
create policy "Communication owners can add templates" on public.template
  for insert to authenticated
  with check (private.has_role(workspace_id, '{owner,comm_owner}'));
create policy "Communication owners can edit templates" on public.template
  for update to authenticated
  using (private.has_role(workspace_id, '{owner,comm_owner}'))
  with check (private.has_role(workspace_id, '{owner,comm_owner}'));
create policy "Communication owners can remove templates" on public.template
  for delete to authenticated
  using (private.has_role(workspace_id, '{owner,comm_owner}'));

create policy "Members can see statements" on public.statement
  for select to authenticated
  using (workspace_id in (select private.member_workspace_ids()));
create policy "Communication owners can draft statements" on public.statement
  for insert to authenticated
  with check (private.has_role(workspace_id, '{owner,comm_owner}'));
create policy "Communication owners can edit statements" on public.statement
  for update to authenticated
  using (private.has_role(workspace_id, '{owner,comm_owner}'))
  with check (private.has_role(workspace_id, '{owner,comm_owner}'));
create policy "Communication owners can discard drafts" on public.statement
  for delete to authenticated
  using (private.has_role(workspace_id, '{owner,comm_owner}') and state = 'draft');

create policy "Members can see approvals" on public.statement_approval
  for select to authenticated
  using (workspace_id in (select private.member_workspace_ids()));
create policy "Approvers can approve statements" on public.statement_approval
  for insert to authenticated
  with check (private.has_role(workspace_id, '{owner,approver}'));

-- ---------------------------------------------------------------- grants

grant select, insert, update, delete on public.template, public.statement to authenticated;
grant select, insert on public.statement_approval to authenticated;
grant select, insert, update, delete on public.template, public.statement, public.statement_approval to service_role;
