-- Team alerts (sent by Web Push, repeated until acknowledged), their acknowledgements,
-- and each member's push subscriptions. Delivery (Edge Function, queues) comes later.

-- ---------------------------------------------------------------- tables

create table public.alert (
  id uuid primary key,
  workspace_id uuid not null references public.workspace (id) on delete cascade,
  incident_id text,
  message text not null check (length(message) between 1 and 500),
  raised_by uuid references auth.users (id),
  raised_at timestamptz not null default now(),
  repeat_every_seconds integer not null default 300 check (repeat_every_seconds > 0),
  escalate_after_seconds integer not null default 900 check (escalate_after_seconds > 0),
  unique (workspace_id, id),
  foreign key (workspace_id, incident_id) references public.incident (workspace_id, id)
);
comment on table public.alert is 'A team alert, repeated until acknowledged and escalated when not; appended.';

create table public.alert_ack (
  id uuid primary key,
  workspace_id uuid not null,
  alert_id uuid not null,
  user_id uuid references auth.users (id),
  acked_at timestamptz not null default now(),
  foreign key (workspace_id, alert_id) references public.alert (workspace_id, id)
);
comment on table public.alert_ack is 'A member''s acknowledgement of an alert; stops the repeats for them.';
create index alert_ack_workspace_id_idx on public.alert_ack (workspace_id);
create index alert_ack_alert_id_idx on public.alert_ack (alert_id);

create table public.push_subscription (
  id uuid primary key,
  workspace_id uuid not null references public.workspace (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  endpoint text not null check (endpoint like 'https://%'),
  p256dh text not null,
  auth text not null,
  created_at timestamptz not null default now()
);
comment on table public.push_subscription is
  'Where to deliver a member''s alerts (Web Push). Private to that member: it is a capability to notify their phone.';
create index push_subscription_user_idx on public.push_subscription (user_id, workspace_id);

-- ---------------------------------------------------------------- triggers

create function private.stamp_alert() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.raised_by := (select auth.uid());
  new.raised_at := now();
  return new;
end;
$$;
comment on function private.stamp_alert() is 'Whoever is signed in raised the alert, now.';

create function private.stamp_ack() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.user_id := (select auth.uid());
  new.acked_at := now();
  return new;
end;
$$;
comment on function private.stamp_ack() is 'An acknowledgement is always the signed-in member''s own.';

create trigger alert_stamp before insert on public.alert
  for each row execute function private.stamp_alert();
create trigger alert_ack_stamp before insert on public.alert_ack
  for each row execute function private.stamp_ack();

-- ---------------------------------------------------------------- row-level security

alter table public.alert enable row level security;
alter table public.alert force row level security;
alter table public.alert_ack enable row level security;
alter table public.alert_ack force row level security;
alter table public.push_subscription enable row level security;
alter table public.push_subscription force row level security;

-- ---------------------------------------------------------------- policies

create policy "Members can see alerts" on public.alert
  for select to authenticated
  using (workspace_id in (select private.member_workspace_ids()));
create policy "Responders can raise alerts" on public.alert
  for insert to authenticated
  with check (private.has_role(workspace_id, '{owner,comm_owner,approver,responder}'));

create policy "Members can see who acknowledged" on public.alert_ack
  for select to authenticated
  using (workspace_id in (select private.member_workspace_ids()));
create policy "Responders can acknowledge alerts" on public.alert_ack
  for insert to authenticated
  with check (private.has_role(workspace_id, '{owner,comm_owner,approver,responder}'));

create policy "Members can see their own push subscriptions" on public.push_subscription
  for select to authenticated
  using (user_id = (select auth.uid()) and workspace_id in (select private.member_workspace_ids()));
create policy "Members can subscribe their own phone" on public.push_subscription
  for insert to authenticated
  with check (user_id = (select auth.uid()) and private.is_member(workspace_id));
create policy "Members can remove their own push subscriptions" on public.push_subscription
  for delete to authenticated
  using (user_id = (select auth.uid()));

-- ---------------------------------------------------------------- grants

grant select, insert on public.alert, public.alert_ack to authenticated;
grant select, insert, delete on public.push_subscription to authenticated;
grant select, insert, update, delete on public.alert, public.alert_ack, public.push_subscription to service_role;
