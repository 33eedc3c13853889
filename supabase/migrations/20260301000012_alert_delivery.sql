-- Delivering team alerts (issue 5): the send-alert Edge Function pushes each alert to every
-- member's phones, repeats it to whoever has not acknowledged, then escalates to the backups.
--   * alert: how often to repeat (max_repeats) and whom to escalate to (escalate_to); the
--     escalation falls one repeat interval after the last repeat, so escalate_after_seconds goes;
--   * alert_round: one row per round sent. Claiming a round is an insert that only one caller
--     can win (primary key), so two ticks running at once never send a round twice;
--   * alert_relay: per-workspace ntfy / Gotify topics, extra delivery for phones whose
--     browser push is unreliable. Their tokens are readable by the function only;
--   * push_subscription: one row per browser endpoint, with a label for the device;
--   * RPCs for the app (subscriptions, relays, alert_status) and, for the function only
--     (service_role), alert_claim_rounds and alert_round_report.
-- Timing mirrors alertSchedule in src/domain/call-tree.ts: round 0 at once, repeat k at
-- raised_at + k x repeat_every_seconds (k = 1..max_repeats), escalation at
-- raised_at + (max_repeats + 1) x repeat_every_seconds, nothing once everyone acknowledged.

-- ---------------------------------------------------------------- tables

alter table public.alert add column max_repeats integer not null default 3 check (max_repeats between 0 and 10);
alter table public.alert add column escalate_to uuid[] not null default '{}'
  check (cardinality(escalate_to) <= 50);
alter table public.alert drop column escalate_after_seconds;
comment on column public.alert.max_repeats is 'How many times an unacknowledged alert is repeated before it escalates.';
comment on column public.alert.escalate_to is
  'Members alerted when someone has still not acknowledged after the last repeat; empty means the owners and communication owners.';
-- The tick looks for alerts still running; old ones are never pursued again.
create index alert_raised_at_idx on public.alert (raised_at);

create table public.alert_round (
  alert_id uuid not null,
  workspace_id uuid not null,
  round integer not null check (round >= 0),
  kind text not null check (kind in ('send', 'repeat', 'escalate')),
  claimed_at timestamptz not null default now(),
  recipient_ids uuid[] not null default '{}',
  recipients integer not null default 0,
  delivered integer not null default 0,
  gone integer not null default 0,
  failed integer not null default 0,
  reported_at timestamptz,
  primary key (alert_id, round),
  foreign key (workspace_id, alert_id) references public.alert (workspace_id, id) on delete cascade
);
comment on table public.alert_round is
  'One round of an alert (send, repeat, escalate) as the send-alert function claimed and delivered it; written by the function only.';
comment on column public.alert_round.recipients is 'People the round was for (recipient_ids).';
comment on column public.alert_round.delivered is 'Push messages and relay messages the services accepted (not proof the phone showed it).';
comment on column public.alert_round.gone is 'Push subscriptions the push service called expired (404/410); they were deleted.';
create index alert_round_workspace_id_idx on public.alert_round (workspace_id);

create table public.alert_relay (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspace (id) on delete cascade,
  kind text not null check (kind in ('ntfy', 'gotify')),
  server_url text not null check (
    server_url ~ '^https://[^/?#\s]+(/[^?#\s]*)?$'
    or server_url ~ '^http://(127\.0\.0\.1|localhost)(:[0-9]+)?(/[^?#\s]*)?$'),
  -- ntfy: the topic (on a server without access control the topic is the password);
  -- Gotify: empty (the application token says where messages go).
  topic text not null default '' check (topic = '' or topic ~ '^[-_A-Za-z0-9]{1,64}$'),
  token text not null default '' check (length(token) <= 500),
  has_token boolean generated always as (token <> '') stored,
  created_by uuid references auth.users (id) default auth.uid(),
  created_at timestamptz not null default now(),
  unique (workspace_id, kind, server_url, topic)
);
comment on table public.alert_relay is
  'Where else an alert goes: an ntfy topic or a Gotify application. The token is readable by the send-alert function only.';

alter table public.push_subscription add column device_label text not null default ''
  check (length(device_label) <= 100);
alter table public.push_subscription drop constraint push_subscription_endpoint_check;
alter table public.push_subscription add constraint push_subscription_endpoint_check check (
  endpoint ~ '^https://[^/?#\s]+'
  or endpoint ~ '^http://(127\.0\.0\.1|localhost)(:[0-9]+)?/');
-- One row per browser endpoint: keep the newest of any duplicates saved before this.
delete from public.push_subscription s
 using public.push_subscription newer
 where newer.endpoint = s.endpoint
   and (newer.created_at, newer.id) > (s.created_at, s.id);
alter table public.push_subscription add constraint push_subscription_endpoint_key unique (endpoint);
comment on column public.push_subscription.device_label is 'What the member calls this phone ("Work iPhone"), so they can tell their subscriptions apart.';

-- ---------------------------------------------------------------- row-level security

alter table public.alert_round enable row level security;
alter table public.alert_round force row level security;
alter table public.alert_relay enable row level security;
alter table public.alert_relay force row level security;

-- ---------------------------------------------------------------- helpers

create function private.release_push_endpoint(p_endpoint text, p_workspace_id uuid) returns void
language sql
volatile
security definer
set search_path = ''
as $$
  -- A browser has one endpoint per origin: if another account (or another workspace) saved it,
  -- the phone now belongs to the caller and alerts must stop going to the other one.
  -- Knowing an endpoint means holding the browser's subscription, so this reveals nothing.
  delete from public.push_subscription s
   where s.endpoint = p_endpoint
     and (select auth.uid()) is not null
     and not (s.user_id = (select auth.uid()) and s.workspace_id = p_workspace_id)
$$;
comment on function private.release_push_endpoint(text, uuid) is
  'Removes other accounts'' (or workspaces'') rows for an endpoint the caller is saving. Definer: those rows are not the caller''s to see.';
grant execute on function private.release_push_endpoint(text, uuid) to authenticated, service_role;

-- ---------------------------------------------------------------- policies

create policy "Members can see their alerts' rounds" on public.alert_round
  for select to authenticated
  using (workspace_id in (select private.member_workspace_ids()));
-- No insert, update or delete policy: only the function (service_role) writes rounds.

create policy "Members can see their workspace's alert relays" on public.alert_relay
  for select to authenticated
  using (workspace_id in (select private.member_workspace_ids()));
create policy "Owners and communication owners can add alert relays" on public.alert_relay
  for insert to authenticated
  with check (private.has_role(workspace_id, '{owner,comm_owner}'));
create policy "Owners and communication owners can change alert relays" on public.alert_relay
  for update to authenticated
  using (private.has_role(workspace_id, '{owner,comm_owner}'))
  with check (private.has_role(workspace_id, '{owner,comm_owner}'));
create policy "Owners and communication owners can remove alert relays" on public.alert_relay
  for delete to authenticated
  using (private.has_role(workspace_id, '{owner,comm_owner}'));

-- Every member but the raiser is alerted, viewers included, so every member can say "seen";
-- an acknowledgement is only ever the caller's own (stamp_ack) and changes nothing else.
drop policy "Responders can acknowledge alerts" on public.alert_ack;
create policy "Members can acknowledge alerts" on public.alert_ack
  for insert to authenticated
  with check (private.is_member(workspace_id));

create policy "Members can refresh their own push subscriptions" on public.push_subscription
  for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()) and private.is_member(workspace_id));

-- ---------------------------------------------------------------- RPCs for the app

create function public.save_push_subscription(
  p_workspace_id uuid, p_endpoint text, p_p256dh text, p_auth text, p_device_label text default ''
) returns uuid
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  saved uuid;
begin
  if (select auth.uid()) is null then
    raise exception 'sign in to receive alerts on this phone' using errcode = '42501';
  end if;
  if p_workspace_id is null or not private.is_member(p_workspace_id) then
    raise exception 'not a member of this workspace' using errcode = '42501';
  end if;
  if coalesce(p_endpoint, '') = '' or coalesce(p_p256dh, '') = '' or coalesce(p_auth, '') = '' then
    raise exception 'a push subscription needs an endpoint and its p256dh and auth keys';
  end if;
  perform private.release_push_endpoint(p_endpoint, p_workspace_id);
  insert into public.push_subscription (id, workspace_id, user_id, endpoint, p256dh, auth, device_label)
  values (gen_random_uuid(), p_workspace_id, (select auth.uid()), p_endpoint, p_p256dh, p_auth,
          left(btrim(coalesce(p_device_label, '')), 100))
  on conflict (endpoint) do update
    set p256dh = excluded.p256dh, auth = excluded.auth, device_label = excluded.device_label
  returning id into saved;
  return saved;
end;
$$;
comment on function public.save_push_subscription(uuid, text, text, text, text) is
  'Stores this phone''s push subscription for the caller in a workspace (upsert by endpoint; an endpoint another account had moves to the caller); answers its id.';

create function public.delete_push_subscription(p_endpoint text) returns void
language sql
volatile
security invoker
set search_path = ''
as $$
  -- RLS keeps this to the caller's own rows.
  delete from public.push_subscription where endpoint = p_endpoint
$$;
comment on function public.delete_push_subscription(text) is
  'Stops alerts to this phone: removes the caller''s subscription for the endpoint (nothing if there is none).';

create function public.save_alert_relay(
  p_workspace_id uuid, p_kind text, p_server_url text, p_topic text default '', p_token text default null
) returns uuid
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_server_url text := rtrim(btrim(coalesce(p_server_url, '')), '/');
  v_topic text := btrim(coalesce(p_topic, ''));
  saved uuid;
begin
  if p_workspace_id is null or not private.has_role(p_workspace_id, '{owner,comm_owner}') then
    raise exception 'only owners and communication owners can set up alert relays' using errcode = '42501';
  end if;
  if p_kind is distinct from 'ntfy' and p_kind is distinct from 'gotify' then
    raise exception 'an alert relay is ntfy or gotify, not "%"', coalesce(p_kind, '');
  end if;
  if p_kind = 'ntfy' and v_topic !~ '^[-_A-Za-z0-9]{1,64}$' then
    raise exception 'an ntfy topic is 1 to 64 letters, digits, - or _'
      using hint = 'Pick a long random topic: on a server without access control the topic is the password.';
  end if;
  if p_kind = 'gotify' then
    v_topic := '';
    if coalesce(p_token, '') = '' and not exists (
      select 1 from public.alert_relay r
       where r.workspace_id = p_workspace_id and r.kind = 'gotify' and r.server_url = v_server_url and r.has_token) then
      raise exception 'Gotify needs an application token' using hint = 'Create an application in Gotify and paste its token.';
    end if;
  end if;
  if v_server_url !~ '^https://[^/?#\s]+(/[^?#\s]*)?$' and v_server_url !~ '^http://(127\.0\.0\.1|localhost)(:[0-9]+)?(/[^?#\s]*)?$' then
    raise exception 'the relay server must be an https:// address' using hint = 'For example https://ntfy.sh';
  end if;

  insert into public.alert_relay (workspace_id, kind, server_url, topic, token)
  values (p_workspace_id, p_kind, v_server_url, v_topic, coalesce(p_token, ''))
  on conflict (workspace_id, kind, server_url, topic) do nothing
  returning id into saved;
  if saved is null then
    -- Already there: a new token replaces the old one; none given keeps it (it is never shown).
    if p_token is not null then
      update public.alert_relay r set token = p_token
       where r.workspace_id = p_workspace_id and r.kind = p_kind and r.server_url = v_server_url
         and r.topic = v_topic
      returning r.id into saved;
    else
      select r.id into saved from public.alert_relay r
       where r.workspace_id = p_workspace_id and r.kind = p_kind and r.server_url = v_server_url
         and r.topic = v_topic;
    end if;
  end if;
  return saved;
end;
$$;
comment on function public.save_alert_relay(uuid, text, text, text, text) is
  'Adds an ntfy topic or Gotify application to a workspace''s alerts (owners, communication owners); saving it again with a token replaces the token. Answers its id.';

create function public.list_alert_relays(p_workspace_id uuid) returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', r.id, 'kind', r.kind, 'server_url', r.server_url, 'topic', r.topic,
           'has_token', r.has_token, 'created_at', private.iso_millis(r.created_at))
         order by r.created_at, r.id), '[]'::jsonb)
    from public.alert_relay r
   where r.workspace_id = p_workspace_id
$$;
comment on function public.list_alert_relays(uuid) is
  'The workspace''s alert relays [{id, kind, server_url, topic, has_token, created_at}], never their tokens.';

create function public.delete_alert_relay(p_id uuid) returns void
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  removed integer;
  relay_workspace uuid;
begin
  delete from public.alert_relay where id = p_id;
  get diagnostics removed = row_count;
  if removed = 0 then
    select r.workspace_id into relay_workspace from public.alert_relay r where r.id = p_id;
    if relay_workspace is not null then
      raise exception 'only owners and communication owners can remove alert relays' using errcode = '42501';
    end if;
  end if;
end;
$$;
comment on function public.delete_alert_relay(uuid) is
  'Removes an alert relay (owners, communication owners); one already gone is not an error.';

create function public.alert_visible(p_alert_id uuid) returns boolean
language sql
stable
security invoker
set search_path = ''
as $$
  select exists (select 1 from public.alert a where a.id = p_alert_id)
$$;
comment on function public.alert_visible(uuid) is
  'True when the caller may see the alert (RLS decides); send-alert asks it with the caller''s own token before sending.';

create function public.alert_status(p_workspace_id uuid, p_incident_id text default null) returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', a.id,
           'incident_id', a.incident_id,
           'title', a.message,
           'raised_at', private.iso_millis(a.raised_at),
           'raised_by', a.raised_by,
           'raised_by_name', coalesce((select m.display_name from public.member m
                                        where m.workspace_id = a.workspace_id and m.user_id = a.raised_by), ''),
           'repeat_every_seconds', a.repeat_every_seconds,
           'max_repeats', a.max_repeats,
           'acks', coalesce((
             select jsonb_agg(jsonb_build_object('user_id', k.user_id, 'name', coalesce(m.display_name, ''),
                                                 'acked_at', private.iso_millis(k.acked_at)) order by k.acked_at, k.user_id)
               from (select distinct on (x.user_id) x.user_id, x.acked_at
                       from public.alert_ack x
                      where x.alert_id = a.id and x.user_id is not null
                      order by x.user_id, x.acked_at) k
               left join public.member m on m.workspace_id = a.workspace_id and m.user_id = k.user_id), '[]'::jsonb),
           'pending', coalesce((
             select jsonb_agg(jsonb_build_object('user_id', m.user_id, 'name', m.display_name) order by m.display_name, m.user_id)
               from public.member m
              where m.workspace_id = a.workspace_id
                and m.user_id is distinct from a.raised_by
                and not exists (select 1 from public.alert_ack x where x.alert_id = a.id and x.user_id = m.user_id)), '[]'::jsonb),
           'rounds', coalesce((
             select jsonb_agg(jsonb_build_object('round', r.round, 'kind', r.kind, 'claimed_at', private.iso_millis(r.claimed_at),
                                                 'recipients', r.recipients, 'delivered', r.delivered, 'gone', r.gone,
                                                 'failed', r.failed) order by r.round)
               from public.alert_round r where r.alert_id = a.id), '[]'::jsonb))
         order by a.raised_at desc, a.id), '[]'::jsonb)
    from public.alert a
   where a.workspace_id = p_workspace_id
     and (p_incident_id is null or a.incident_id = p_incident_id)
$$;
comment on function public.alert_status(uuid, text) is
  'The workspace''s alerts (one incident''s, when given), newest first, with who acknowledged, who has not, and the rounds sent. Invoker: RLS applies.';

-- ---------------------------------------------------------------- RPCs for send-alert (service_role)

create function public.alert_claim_rounds(p_alert_id uuid default null, p_now timestamptz default now()) returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  a public.alert;
  everyone uuid[];
  unacked uuid[];
  targets uuid[];
  last_round integer;
  due_round integer;
  round_kind text;
  claimed integer;
  results jsonb[] := '{}';
begin
  if p_now is null then
    raise exception 'p_now must be a time';
  end if;
  for a in
    select * from public.alert x
     where (p_alert_id is null or x.id = p_alert_id)
       and x.raised_at <= p_now
       -- An alert whose escalation is more than a day past is over, whatever happened.
       and x.raised_at + make_interval(secs => (x.max_repeats + 1) * x.repeat_every_seconds) > p_now - interval '1 day'
       and not exists (select 1 from public.alert_round r where r.alert_id = x.id and r.kind = 'escalate')
     order by x.raised_at, x.id
  loop
    -- One claimer per alert at a time: the round numbers it reads stay true until it commits.
    perform pg_advisory_xact_lock(7305012, hashtext(a.id::text));

    select coalesce(max(r.round), -1) into last_round from public.alert_round r where r.alert_id = a.id;
    select coalesce(array_agg(m.user_id order by m.user_id), '{}') into everyone
      from public.member m
     where m.workspace_id = a.workspace_id and m.user_id is distinct from a.raised_by;
    select coalesce(array_agg(u order by u), '{}') into unacked
      from unnest(everyone) as u
     where not exists (select 1 from public.alert_ack k where k.alert_id = a.id and k.user_id = u);

    -- The latest round that is due: a late tick sends one round, not every one it missed.
    due_round := least(a.max_repeats + 1,
                       greatest(0, floor(extract(epoch from (p_now - a.raised_at)) / a.repeat_every_seconds)::integer));
    if last_round < 0 then
      due_round := 0;  -- the first round always goes to everyone, however late
    elsif due_round <= last_round or cardinality(unacked) = 0 then
      continue;
    elsif p_now < (select r.claimed_at from public.alert_round r where r.alert_id = a.id and r.round = last_round)
                  + make_interval(secs => a.repeat_every_seconds / 2.0) then
      continue;  -- never two rounds back to back: a late first round is not followed by a repeat at once
    end if;

    if due_round = 0 then
      round_kind := 'send';
      targets := everyone;
    elsif due_round <= a.max_repeats then
      round_kind := 'repeat';
      targets := unacked;
    else
      round_kind := 'escalate';
      select coalesce(array_agg(m.user_id order by m.user_id), '{}') into targets
        from public.member m
       where m.workspace_id = a.workspace_id
         and m.user_id is distinct from a.raised_by
         and (case when cardinality(a.escalate_to) > 0 then m.user_id = any (a.escalate_to)
                   else m.role in ('owner', 'comm_owner') end);
    end if;

    insert into public.alert_round (alert_id, workspace_id, round, kind, claimed_at, recipient_ids, recipients)
    values (a.id, a.workspace_id, due_round, round_kind, p_now, targets, cardinality(targets))
    on conflict (alert_id, round) do nothing;
    get diagnostics claimed = row_count;
    if claimed = 0 then
      continue;
    end if;

    results := array_append(results, jsonb_build_object(
      'alert_id', a.id,
      'workspace_id', a.workspace_id,
      'incident_id', a.incident_id,
      'title', a.message,
      'round', due_round,
      'kind', round_kind,
      'recipients', cardinality(targets),
      'pending', cardinality(unacked),
      'subscriptions', coalesce((
        select jsonb_agg(jsonb_build_object('id', s.id, 'endpoint', s.endpoint, 'p256dh', s.p256dh, 'auth', s.auth) order by s.id)
          from public.push_subscription s
         where s.workspace_id = a.workspace_id and s.user_id = any (targets)), '[]'::jsonb),
      'relays', case when cardinality(targets) = 0 then '[]'::jsonb else coalesce((
        select jsonb_agg(jsonb_build_object('id', r.id, 'kind', r.kind, 'server_url', r.server_url,
                                            'topic', r.topic, 'token', r.token) order by r.created_at, r.id)
          from public.alert_relay r
         where r.workspace_id = a.workspace_id), '[]'::jsonb) end));
  end loop;
  return to_jsonb(results);
end;
$$;
comment on function public.alert_claim_rounds(uuid, timestamptz) is
  'send-alert only: claims the round of each running alert (or of one alert) that is due at p_now and answers what to send: [{alert_id, workspace_id, incident_id, title, round, kind, recipients, pending, subscriptions[{id, endpoint, p256dh, auth}], relays[{id, kind, server_url, topic, token}]}]. A round is claimed once, ever.';

create function public.alert_round_report(
  p_alert_id uuid, p_round integer, p_delivered integer, p_failed integer, p_gone_subscription_ids uuid[] default '{}'
) returns void
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  removed integer;
begin
  delete from public.push_subscription where id = any (coalesce(p_gone_subscription_ids, '{}'));
  get diagnostics removed = row_count;
  update public.alert_round
     set delivered = greatest(coalesce(p_delivered, 0), 0),
         failed = greatest(coalesce(p_failed, 0), 0),
         gone = cardinality(coalesce(p_gone_subscription_ids, '{}')),
         reported_at = now()
   where alert_id = p_alert_id and round = p_round;
end;
$$;
comment on function public.alert_round_report(uuid, integer, integer, integer, uuid[]) is
  'send-alert only: stores how a round went and deletes the subscriptions the push service called gone (404/410).';

-- ---------------------------------------------------------------- grants

grant select on public.alert_round to authenticated;
grant select, insert, update, delete on public.alert_round to service_role;
-- Not the token: members see where alerts go, never the secret that posts there.
grant select (id, workspace_id, kind, server_url, topic, has_token, created_by, created_at) on public.alert_relay to authenticated;
grant insert (workspace_id, kind, server_url, topic, token) on public.alert_relay to authenticated;
grant update (token) on public.alert_relay to authenticated;
grant delete on public.alert_relay to authenticated;
grant select, insert, update, delete on public.alert_relay to service_role;
grant update (p256dh, auth, device_label) on public.push_subscription to authenticated;

grant execute on function public.save_push_subscription(uuid, text, text, text, text) to authenticated, service_role;
grant execute on function public.delete_push_subscription(text) to authenticated, service_role;
grant execute on function public.save_alert_relay(uuid, text, text, text, text) to authenticated, service_role;
grant execute on function public.list_alert_relays(uuid) to authenticated, service_role;
grant execute on function public.delete_alert_relay(uuid) to authenticated, service_role;
grant execute on function public.alert_visible(uuid) to authenticated, service_role;
grant execute on function public.alert_status(uuid, text) to authenticated, service_role;
grant execute on function public.alert_claim_rounds(uuid, timestamptz) to service_role;
grant execute on function public.alert_round_report(uuid, integer, integer, integer, uuid[]) to service_role;
