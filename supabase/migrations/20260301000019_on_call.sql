-- On call (issue 7, monitoring in: "a monitor going down raises an alert to the on-call
-- members"):
--   * member.on_call: each member says so themselves, on their phone (Settings › Team alerts);
--     set_on_call changes the caller's own row only; on_call_status tells members who is on call.
--   * alert.audience: who an alert is for, fixed by the server when it is raised. A monitor's
--     alert (no incident) is for the members on call at that moment; with nobody on call it is
--     for everyone, since an alert nobody gets is worse than one too many. Alerts raised in an
--     incident stay for every member but the raiser. Whatever a client sends is overwritten.
--   * alert_claim_rounds and alert_status use the audience: the first round and the reminders
--     go to it and "pending" lists it; the escalation still goes to the owners and
--     communication owners (or the alert's escalate_to).
-- Migrations 12 and 16 already ran and are not edited; the two functions are restated here.

-- ---------------------------------------------------------------- tables

alter table public.member add column on_call boolean not null default false;
comment on column public.member.on_call is 'The member takes monitor alerts now (set by the member, with set_on_call).';

alter table public.alert add column audience uuid[];
comment on column public.alert.audience is 'Who the alert rings: null for every member but the raiser; for a monitor''s alert, the members on call when it was raised. Set by the server.';

create function private.alert_set_audience() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  new.audience := null;
  if new.incident_id is null then
    select array_agg(m.user_id order by m.user_id) into new.audience
      from public.member m
     where m.workspace_id = new.workspace_id and m.on_call;
  end if;
  return new;
end;
$$;
comment on function private.alert_set_audience() is
  'Before an alert is stored: a monitor''s alert (no incident) is for the members on call now, if any; any other alert is for everyone.';

create trigger alert_audience before insert on public.alert
  for each row execute function private.alert_set_audience();

-- ---------------------------------------------------------------- RPCs for the app

create function private.set_on_call(p_workspace_id uuid, p_on_call boolean) returns boolean
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  if p_on_call is null then
    raise exception 'say whether you are on call (true or false)';
  end if;
  update public.member m set on_call = p_on_call
   where m.workspace_id = p_workspace_id and m.user_id = (select auth.uid());
  if not found then
    raise exception 'not a member of this workspace' using errcode = '42501';
  end if;
  return p_on_call;
end;
$$;
comment on function private.set_on_call(uuid, boolean) is
  'public.set_on_call''s work. Definer: members may not update member rows, so it changes the caller''s own on_call only.';
grant execute on function private.set_on_call(uuid, boolean) to authenticated;

create function public.set_on_call(p_workspace_id uuid, p_on_call boolean) returns boolean
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.set_on_call(p_workspace_id, p_on_call)
$$;
comment on function public.set_on_call(uuid, boolean) is
  'The caller says whether they are on call in the workspace (their own row only); answers the new value.';

create function public.on_call_status(p_workspace_id uuid) returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  -- Invoker: RLS shows members their own workspace's members only (null for anyone else).
  select case when not private.is_member(p_workspace_id) then null else jsonb_build_object(
           'me', coalesce((select m.on_call from public.member m
                            where m.workspace_id = p_workspace_id and m.user_id = (select auth.uid())), false),
           'on_call', coalesce((select jsonb_agg(jsonb_build_object('user_id', m.user_id, 'name', m.display_name)
                                                 order by m.display_name, m.user_id)
                                  from public.member m
                                 where m.workspace_id = p_workspace_id and m.on_call), '[]'::jsonb)) end
$$;
comment on function public.on_call_status(uuid) is
  'For members: whether the caller is on call, and who is [{user_id, name}]. Null for non-members.';

-- ---------------------------------------------------------------- alert rounds (restated from 12)

create or replace function public.alert_claim_rounds(p_alert_id uuid default null, p_now timestamptz default now()) returns jsonb
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
    -- The alert's audience (migration 19): everyone but the raiser, or the members on call.
    select coalesce(array_agg(m.user_id order by m.user_id), '{}') into everyone
      from public.member m
     where m.workspace_id = a.workspace_id and m.user_id is distinct from a.raised_by
       and (a.audience is null or m.user_id = any (a.audience));
    select coalesce(array_agg(u order by u), '{}') into unacked
      from unnest(everyone) as u
     where not exists (select 1 from public.alert_ack k where k.alert_id = a.id and k.user_id = u);

    -- The latest round that is due: a late tick sends one round, not every one it missed.
    due_round := least(a.max_repeats + 1,
                       greatest(0, floor(extract(epoch from (p_now - a.raised_at)) / a.repeat_every_seconds)::integer));
    if last_round < 0 then
      due_round := 0;  -- the first round always goes to the whole audience, however late
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

create or replace function public.alert_status(p_workspace_id uuid, p_incident_id text default null) returns jsonb
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
           -- Who the alert is for (its audience) and has not acknowledged it.
           'pending', coalesce((
             select jsonb_agg(jsonb_build_object('user_id', m.user_id, 'name', m.display_name) order by m.display_name, m.user_id)
               from public.member m
              where m.workspace_id = a.workspace_id
                and m.user_id is distinct from a.raised_by
                and (a.audience is null or m.user_id = any (a.audience))
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

-- ---------------------------------------------------------------- grants

revoke all on function private.alert_set_audience() from public;
revoke all on function private.set_on_call(uuid, boolean) from public, anon;
revoke all on function public.set_on_call(uuid, boolean) from public, anon;
grant execute on function public.set_on_call(uuid, boolean) to authenticated;
revoke all on function public.on_call_status(uuid) from public, anon;
grant execute on function public.on_call_status(uuid) to authenticated;
