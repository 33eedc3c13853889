-- Monitoring in (issue 7): Uptime Kuma posts to the uptime-kuma Edge Function when a monitor
-- goes down or comes back; a monitor going down raises a team alert that send-alert delivers.
--   * monitor_webhook_secret: one secret per workspace, in the webhook URL the owner pastes into
--     Uptime Kuma. Only its SHA-256 is kept, so it is shown once, when it is made, and never again;
--     the table is the function's (service_role) alone;
--   * monitor_event: every notification received (members read them), with a de-duplication key
--     so a notification Uptime Kuma sends twice is stored once, and the alert it raised, if any;
--   * one "episode" per monitor: the first DOWN raises an alert, more DOWNs while it is down
--     (Uptime Kuma's "resend every N beats") raise nothing, an UP ends it so the next DOWN alerts.

-- ---------------------------------------------------------------- tables

create table public.monitor_webhook_secret (
  workspace_id uuid primary key references public.workspace (id) on delete cascade,
  secret_hash text not null check (secret_hash ~ '^[0-9a-f]{64}$'),
  rotated_by uuid references auth.users (id),
  rotated_at timestamptz not null default now()
);
comment on table public.monitor_webhook_secret is
  'The SHA-256 of the workspace''s Uptime Kuma webhook secret. Read by the uptime-kuma function (service_role) only; members never see it.';

create table public.monitor_event (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspace (id) on delete cascade,
  -- heartbeat: a monitor's status changed (or is still down); notice: a message about a monitor
  -- without a heartbeat (a certificate about to expire); test: the "Test" button in Uptime Kuma.
  kind text not null check (kind in ('heartbeat', 'notice', 'test')),
  -- Uptime Kuma's monitor id and name; a test notification has neither.
  monitor_id text check (monitor_id ~ '^[-_.:A-Za-z0-9]{1,100}$'),
  monitor_name text not null default '' check (length(monitor_name) <= 200),
  -- 0 down, 1 up, 2 pending, 3 maintenance (Uptime Kuma's heartbeat.status); null for a test.
  status smallint check (status between 0 and 3),
  msg text not null default '' check (length(msg) <= 2000),
  -- heartbeat.time as Uptime Kuma wrote it (its own format and zone), for the record.
  heartbeat_time text not null default '' check (length(heartbeat_time) <= 50),
  received_at timestamptz not null default clock_timestamp(),
  dedup_key text not null check (length(dedup_key) between 1 and 300),
  alert_id uuid,
  check ((kind = 'test') = (monitor_id is null) and (kind = 'heartbeat') = (status is not null)),
  unique (workspace_id, dedup_key),
  foreign key (workspace_id, alert_id) references public.alert (workspace_id, id)
);
comment on table public.monitor_event is
  'An Uptime Kuma notification as the uptime-kuma function received it; alert_id is the team alert it raised (a monitor going down). Written by the function only.';
comment on column public.monitor_event.dedup_key is
  'monitor:status:heartbeat time; the same notification delivered twice is stored once.';
create index monitor_event_monitor_idx on public.monitor_event (workspace_id, monitor_id, received_at desc);

-- ---------------------------------------------------------------- row-level security

alter table public.monitor_webhook_secret enable row level security;
alter table public.monitor_webhook_secret force row level security;
alter table public.monitor_event enable row level security;
alter table public.monitor_event force row level security;

-- ---------------------------------------------------------------- helpers

create function private.store_monitor_webhook_secret(p_workspace_id uuid, p_secret_hash text) returns timestamptz
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  stored timestamptz;
begin
  if p_workspace_id is null or not private.has_role(p_workspace_id, '{owner,comm_owner}') then
    raise exception 'only owners and communication owners can set up the monitoring webhook' using errcode = '42501';
  end if;
  insert into public.monitor_webhook_secret (workspace_id, secret_hash, rotated_by, rotated_at)
  values (p_workspace_id, p_secret_hash, (select auth.uid()), now())
  on conflict (workspace_id) do update
    set secret_hash = excluded.secret_hash, rotated_by = excluded.rotated_by, rotated_at = excluded.rotated_at
  returning rotated_at into stored;
  return stored;
end;
$$;
comment on function private.store_monitor_webhook_secret(uuid, text) is
  'Saves a new webhook secret hash for an owner or communication owner. Definer: members cannot touch the secret table.';

create function private.monitor_webhook_rotated_at(p_workspace_id uuid) returns timestamptz
language sql
stable
security definer
set search_path = ''
as $$
  select s.rotated_at from public.monitor_webhook_secret s
   where s.workspace_id = p_workspace_id and private.is_member(p_workspace_id)
$$;
comment on function private.monitor_webhook_rotated_at(uuid) is
  'When the workspace''s webhook secret was last made (null: never, or not a member). Definer: the table is not the members'' to read.';

grant execute on function private.store_monitor_webhook_secret(uuid, text) to authenticated;
grant execute on function private.monitor_webhook_rotated_at(uuid) to authenticated;

-- ---------------------------------------------------------------- policies

create policy "Members can see their workspace's monitor events" on public.monitor_event
  for select to authenticated
  using (workspace_id in (select private.member_workspace_ids()));
-- No insert, update or delete policy: only the uptime-kuma function (service_role) writes events.
-- No policy at all on monitor_webhook_secret: authenticated holds no grant on it either.

-- ---------------------------------------------------------------- RPCs for the app

create function public.rotate_monitor_webhook_secret(p_workspace_id uuid) returns text
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  -- Two random UUIDs: 244 random bits, as 64 hex characters that need no escaping in a URL.
  secret text := replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
begin
  perform private.store_monitor_webhook_secret(p_workspace_id, private.sha256_hex(secret));
  return secret;
end;
$$;
comment on function public.rotate_monitor_webhook_secret(uuid) is
  'Makes a new Uptime Kuma webhook secret for the workspace (owners, communication owners) and answers it, once: only its hash is kept. The old secret stops working at once.';

create function public.monitor_webhook_status(p_workspace_id uuid) returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'configured', private.monitor_webhook_rotated_at(p_workspace_id) is not null,
    'rotated_at', private.iso_millis(private.monitor_webhook_rotated_at(p_workspace_id)))
$$;
comment on function public.monitor_webhook_status(uuid) is
  'Whether the workspace has a monitoring webhook secret and when it was made {configured, rotated_at}; never the secret.';

create function public.list_monitor_events(p_workspace_id uuid, p_limit integer default 50) returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', e.id, 'kind', e.kind, 'monitor_id', e.monitor_id, 'monitor_name', e.monitor_name,
           'status', e.status, 'msg', e.msg, 'heartbeat_time', e.heartbeat_time,
           'received_at', private.iso_millis(e.received_at), 'alert_id', e.alert_id)
         order by e.received_at desc, e.id), '[]'::jsonb)
    from (select * from public.monitor_event x
           where x.workspace_id = p_workspace_id
           order by x.received_at desc, x.id
           limit greatest(1, least(coalesce(p_limit, 50), 500))) e
$$;
comment on function public.list_monitor_events(uuid, integer) is
  'The workspace''s latest monitor notifications, newest first, with the alert each raised. Invoker: RLS applies.';

-- ---------------------------------------------------------------- RPCs for uptime-kuma (service_role)

create function public.monitor_webhook_secret_ok(p_workspace_id uuid, p_secret text) returns boolean
language sql
stable
security invoker
set search_path = ''
as $$
  select exists (
    select 1 from public.monitor_webhook_secret s
     where s.workspace_id = p_workspace_id
       and coalesce(p_secret, '') <> ''
       and s.secret_hash = private.sha256_hex(p_secret))
$$;
comment on function public.monitor_webhook_secret_ok(uuid, text) is
  'uptime-kuma only: true when the secret is the workspace''s current webhook secret.';

create function public.receive_monitor_event(p_workspace_id uuid, p_secret text, p_event jsonb) returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_kind text := p_event ->> 'kind';
  v_monitor_id text := nullif(p_event ->> 'monitor_id', '');
  v_monitor_name text := left(coalesce(p_event ->> 'monitor_name', ''), 200);
  v_status smallint;
  v_msg text := left(coalesce(p_event ->> 'msg', ''), 2000);
  v_time text := left(coalesce(p_event ->> 'heartbeat_time', ''), 50);
  v_key text;
  v_previous smallint;
  v_event_id uuid;
  v_alert_id uuid;
  v_outcome text;
begin
  if not public.monitor_webhook_secret_ok(p_workspace_id, p_secret) then
    return jsonb_build_object('outcome', 'unauthorized');
  end if;
  if v_kind = 'test' then
    insert into public.monitor_event (workspace_id, kind, msg, dedup_key)
    values (p_workspace_id, 'test', v_msg, 'test:' || gen_random_uuid())
    returning id into v_event_id;
    return jsonb_build_object('outcome', 'test', 'event_id', v_event_id, 'alert_id', null);
  end if;
  if v_kind = 'notice' and v_monitor_id ~ '^[-_.:A-Za-z0-9]{1,100}$' then
    insert into public.monitor_event (workspace_id, kind, monitor_id, monitor_name, msg, dedup_key)
    values (p_workspace_id, 'notice', v_monitor_id, v_monitor_name, v_msg, 'notice:' || gen_random_uuid())
    returning id into v_event_id;
    return jsonb_build_object('outcome', 'notice', 'event_id', v_event_id, 'alert_id', null);
  end if;
  if v_kind is distinct from 'heartbeat' or v_monitor_id is null or v_monitor_id !~ '^[-_.:A-Za-z0-9]{1,100}$'
     or jsonb_typeof(p_event -> 'status') is distinct from 'number'
     or (p_event ->> 'status') not in ('0', '1', '2', '3') then
    raise exception 'a monitor event is a test, a notice with a monitor id, or a heartbeat with a monitor id and a status 0 to 3'
      using errcode = '22023';
  end if;
  v_status := (p_event ->> 'status')::smallint;
  v_key := v_monitor_id || ':' || v_status || ':' || case when v_time = '' then gen_random_uuid()::text else v_time end;

  -- One notification per monitor at a time: the episode each one reads stays true until it commits.
  perform pg_advisory_xact_lock(7305016, hashtext(p_workspace_id::text || '/' || v_monitor_id));

  if exists (select 1 from public.monitor_event e where e.workspace_id = p_workspace_id and e.dedup_key = v_key) then
    select e.id, e.alert_id into v_event_id, v_alert_id
      from public.monitor_event e where e.workspace_id = p_workspace_id and e.dedup_key = v_key;
    return jsonb_build_object('outcome', 'duplicate', 'event_id', v_event_id, 'alert_id', v_alert_id);
  end if;

  -- Pending (2) and maintenance (3) neither open nor close an episode.
  select e.status into v_previous
    from public.monitor_event e
   where e.workspace_id = p_workspace_id and e.monitor_id = v_monitor_id and e.status in (0, 1)
   order by e.received_at desc, e.id desc
   limit 1;

  if v_status = 0 and v_previous is distinct from 0 then
    v_alert_id := gen_random_uuid();
    insert into public.alert (id, workspace_id, incident_id, message)
    values (v_alert_id, p_workspace_id, null,
            left('Monitor down: ' || coalesce(nullif(btrim(v_monitor_name), ''), 'monitor ' || v_monitor_id), 120));
    v_outcome := 'alerted';
  elsif v_status = 0 then
    v_outcome := 'still_down';
  else
    v_outcome := 'recorded';
  end if;

  insert into public.monitor_event (workspace_id, kind, monitor_id, monitor_name, status, msg, heartbeat_time, received_at, dedup_key, alert_id)
  values (p_workspace_id, 'heartbeat', v_monitor_id, v_monitor_name, v_status, v_msg, v_time, clock_timestamp(), v_key, v_alert_id)
  returning id into v_event_id;
  return jsonb_build_object('outcome', v_outcome, 'event_id', v_event_id, 'alert_id', v_alert_id);
end;
$$;
comment on function public.receive_monitor_event(uuid, text, jsonb) is
  'uptime-kuma only: checks the secret and stores one notification p_event {kind: heartbeat|notice|test, monitor_id, monitor_name, status, msg, heartbeat_time}; the first DOWN of an episode raises a team alert. Answers {outcome: unauthorized|test|notice|alerted|still_down|recorded|duplicate, event_id, alert_id}.';

-- ---------------------------------------------------------------- grants

grant select on public.monitor_event to authenticated;
grant select, insert, update, delete on public.monitor_event to service_role;
grant select, insert, update, delete on public.monitor_webhook_secret to service_role;

grant execute on function public.rotate_monitor_webhook_secret(uuid) to authenticated;
grant execute on function public.monitor_webhook_status(uuid) to authenticated;
grant execute on function public.list_monitor_events(uuid, integer) to authenticated, service_role;
grant execute on function public.monitor_webhook_secret_ok(uuid, text) to service_role;
grant execute on function public.receive_monitor_event(uuid, text, jsonb) to service_role;
