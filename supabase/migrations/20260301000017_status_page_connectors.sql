-- Status-page connectors (issue 7): an owner connects the workspace's Cachet (2.x api/v1 or
-- 3.x api), and the dispatch Edge Function publishes an approved external statement there as
-- an incident.
--   * connector.kind gains 'cachet2' and 'cachet3': config {site, status (1..4)}, secret {token};
--   * connector_dispatch.source gains 'statement' (the function allows it for Cachet only, and
--     only statements for Cachet: chat gets internal texts, a status page gets public ones);
--   * save_connector validates the Cachet settings; connector_dispatch_access pauses only chat
--     connectors when chat is compromised (a status page is not reached through the chat).
-- 20260301000015_connectors.sql already ran and is not edited.

-- ---------------------------------------------------------------- tables

alter table public.connector drop constraint connector_kind_check;
alter table public.connector add constraint connector_kind_check
  check (kind in ('mattermost', 'rocketchat', 'zulip', 'cachet2', 'cachet3'));
comment on table public.connector is
  'A chat tool (Mattermost, Rocket.Chat, Zulip) or status page (Cachet 2.x, 3.x) a workspace posts to, and how its last dispatch went. Never holds a secret.';

alter table public.connector_dispatch drop constraint connector_dispatch_source_check;
alter table public.connector_dispatch add constraint connector_dispatch_source_check
  check (source in ('leadership_update', 'employee_instruction', 'alternate_channel', 'statement', 'test'));

-- ---------------------------------------------------------------- RPCs for the app

create or replace function private.save_connector(
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
  v_status text;
  existing public.connector;
begin
  if p_workspace_id is null or not private.has_role(p_workspace_id, '{owner,comm_owner}') then
    raise exception 'only owners and communication owners can set up connectors' using errcode = '42501';
  end if;
  if p_kind is null or p_kind not in ('mattermost', 'rocketchat', 'zulip', 'cachet2', 'cachet3') then
    raise exception 'a connector is mattermost, rocketchat, zulip, cachet2 or cachet3, not "%"', coalesce(p_kind, '');
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
  elsif p_kind in ('cachet2', 'cachet3') then
    -- Cachet's incident status: 1 investigating, 2 identified, 3 watching, 4 fixed (0 is
    -- "scheduled", maintenance, which a statement never is).
    v_status := coalesce(p_config ->> 'status', '2');
    if v_status !~ '^[1-4]$' then
      raise exception 'the Cachet incident status is 1 (investigating) to 4 (fixed), not "%"', v_status;
    end if;
    v_config := jsonb_build_object('site', rtrim(btrim(coalesce(p_config ->> 'site', '')), '/'), 'status', v_status::integer);
    if not private.connector_url_ok(v_config ->> 'site') or (v_config ->> 'site') ~ '[?]' then
      raise exception 'the Cachet site must be an https:// address' using hint = 'The status page''s address, for example https://status.example.com';
    end if;
  end if;

  if p_secret is not null then
    if p_kind = 'zulip' then
      v_secret := jsonb_build_object('api_key', btrim(coalesce(p_secret ->> 'api_key', '')));
      if length(v_secret ->> 'api_key') not between 1 and 200 then
        raise exception 'Zulip needs the bot''s API key';
      end if;
    elsif p_kind in ('cachet2', 'cachet3') then
      v_secret := jsonb_build_object('token', btrim(coalesce(p_secret ->> 'token', '')));
      if length(v_secret ->> 'token') not between 1 and 500 then
        raise exception 'Cachet needs an API token';
      end if;
    else
      v_secret := jsonb_build_object('webhook_url', btrim(coalesce(p_secret ->> 'webhook_url', '')));
      if not private.connector_url_ok(v_secret ->> 'webhook_url') or length(v_secret ->> 'webhook_url') > 500 then
        raise exception 'the incoming webhook URL must be an https:// address'
          using hint = 'Copy it from the tool''s incoming webhook settings; it looks like https://chat.example.com/hooks/...';
      end if;
    end if;
  elsif not exists (select 1 from public.connector_secret s where s.connector_id = v_id) then
    raise exception '% needs its secret the first time',
      case p_kind when 'zulip' then 'Zulip' when 'mattermost' then 'Mattermost' when 'rocketchat' then 'Rocket.Chat' else 'Cachet' end
      using hint = case p_kind when 'zulip' then 'Paste the bot''s API key.' when 'cachet2' then 'Paste an API token.' when 'cachet3' then 'Paste an API key.'
                   else 'Paste the incoming webhook URL.' end;
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

-- ---------------------------------------------------------------- RPCs for the dispatch function

create or replace function public.connector_dispatch_access(p_connector_id uuid, p_incident_id text default null) returns jsonb
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
           -- pauses every chat connector for this incident (as channels.ts rates it). A status
           -- page is no company channel: it is never paused this way.
           'paused', p_incident_id is not null and c.kind in ('mattermost', 'rocketchat', 'zulip') and exists (
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
