-- Ticket, case and evidence-storage connectors (issue 7): an owner connects the workspace's
-- Zammad, osTicket, GLPI, Jira Service Management or TheHive, and its Nextcloud.
--   * connector.kind gains 'zammad', 'osticket', 'glpi', 'jira_sm', 'thehive' (tickets and
--     cases, opened or updated by the dispatch function) and 'nextcloud' (exports uploaded by
--     WebDAV by the evidence-upload function). None of them is paused by a compromised chat.
--   * connector_dispatch.source gains 'ticket' and 'evidence'; new columns remote_label (the
--     number a person reads: "31001", "HELP-12", "#42"), subject (what the ticket is for:
--     'incident' or 'entry:<log entry id>') and warning (sent, but a later step failed).
--   * save_connector's checks move into private.connector_settings, one place per kind.
--   * incident_tickets(p_incident_id): the tickets, uploads and published statements of an
--     incident, for every member's phone (a teammate's ticket shows on the follow-up it was
--     opened for; a statement's next version updates the Cachet incident a teammate made).
-- Migrations 15 and 17 already ran and are not edited.

-- ---------------------------------------------------------------- tables

alter table public.connector drop constraint connector_kind_check;
alter table public.connector add constraint connector_kind_check
  check (kind in ('mattermost', 'rocketchat', 'zulip', 'cachet2', 'cachet3',
                  'zammad', 'osticket', 'glpi', 'jira_sm', 'thehive', 'nextcloud'));
comment on table public.connector is
  'A tool the workspace reaches from Muster: chat (Mattermost, Rocket.Chat, Zulip), status page (Cachet 2.x, 3.x), tickets and cases (Zammad, osTicket, GLPI, Jira SM, TheHive) or evidence storage (Nextcloud), and how its last dispatch went. Never holds a secret.';

alter table public.connector_dispatch drop constraint connector_dispatch_source_check;
alter table public.connector_dispatch add constraint connector_dispatch_source_check
  check (source in ('leadership_update', 'employee_instruction', 'alternate_channel', 'statement', 'ticket', 'evidence', 'test'));
alter table public.connector_dispatch
  add column remote_label text check (length(remote_label) <= 100),
  add column subject text check (subject = 'incident' or subject ~ '^entry:[0-9a-f-]{36}$' or subject ~ '^statement:[A-Za-z0-9_-]{1,60}:v[0-9]{1,6}$'),
  add column warning text check (length(warning) <= 500);
comment on column public.connector_dispatch.remote_label is 'The ticket number, request key or file name as the tool shows it to people.';
comment on column public.connector_dispatch.subject is 'What a ticket or upload is for: the incident, or one log entry (a vendor request, a follow-up); for a published statement, the statement and its version (statement:<id>:v<n>: later versions are posted as updates to the same status page incident, a version already there is not posted again).';
comment on column public.connector_dispatch.warning is 'Sent, but a later step did not go through (a TheHive task, an attachment): what to do by hand.';
create index connector_dispatch_incident_idx on public.connector_dispatch (workspace_id, incident_id) where status = 'sent';

-- ---------------------------------------------------------------- settings per kind

create function private.connector_label(p_kind text) returns text
language sql
immutable
set search_path = ''
as $$
  select case p_kind
    when 'mattermost' then 'Mattermost' when 'rocketchat' then 'Rocket.Chat' when 'zulip' then 'Zulip'
    when 'cachet2' then 'Cachet' when 'cachet3' then 'Cachet' when 'zammad' then 'Zammad'
    when 'osticket' then 'osTicket' when 'glpi' then 'GLPI' when 'jira_sm' then 'Jira Service Management'
    when 'thehive' then 'TheHive' when 'nextcloud' then 'Nextcloud' else coalesce(p_kind, 'a connector') end
$$;

create function private.connector_settings(p_kind text, p_config jsonb, p_secret jsonb)
returns table (config jsonb, secret jsonb)
language plpgsql
immutable
set search_path = ''
as $$
declare
  v_site text := rtrim(btrim(coalesce(p_config ->> 'site', '')), '/');
  v_status text;
  v_folder text;
  -- Each kind's secret fields; a missing secret (null) keeps the stored one.
  v_fields text[] := case p_kind
    when 'zulip' then '{api_key}'
    when 'cachet2' then '{token}' when 'cachet3' then '{token}' when 'zammad' then '{token}'
    when 'osticket' then '{api_key}' when 'thehive' then '{api_key}'
    when 'glpi' then '{app_token,user_token}'
    when 'jira_sm' then '{api_token}'
    when 'nextcloud' then '{app_password}'
    else '{webhook_url}' end;
  v_field text;
  v_label text := private.connector_label(p_kind);
begin
  config := '{}'::jsonb;
  if p_kind in ('zulip', 'cachet2', 'cachet3', 'zammad', 'osticket', 'glpi', 'jira_sm', 'thehive', 'nextcloud')
     and (not private.connector_url_ok(v_site) or v_site ~ '[?]') then
    raise exception 'the % site must be an https:// address', v_label
      using hint = 'The address you open the tool at, for example https://tickets.example.com';
  end if;

  case p_kind
  when 'zulip' then
    config := jsonb_build_object('site', v_site, 'stream', btrim(coalesce(p_config ->> 'stream', '')),
                                 'bot_email', btrim(coalesce(p_config ->> 'bot_email', '')));
    if length(config ->> 'stream') not between 1 and 60 then
      raise exception 'the Zulip stream needs a name of 1 to 60 characters';
    end if;
    if (config ->> 'bot_email') !~ '^[^@\s]+@[^@\s]+$' then
      raise exception 'the Zulip bot email is not an email address' using hint = 'Settings › Personal › Bots in Zulip shows it.';
    end if;
  when 'cachet2', 'cachet3' then
    -- 1 investigating, 2 identified, 3 watching, 4 fixed (0 is maintenance, never a statement).
    v_status := coalesce(p_config ->> 'status', '2');
    if v_status !~ '^[1-4]$' then
      raise exception 'the Cachet incident status is 1 (investigating) to 4 (fixed), not "%"', v_status;
    end if;
    config := jsonb_build_object('site', v_site, 'status', v_status::integer);
  when 'zammad' then
    config := jsonb_build_object('site', v_site, 'group', btrim(coalesce(p_config ->> 'group', '')),
                                 'customer', btrim(coalesce(p_config ->> 'customer', '')));
    if length(config ->> 'group') not between 1 and 100 then
      raise exception 'Zammad needs the group new tickets go to' using hint = 'For example "Users" or "IT Security".';
    end if;
    if (config ->> 'customer') !~ '^[^@\s]+@[^@\s]+$' then
      raise exception 'the Zammad customer must be an email address' using hint = 'Tickets are filed under this customer.';
    end if;
  when 'osticket' then
    config := jsonb_build_object('site', v_site, 'name', btrim(coalesce(p_config ->> 'name', '')),
                                 'email', btrim(coalesce(p_config ->> 'email', '')));
    if length(config ->> 'name') not between 1 and 100 then
      raise exception 'osTicket needs the name tickets are from';
    end if;
    if (config ->> 'email') !~ '^[^@\s]+@[^@\s]+$' then
      raise exception 'the osTicket email is not an email address';
    end if;
  when 'glpi' then
    config := jsonb_build_object('site', v_site);
  when 'jira_sm' then
    config := jsonb_build_object('site', v_site, 'email', btrim(coalesce(p_config ->> 'email', '')),
                                 'service_desk_id', btrim(coalesce(p_config ->> 'service_desk_id', '')),
                                 'request_type_id', btrim(coalesce(p_config ->> 'request_type_id', '')));
    if (config ->> 'email') !~ '^[^@\s]+@[^@\s]+$' then
      raise exception 'Jira Service Management needs the email of the API token''s account';
    end if;
    if (config ->> 'service_desk_id') !~ '^[0-9]{1,12}$' or (config ->> 'request_type_id') !~ '^[0-9]{1,12}$' then
      raise exception 'the Jira service desk id and request type id are numbers'
        using hint = 'Project settings › Request types: the numbers in the address.';
    end if;
  when 'thehive' then
    config := jsonb_build_object('site', v_site, 'organisation', btrim(coalesce(p_config ->> 'organisation', '')));
    if length(config ->> 'organisation') > 100 then
      raise exception 'the TheHive organisation name is at most 100 characters';
    end if;
  when 'nextcloud' then
    v_folder := btrim(coalesce(nullif(btrim(p_config ->> 'folder'), ''), 'Muster'), '/ ');
    config := jsonb_build_object('site', v_site, 'user', btrim(coalesce(p_config ->> 'user', '')), 'folder', v_folder);
    if length(config ->> 'user') not between 1 and 100 or (config ->> 'user') ~ '[/\s]' then
      raise exception 'Nextcloud needs the user name (no spaces or slashes)';
    end if;
    if length(v_folder) not between 1 and 100 or v_folder ~ '(^|/)\.\.?(/|$)' or v_folder ~ '[\\[:cntrl:]]' then
      raise exception 'the Nextcloud folder must be a folder path of 1 to 100 characters, without ".." or backslashes, not "%"', v_folder;
    end if;
  when 'mattermost', 'rocketchat' then
    null;
  else
    raise exception 'a connector is mattermost, rocketchat, zulip, cachet2, cachet3, zammad, osticket, glpi, jira_sm, thehive or nextcloud, not "%"', coalesce(p_kind, '');
  end case;

  if p_secret is null then
    secret := null;
    return next;
    return;
  end if;
  secret := '{}'::jsonb;
  foreach v_field in array v_fields loop
    secret := secret || jsonb_build_object(v_field, btrim(coalesce(p_secret ->> v_field, '')));
    if length(secret ->> v_field) not between 1 and 500 then
      raise exception '% needs %', v_label, case v_field
          when 'api_key' then case p_kind when 'zulip' then 'the bot''s API key' else 'an API key' end
          when 'token' then case p_kind when 'zammad' then 'an access token' else 'an API token' end
          when 'app_token' then 'the API client''s App-Token'
          when 'user_token' then 'your user API token'
          when 'api_token' then 'an API token'
          when 'app_password' then 'an app password'
          else 'the incoming webhook URL' end
        using hint = 'Paste it from the tool''s settings; it is stored on the Muster backend only.';
    end if;
  end loop;
  if p_kind in ('mattermost', 'rocketchat') and not private.connector_url_ok(secret ->> 'webhook_url') then
    raise exception 'the incoming webhook URL must be an https:// address'
      using hint = 'Copy it from the tool''s incoming webhook settings; it looks like https://chat.example.com/hooks/...';
  end if;
  return next;
end;
$$;
comment on function private.connector_settings(text, jsonb, jsonb) is
  'Checks and normalises a connector''s settings for its kind: the non-secret config, and the secret (null keeps the stored one).';

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
  v_settings record;
  existing public.connector;
begin
  if p_workspace_id is null or not private.has_role(p_workspace_id, '{owner,comm_owner}') then
    raise exception 'only owners and communication owners can set up connectors' using errcode = '42501';
  end if;
  if length(v_name) not between 1 and 100 then
    raise exception 'a connector needs a name of 1 to 100 characters';
  end if;
  select * into existing from public.connector c where c.id = v_id;
  if found and (existing.workspace_id <> p_workspace_id or existing.kind <> p_kind) then
    raise exception 'this connector belongs to another workspace or is of another kind' using errcode = '42501';
  end if;
  select * into v_settings from private.connector_settings(p_kind, p_config, p_secret);
  if v_settings.secret is null and not exists (select 1 from public.connector_secret s where s.connector_id = v_id) then
    raise exception '% needs its secret the first time', private.connector_label(p_kind)
      using hint = 'Paste the webhook URL, API key, token or app password.';
  end if;

  insert into public.connector (id, workspace_id, kind, name, config, created_by)
  values (v_id, p_workspace_id, p_kind, v_name, v_settings.config, (select auth.uid()))
  on conflict (id) do update set name = excluded.name, config = excluded.config, updated_at = now();
  if v_settings.secret is not null then
    insert into public.connector_secret (connector_id, workspace_id, secret)
    values (v_id, p_workspace_id, v_settings.secret)
    on conflict (connector_id) do update set secret = excluded.secret;
    -- A new secret deserves a fresh start: the last error was about the old one.
    update public.connector c set last_error = null, last_error_at = null where c.id = v_id;
  end if;
  return v_id;
end;
$$;

-- ---------------------------------------------------------------- RPCs for the functions

drop function public.connector_dispatch_record(uuid, uuid, text, text, text, text, text, integer, integer, text, uuid);
create function public.connector_dispatch_record(
  p_dispatch_id uuid, p_connector_id uuid, p_incident_id text, p_source text, p_status text,
  p_remote_id text, p_remote_url text, p_attempts integer, p_last_status integer, p_error text, p_created_by uuid,
  p_remote_label text default null, p_subject text default null, p_warning text default null
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
    (id, workspace_id, connector_id, incident_id, source, status, remote_id, remote_url, attempts, last_status, error, created_by,
     remote_label, subject, warning)
  values (p_dispatch_id, v_workspace, p_connector_id, p_incident_id, p_source, p_status,
          left(p_remote_id, 200), left(p_remote_url, 500), p_attempts, p_last_status, left(p_error, 500), p_created_by,
          left(p_remote_label, 100), p_subject, left(p_warning, 500))
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
comment on function public.connector_dispatch_record(uuid, uuid, text, text, text, text, text, integer, integer, text, uuid, text, text, text) is
  'For the dispatch and evidence-upload functions (service_role): stores an outcome and the connector''s last success or error; answers the stored row.';

-- ---------------------------------------------------------------- RPC for the app

create function public.incident_tickets(p_incident_id text) returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  -- Invoker: RLS shows members their own workspaces' dispatches only.
  select coalesce(jsonb_agg(jsonb_build_object(
           'dispatch_id', d.id, 'workspace_id', d.workspace_id, 'connector_id', d.connector_id,
           'kind', c.kind, 'connector_name', c.name, 'source', d.source, 'subject', d.subject,
           'remote_id', d.remote_id, 'remote_label', d.remote_label, 'remote_url', d.remote_url,
           'warning', d.warning, 'created_at', d.created_at) order by d.created_at, d.id), '[]'::jsonb)
    from public.connector_dispatch d
    left join public.connector c on c.id = d.connector_id
   where d.incident_id = p_incident_id and d.status = 'sent' and d.source in ('ticket', 'evidence', 'statement')
$$;
comment on function public.incident_tickets(text) is
  'The tickets, cases, evidence uploads and status page incidents sent for an incident [{dispatch_id, connector_id, kind, connector_name, source, subject, remote_id, remote_label, remote_url, warning, created_at}]; never a secret.';

-- ---------------------------------------------------------------- grants

revoke all on function private.connector_label(text) from public;
grant execute on function private.connector_label(text) to authenticated;
revoke all on function private.connector_settings(text, jsonb, jsonb) from public;
grant execute on function private.connector_settings(text, jsonb, jsonb) to authenticated;
revoke all on function public.connector_dispatch_record(uuid, uuid, text, text, text, text, text, integer, integer, text, uuid, text, text, text) from public, anon, authenticated;
grant execute on function public.connector_dispatch_record(uuid, uuid, text, text, text, text, text, integer, integer, text, uuid, text, text, text) to service_role;
revoke all on function public.incident_tickets(text) from public, anon;
grant execute on function public.incident_tickets(text) to authenticated;
