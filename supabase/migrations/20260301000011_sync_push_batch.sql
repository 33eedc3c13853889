-- sync_push, second version (the first is in 20260301000009_sync.sql; a migration that has
-- run is never edited):
--   * a batch of well-formed log entries, what a phone sends, goes in with one set-based
--     insert (about 5x faster), falling back to change-by-change answers on any problem;
--   * clearer reasons for an entry whose incident, or corrected entry, the server lacks;
--   * a member removed after their push was stored, whose answer was lost, gets `duplicate`
--     for the entry they recorded instead of a refusal (found by the fault-schedule property).

create function private.is_own_stored_entry(entry_id uuid, entry_content_hash text) returns boolean
language sql stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.log_entry e
     where e.id = entry_id and e.content_hash = entry_content_hash and e.recorded_by = (select auth.uid()))
$$;
comment on function private.is_own_stored_entry(uuid, text) is
  'True when the caller recorded this very entry: a replay after the caller lost access is still a duplicate, not a refusal. Definer: a removed member can no longer read the log, and learns nothing they did not send.';
grant execute on function private.is_own_stored_entry(uuid, text) to authenticated, service_role;

-- ---------------------------------------------------------------- RPCs

create or replace function public.sync_push(changes jsonb) returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  change jsonb;
  change_id text;
  table_name text;
  payload jsonb;
  workspace uuid;
  columns text;
  inserted integer;
  stored_hash text;
  role_name public.member_role;
  failure_state text;
  failure_message text;
  failure_constraint text;
  inserted_ids uuid[];
  -- A plpgsql array grows in place; appending to a jsonb value copies it every time.
  results jsonb[] := '{}';
  -- Each table's column names, read from the catalog once per call, not once per change.
  table_columns jsonb := '{}'::jsonb;
begin
  if jsonb_typeof(changes) is distinct from 'array' then
    raise exception 'changes must be a JSON array of outbox rows';
  end if;
  if jsonb_array_length(changes) > 5000 then
    raise exception 'at most 5000 changes per push (got %); push in smaller batches', jsonb_array_length(changes);
  end if;

  -- Fast path, for what a phone sends: a batch of well-formed log entries goes in with one
  -- set-based insert, in the batch's order (about 5x faster than a subtransaction and a
  -- dynamic insert per change). On any problem (a refused or malformed change, a replay
  -- that is not a true duplicate) the attempt is undone and the per-change loop below
  -- answers each change with its own reason.
  if jsonb_array_length(changes) > 0 and not exists (
       select 1 from jsonb_array_elements(changes) as c(value)
        where c.value ->> 'table' is distinct from 'log_entry'
           or c.value ->> 'op' is distinct from 'insert'
           or jsonb_typeof(c.value -> 'payload') is distinct from 'object'
           or c.value -> 'payload' ->> 'id' is distinct from c.value ->> 'id') then
    begin
      with stored as (
        insert into public.log_entry (
          id, workspace_id, incident_id, occurred_at, communication_type, contacted,
          contact_method, message_summary, decision_made, action_requested, owner, deadline,
          response_received, follow_up_required, evidence_location, corrects, author,
          device_recorded_at, content_hash, local_seq, prev_hash, hash)
        select r.id, r.workspace_id, r.incident_id, r.occurred_at, r.communication_type, r.contacted,
               r.contact_method, r.message_summary, r.decision_made, r.action_requested, r.owner, r.deadline,
               r.response_received, r.follow_up_required, r.evidence_location, r.corrects, r.author,
               r.device_recorded_at, r.content_hash, r.local_seq, r.prev_hash, r.hash
          from jsonb_array_elements(changes) with ordinality as c(value, ord)
          cross join lateral jsonb_populate_record(null::public.log_entry, c.value -> 'payload') as r
         order by c.ord
        on conflict (id) do nothing
        returning id
      )
      select coalesce(array_agg(stored.id), '{}') into inserted_ids from stored;
      -- Not inserted means already stored: it must be this workspace's entry with this content.
      if exists (
           select 1 from jsonb_array_elements(changes) as c(value)
             left join public.log_entry e on e.id = (c.value ->> 'id')::uuid
            where not (c.value ->> 'id')::uuid = any (inserted_ids)
              and (e.id is null
                   or e.workspace_id is distinct from (c.value -> 'payload' ->> 'workspace_id')::uuid
                   or e.content_hash is distinct from c.value -> 'payload' ->> 'content_hash')) then
        raise exception 'not a plain replay';
      end if;
      return (
        select jsonb_agg(jsonb_build_object('id', c.value ->> 'id', 'status',
                 case when (c.value ->> 'id')::uuid = any (inserted_ids) then 'applied' else 'duplicate' end)
               order by c.ord)
          from jsonb_array_elements(changes) with ordinality as c(value, ord));
    exception
      when serialization_failure or deadlock_detected then
        raise;
      when others then
        null;  -- undone; the loop below takes the changes one by one
    end;
  end if;

  for change in select value from jsonb_array_elements(changes) loop
    change_id := change ->> 'id';
    table_name := change ->> 'table';
    payload := change -> 'payload';
    workspace := null;
    -- Each change in its own subtransaction: one bad change never blocks the others.
    begin
      if change_id is null or jsonb_typeof(payload) is distinct from 'object' then
        raise exception 'malformed change: it needs an id and a payload object';
      end if;
      if private.pushable_label(table_name) is null then
        raise exception 'this server does not accept changes to "%" yet', coalesce(table_name, '');
      end if;
      if coalesce(change ->> 'op', '') <> 'insert' then
        raise exception 'only inserts are accepted for %; they are never edited', private.pushable_label(table_name);
      end if;
      payload := jsonb_set(payload, '{id}', coalesce(payload -> 'id', to_jsonb(change_id)));
      if payload ->> 'id' <> change_id then
        raise exception 'the change id and the payload id differ';
      end if;
      workspace := (payload ->> 'workspace_id')::uuid;

      -- Only the columns the phone sent: the others keep their defaults, and the
      -- triggers overwrite the ones the server owns (recorded_by, seq, ...).
      if not table_columns ? table_name then
        table_columns := table_columns || jsonb_build_object(table_name, (
          select jsonb_agg(a.attname order by a.attnum)
            from pg_catalog.pg_attribute a
           where a.attrelid = ('public.' || quote_ident(table_name))::regclass
             and a.attnum > 0 and not a.attisdropped));
      end if;
      select string_agg(quote_ident(c.name), ', ')
        into columns
        from jsonb_array_elements_text(table_columns -> table_name) as c(name)
       where payload ? c.name;

      execute format(
        'insert into public.%I (%s) select %s from jsonb_populate_record(null::public.%I, $1) on conflict (id) do nothing',
        table_name, columns, columns, table_name)
        using payload;
      get diagnostics inserted = row_count;

      if inserted = 1 then
        results := array_append(results, jsonb_build_object('id', change_id, 'status', 'applied'));
      else
        -- Replayed: the same id is already stored. It must be this workspace's row (and,
        -- for the log, the same content), or the phone would believe a different entry synced.
        execute format('select %s from public.%I where id = $1 and workspace_id = $2',
                       case when table_name = 'log_entry' then 'content_hash' else '''''' end, table_name)
          into stored_hash
          using (change_id)::uuid, workspace;
        if stored_hash is null then
          raise exception 'this id is already used by another record';
        end if;
        if table_name = 'log_entry' and stored_hash <> payload ->> 'content_hash' then
          raise exception 'an entry with this id is already stored with different content';
        end if;
        results := array_append(results, jsonb_build_object('id', change_id, 'status', 'duplicate'));
      end if;
    exception
      when serialization_failure or deadlock_detected then
        raise;  -- transient: the whole push is retried (40001/40P01), nothing is parked
      when others then
        get stacked diagnostics failure_state = returned_sqlstate, failure_message = message_text,
                                failure_constraint = constraint_name;
        if failure_state = '23503' and failure_constraint like '%incident_id_fkey' then
          failure_message := 'the incident is not on the server; an owner or communication owner must open it first, then send again';
        elsif failure_state = '23503' and failure_constraint like '%corrects_fkey' then
          failure_message := 'it corrects an entry the server does not have; send that entry first';
        elsif failure_state = '42501' and table_name = 'log_entry'
              and private.is_own_stored_entry(change_id::uuid, payload ->> 'content_hash') then
          -- Stored in an earlier push whose answer was lost, before the caller lost access.
          results := array_append(results, jsonb_build_object('id', change_id, 'status', 'duplicate'));
          continue;
        elsif failure_state = '42501' and workspace is not null then
          role_name := private.member_role(workspace);
          if role_name is null then
            failure_message := 'not a member of this workspace';
          elsif role_name = 'viewer' then
            failure_message := 'viewers cannot add ' || private.pushable_label(table_name);
          else
            failure_message := format('your role (%s) cannot add %s', role_name, private.pushable_label(table_name));
          end if;
        end if;
        results := array_append(results, jsonb_build_object('id', change_id, 'status', 'rejected', 'reason', failure_message));
    end;
  end loop;
  return to_jsonb(results);
end;
$$;
comment on function public.sync_push(jsonb) is
  'Applies outbox rows [{id, table, op, payload}] idempotently; answers [{id, status: applied|duplicate|rejected, reason?}] in order. Invoker: RLS applies to every change.';
