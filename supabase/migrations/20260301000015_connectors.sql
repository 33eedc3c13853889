-- Chat connectors (issue 7): an owner connects a workspace to its Mattermost, Rocket.Chat or
-- Zulip, and the dispatch Edge Function posts approved or internal texts there.
--   * connector: what members may see (kind, name, the non-secret config, whether it works);
--   * connector_secret: the webhook URL or API key. No grant to anon or authenticated at all:
--     only the function (service_role) reads it, so a secret never reaches a phone;
--   * connector_dispatch: one row per text sent (or given up on), keyed by the id the phone
--     made, so a phone retrying the same dispatch gets the stored outcome and nothing is sent twice;
--   * RPCs for the app (save_connector, list_connectors, delete_connector) and, for the
--     function, connector_dispatch_access (with the caller's token), connector_dispatch_start
--     and connector_dispatch_record (service_role).

-- ---------------------------------------------------------------- tables

create table public.connector (
  id uuid primary key default gen_random_uuid(),
  workspace_id uuid not null references public.workspace (id) on delete cascade,
  kind text not null check (kind in ('mattermost', 'rocketchat', 'zulip')),
  name text not null check (length(name) between 1 and 100),
  -- Zulip: {site, stream, bot_email}; Mattermost and Rocket.Chat: {} (their URL is the secret).
  config jsonb not null default '{}'::jsonb check (jsonb_typeof(config) = 'object'),
  created_by uuid references auth.users (id) default auth.uid(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_ok_at timestamptz,
  last_error text check (length(last_error) <= 500),
  last_error_at timestamptz,
  unique (workspace_id, id)
);
comment on table public.connector is
  'A chat tool a workspace posts to (Mattermost, Rocket.Chat, Zulip) and how its last dispatch went. Never holds a secret.';
comment on column public.connector.last_error is 'Why the last failed dispatch failed, in words a user can act on; never contains the secret.';

create table public.connector_secret (
  connector_id uuid primary key,
  workspace_id uuid not null,
  -- Mattermost / Rocket.Chat {webhook_url}; Zulip {api_key}.
  secret jsonb not null check (jsonb_typeof(secret) = 'object'),
  foreign key (workspace_id, connector_id) references public.connector (workspace_id, id) on delete cascade
);
create index connector_secret_workspace_idx on public.connector_secret (workspace_id, connector_id);
comment on table public.connector_secret is
  'The webhook URL or API key of a connector. Readable and writable by service_role only (save_connector writes it as definer).';

create table public.connector_dispatch (
  -- Made by the phone: the idempotency key of one "post this text".
  id uuid primary key,
  workspace_id uuid not null references public.workspace (id) on delete cascade,
  -- The log keeps the dispatch when the connector is removed.
  connector_id uuid references public.connector (id) on delete set null,
  incident_id text check (length(incident_id) between 1 and 40),
  source text not null check (source in ('leadership_update', 'employee_instruction', 'alternate_channel', 'test')),
  status text not null check (status in ('sent', 'failed')),
  remote_id text check (length(remote_id) <= 200),
  remote_url text check (length(remote_url) <= 500),
  attempts integer not null default 0 check (attempts between 0 and 10),
  -- The tool's last HTTP status; null when it never answered (network error).
  last_status integer,
  error text check (length(error) <= 500),
  created_by uuid references auth.users (id),
  created_at timestamptz not null default now()
);
comment on table public.connector_dispatch is
  'Each text the dispatch function posted, or gave up on after its retries: what, where, the result and the remote id or link. Written by the function only.';
create index connector_dispatch_workspace_idx on public.connector_dispatch (workspace_id, created_at);
create index connector_dispatch_connector_idx on public.connector_dispatch (connector_id);

-- ---------------------------------------------------------------- row-level security

alter table public.connector enable row level security;
alter table public.connector force row level security;
alter table public.connector_secret enable row level security;
alter table public.connector_secret force row level security;
alter table public.connector_dispatch enable row level security;
alter table public.connector_dispatch force row level security;

-- ---------------------------------------------------------------- helpers

create function private.connector_url_ok(p_url text) returns boolean
language sql
immutable
set search_path = ''
as $$
  -- https anywhere; plain http only to this machine (stand-in servers in tests).
  select coalesce(p_url ~ '^https://[^/?#\s@]+(/[^#\s]*)?$'
               or p_url ~ '^http://(127\.0\.0\.1|localhost)(:[0-9]+)?(/[^#\s]*)?$', false)
$$;
comment on function private.connector_url_ok(text) is
  'True for an https:// address, or an http:// one on 127.0.0.1 / localhost (test servers).';
grant execute on function private.connector_url_ok(text) to authenticated, service_role;

-- ---------------------------------------------------------------- policies

create policy "Members can see their workspace's connectors" on public.connector
  for select to authenticated
  using (workspace_id in (select private.member_workspace_ids()));
create policy "Owners and communication owners can remove connectors" on public.connector
  for delete to authenticated
  using (private.has_role(workspace_id, '{owner,comm_owner}'));
-- No insert or update policy: save_connector (through private.save_connector, a definer)
-- validates and writes, secret included.
-- connector_secret has no policy at all: members can never read it.

create policy "Members can see their workspace's dispatches" on public.connector_dispatch
  for select to authenticated
  using (workspace_id in (select private.member_workspace_ids()));
-- No write policy: only the dispatch function (service_role) records dispatches.

-- ---------------------------------------------------------------- RPCs for the app

create function private.save_connector(
  p_workspace_id uuid, p_id uuid, p_kind text, p_name text, p_config jsonb, p_secret jsonb
) returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_id uuid := coalesce(p_id, gen_random_uuid());
  v_name text := btrim(coalesce(p_name, ''));
  v_config jsonb := '{}'::jsonb;
  v_secret jsonb;
  existing public.connector;
begin
  if p_workspace_id is null or not private.has_role(p_workspace_id, '{owner,comm_owner}') then
    raise exception 'only owners and communication owners can set up connectors' using errcode = '42501';
  end if;
  if p_kind is null or p_kind not in ('mattermost', 'rocketchat', 'zulip') then
    raise exception 'a connector is mattermost, rocketchat or zulip, not "%"', coalesce(p_kind, '');
  end if;
  if length(v_name) not between 1 and 100 then
    raise exception 'a connector needs a name of 1 to 100 characters';
  end if;
  select * into existing from public.connector c where c.id = v_id;
  if found and (existing.workspace_id <> p_workspace_id or existing.kind <> p_kind) then
    raise exception 'this connector belongs to another workspace or is of another kind' using errcode = '42501';
  end if;

  if p_kind = 'zulip' then
    v_config := jsonb_build_object(
      'site', rtrim(btrim(coalesce(p_config ->> 'site', '')), '/'),
      'stream', btrim(coalesce(p_config ->> 'stream', '')),
      'bot_email', btrim(coalesce(p_config ->> 'bot_email', '')));
    if not private.connector_url_ok(v_config ->> 'site') or (v_config ->> 'site') ~ '[?]' then
      raise exception 'the Zulip site must be an https:// address' using hint = 'For example https://yourcompany.zulipchat.com';
    end if;
    if length(v_config ->> 'stream') not between 1 and 60 then
      raise exception 'the Zulip stream needs a name of 1 to 60 characters';
    end if;
    if (v_config ->> 'bot_email') !~ '^[^@\s]+@[^@\s]+$' then
      raise exception 'the Zulip bot email is not an email address' using hint = 'Settings › Personal › Bots in Zulip shows it.';
    end if;
  end if;

  if p_secret is not null then
    if p_kind = 'zulip' then
      v_secret := jsonb_build_object('api_key', btrim(coalesce(p_secret ->> 'api_key', '')));
      if length(v_secret ->> 'api_key') not between 1 and 200 then
        raise exception 'Zulip needs the bot''s API key';
      end if;
    else
      v_secret := jsonb_build_object('webhook_url', btrim(coalesce(p_secret ->> 'webhook_url', '')));
      if not private.connector_url_ok(v_secret ->> 'webhook_url') or length(v_secret ->> 'webhook_url') > 500 then
        raise exception 'the incoming webhook URL must be an https:// address'
          using hint = 'Copy it from the tool''s incoming webhook settings; it looks like https://chat.example.com/hooks/...';
      end if;
    end if;
  elsif not exists (select 1 from public.connector_secret s where s.connector_id = v_id) then
    raise exception '% needs its secret the first time', case p_kind when 'zulip' then 'Zulip' when 'mattermost' then 'Mattermost' else 'Rocket.Chat' end
      using hint = case p_kind when 'zulip' then 'Paste the bot''s API key.' else 'Paste the incoming webhook URL.' end;
  end if;

  insert into public.connector (id, workspace_id, kind, name, config, created_by)
  values (v_id, p_workspace_id, p_kind, v_name, v_config, (select auth.uid()))
  on conflict (id) do update set name = excluded.name, config = excluded.config, updated_at = now();
  if v_secret is not null then
    insert into public.connector_secret (connector_id, workspace_id, secret)
    values (v_id, p_workspace_id, v_secret)
    on conflict (connector_id) do update set secret = excluded.secret;
    -- A new secret deserves a fresh start: the last error was about the old one.
    update public.connector c set last_error = null, last_error_at = null where c.id = v_id;
  end if;
  return v_id;
end;
$$;
comment on function private.save_connector(uuid, uuid, text, text, jsonb, jsonb) is
  'public.save_connector''s work. Definer: it writes connector_secret, which no member can touch, so it checks the caller''s role itself.';
grant execute on function private.save_connector(uuid, uuid, text, text, jsonb, jsonb) to authenticated;

create function public.save_connector(
  p_workspace_id uuid, p_id uuid, p_kind text, p_name text, p_config jsonb, p_secret jsonb
) returns uuid
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.save_connector(p_workspace_id, p_id, p_kind, p_name, p_config, p_secret)
$$;
comment on function public.save_connector(uuid, uuid, text, text, jsonb, jsonb) is
  'Adds or changes a connector (owners, communication owners); answers its id. p_secret null keeps the stored secret, which is never shown again.';

create function private.connector_has_secret(p_connector_id uuid) returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.connector_secret s
     where s.connector_id = p_connector_id and private.is_member(s.workspace_id))
$$;
comment on function private.connector_has_secret(uuid) is
  'Whether a connector of the caller''s workspace has its secret. Definer: members may know that, never the secret itself.';
grant execute on function private.connector_has_secret(uuid) to authenticated;

create function public.list_connectors(p_workspace_id uuid) returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', c.id, 'kind', c.kind, 'name', c.name, 'config', c.config,
           'has_secret', private.connector_has_secret(c.id),
           'last_ok_at', private.iso_millis(c.last_ok_at),
           'last_error', c.last_error,
           'last_error_at', private.iso_millis(c.last_error_at))
         order by c.created_at, c.id), '[]'::jsonb)
    from public.connector c
   where c.workspace_id = p_workspace_id
$$;
comment on function public.list_connectors(uuid) is
  'The workspace''s connectors [{id, kind, name, config, has_secret, last_ok_at, last_error, last_error_at}]; never a secret. Invoker: RLS shows members their own.';

create function public.delete_connector(p_id uuid) returns void
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  removed integer;
begin
  -- RLS: only owners and communication owners delete; the secret goes with it (cascade).
  delete from public.connector where id = p_id;
  get diagnostics removed = row_count;
  if removed = 0 and exists (select 1 from public.connector c where c.id = p_id) then
    raise exception 'only owners and communication owners can remove connectors' using errcode = '42501';
  end if;
end;
$$;
comment on function public.delete_connector(uuid) is
  'Removes a connector and its secret (owners, communication owners); its past dispatches stay in the log. One already gone is not an error.';

-- ---------------------------------------------------------------- RPCs for the dispatch function

create function public.connector_dispatch_access(p_connector_id uuid, p_incident_id text default null) returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  -- Asked with the caller's own token: RLS hides other workspaces' connectors (null = 404).
  select jsonb_build_object(
           'user_id', (select auth.uid()),
           'workspace_id', c.workspace_id,
           'allowed', private.has_role(c.workspace_id, '{owner,comm_owner,responder}'),
           -- Step 7: chat signs in through the identity provider, so either one compromised
           -- pauses every chat connector for this incident (as channels.ts rates it).
           'paused', p_incident_id is not null and exists (
             select 1
               from (select distinct on (s.channel) s.state
                       from public.channel_state s
                      where s.workspace_id = c.workspace_id and s.incident_id = p_incident_id
                        and s.channel in ('chat', 'identity_provider')
                      order by s.channel, s.recorded_at desc, s.id desc) latest
              where latest.state = 'compromised'))
    from public.connector c
   where c.id = p_connector_id
$$;
comment on function public.connector_dispatch_access(uuid, text) is
  'For the dispatch function, with the caller''s token: the connector''s workspace, whether the caller may post (owner, comm_owner, responder), and whether the incident''s chat is compromised. Null when the caller cannot see it.';

create function public.connector_dispatch_start(p_dispatch_id uuid, p_connector_id uuid) returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object(
           'previous', (select to_jsonb(d) from public.connector_dispatch d where d.id = p_dispatch_id),
           'kind', c.kind,
           'name', c.name,
           'config', c.config,
           'secret', (select s.secret from public.connector_secret s where s.connector_id = c.id))
    from public.connector c
   where c.id = p_connector_id
$$;
comment on function public.connector_dispatch_start(uuid, uuid) is
  'For the dispatch function (service_role): a stored outcome for this dispatch id, if any, else what it needs to send, secret included.';

create function public.connector_dispatch_record(
  p_dispatch_id uuid, p_connector_id uuid, p_incident_id text, p_source text, p_status text,
  p_remote_id text, p_remote_url text, p_attempts integer, p_last_status integer, p_error text, p_created_by uuid
) returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_workspace uuid;
  stored jsonb;
begin
  select c.workspace_id into v_workspace from public.connector c where c.id = p_connector_id;
  if v_workspace is null then
    raise exception 'no connector %', p_connector_id using errcode = 'P0002';
  end if;
  insert into public.connector_dispatch
    (id, workspace_id, connector_id, incident_id, source, status, remote_id, remote_url, attempts, last_status, error, created_by)
  values (p_dispatch_id, v_workspace, p_connector_id, p_incident_id, p_source, p_status,
          left(p_remote_id, 200), left(p_remote_url, 500), p_attempts, p_last_status, left(p_error, 500), p_created_by)
  on conflict (id) do nothing;
  if found then
    if p_status = 'sent' then
      update public.connector c set last_ok_at = now() where c.id = p_connector_id;
    else
      update public.connector c set last_error = left(p_error, 500), last_error_at = now() where c.id = p_connector_id;
    end if;
  end if;
  -- Whoever recorded first wins; a racing duplicate answers the stored outcome.
  select to_jsonb(d) into stored from public.connector_dispatch d where d.id = p_dispatch_id;
  return stored;
end;
$$;
comment on function public.connector_dispatch_record(uuid, uuid, text, text, text, text, text, integer, integer, text, uuid) is
  'For the dispatch function (service_role): stores a dispatch''s outcome and the connector''s last success or error; answers the stored row.';

-- ---------------------------------------------------------------- grants

grant select, delete on public.connector to authenticated;
grant select, insert, update, delete on public.connector to service_role;
grant select, insert, update, delete on public.connector_secret to service_role;
grant select on public.connector_dispatch to authenticated;
grant select, insert, update, delete on public.connector_dispatch to service_role;

grant execute on function public.save_connector(uuid, uuid, text, text, jsonb, jsonb) to authenticated;
grant execute on function public.list_connectors(uuid) to authenticated;
grant execute on function public.delete_connector(uuid) to authenticated;
grant execute on function public.connector_dispatch_access(uuid, text) to authenticated;
grant execute on function public.connector_dispatch_start(uuid, uuid) to service_role;
grant execute on function public.connector_dispatch_record(uuid, uuid, text, text, text, text, text, integer, integer, text, uuid) to service_role;
