-- What a phone needs to join its team's workspace and keep its incidents in step, next to
-- sync_push / sync_pull: the workspaces the signed-in user belongs to (with their incidents),
-- creating the workspace a phone started offline, and registering the incidents a phone
-- opened offline so its log entries can follow them. All SECURITY INVOKER: the caller's own
-- row-level security decides, exactly as for a direct query.

create function public.my_workspaces() returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', w.id,
           'name', w.name,
           'role', m.role,
           'incidents', coalesce((
             select jsonb_agg(jsonb_build_object(
                      'id', i.id,
                      'title', i.title,
                      'status', i.status,
                      'detected_at', private.iso_millis(i.detected_at),
                      'opened_at', private.iso_millis(i.opened_at))
                    order by i.opened_at desc, i.id)
               from public.incident i
              where i.workspace_id = w.id), '[]'::jsonb))
         order by w.name, w.id), '[]'::jsonb)
    from public.member m
    join public.workspace w on w.id = m.workspace_id
   where m.user_id = (select auth.uid())
$$;
comment on function public.my_workspaces() is
  'The workspaces the signed-in user belongs to: [{id, name, role, incidents: [{id, title, status, detected_at, opened_at}]}], newest incident first.';

create function public.create_workspace(workspace_id uuid, workspace_name text) returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  created integer;
begin
  if workspace_id is null or coalesce(btrim(workspace_name), '') = '' then
    raise exception 'a workspace needs an id and a name';
  end if;
  -- The id is the one the phone made offline, so its log entries (whose hashes cover the
  -- workspace id) need no translation. The creator becomes the owner (trigger).
  -- No ON CONFLICT: its arbiter needs SELECT, whose policy (membership) the new row cannot
  -- pass before the trigger has made the caller a member.
  begin
    insert into public.workspace (id, name) values (workspace_id, btrim(workspace_name));
    created := 1;
  exception when unique_violation then
    created := 0;
  end;
  if created = 0 and not private.is_member(workspace_id) then
    raise exception 'this workspace id is already taken'
      using errcode = '42501', hint = 'Ask an owner of that workspace to add you as a member.';
  end if;
  return jsonb_build_object('id', workspace_id, 'status', case when created = 1 then 'applied' else 'duplicate' end);
end;
$$;
comment on function public.create_workspace(uuid, text) is
  'Creates the workspace a phone started offline, under the phone''s id; the caller becomes its owner. Replaying it answers duplicate.';

create function public.register_incidents(incidents jsonb) returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  item jsonb;
  created integer;
  failure_message text;
  results jsonb[] := '{}';
begin
  if jsonb_typeof(incidents) is distinct from 'array' then
    raise exception 'incidents must be a JSON array';
  end if;
  if jsonb_array_length(incidents) > 500 then
    raise exception 'at most 500 incidents per call';
  end if;
  for item in select value from jsonb_array_elements(incidents) loop
    begin
      -- Insert only: an incident already on the server keeps its fields (they are edited
      -- with a version check, never overwritten by a phone that opened it offline).
      insert into public.incident (workspace_id, id, title, status, detected_at, opened_at)
      values ((item ->> 'workspace_id')::uuid, item ->> 'id', coalesce(item ->> 'title', ''),
              coalesce(item ->> 'status', 'open')::public.incident_status,
              (item ->> 'detected_at')::timestamptz, coalesce((item ->> 'opened_at')::timestamptz, now()))
      on conflict (workspace_id, id) do nothing;
      get diagnostics created = row_count;
      if created = 0 and not private.is_member((item ->> 'workspace_id')::uuid) then
        raise exception 'not a member of this workspace' using errcode = '42501';
      end if;
      results := array_append(results, jsonb_build_object('id', item ->> 'id', 'status', case when created = 1 then 'applied' else 'duplicate' end));
    exception
      when serialization_failure or deadlock_detected then
        raise;
      when others then
        get stacked diagnostics failure_message = message_text;
        if failure_message like 'new row violates row-level security policy%' then
          failure_message := case when private.is_member((item ->> 'workspace_id')::uuid)
                                  then 'only owners and communication owners can open incidents'
                                  else 'not a member of this workspace' end;
        end if;
        results := array_append(results, jsonb_build_object('id', item ->> 'id', 'status', 'rejected', 'reason', failure_message));
    end;
  end loop;
  return to_jsonb(results);
end;
$$;
comment on function public.register_incidents(jsonb) is
  'Adds the incidents a phone opened offline [{workspace_id, id, title, status, detected_at, opened_at}]; answers per incident applied | duplicate | rejected(reason). Never overwrites.';

grant execute on function public.my_workspaces() to authenticated, service_role;
grant execute on function public.create_workspace(uuid, text) to authenticated, service_role;
grant execute on function public.register_incidents(jsonb) to authenticated, service_role;
