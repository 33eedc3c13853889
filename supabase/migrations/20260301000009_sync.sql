-- The sync RPCs the phone calls (DESIGN "Sync contract"): sync_push applies a batch of
-- outbox rows idempotently and answers per change; sync_pull pages what the caller may
-- read. Both are SECURITY INVOKER: the caller's own row-level security decides every
-- read and write, so these functions cannot leak what a direct query could not. A
-- rejection is then explained from the caller's membership, in words a responder reads.

-- ---------------------------------------------------------------- helpers

create function private.member_role(ws uuid) returns public.member_role
language sql stable
security definer
set search_path = ''
as $$
  select m.role from public.member m where m.workspace_id = ws and m.user_id = (select auth.uid())
$$;
comment on function private.member_role(uuid) is
  'The signed-in user''s role in a workspace, or null; used to explain a rejected change.';
grant execute on function private.member_role(uuid) to authenticated, service_role;

create function private.pushable_label(table_name text) returns text
language sql immutable
set search_path = ''
as $$
  select case table_name
    when 'log_entry' then 'log entries'
    when 'decision' then 'decisions'
    when 'checkoff' then 'call outcomes'
    when 'alert_ack' then 'alert acknowledgements'
    when 'statement_approval' then 'statement approvals'
    when 'channel_state' then 'channel states'
  end
$$;
comment on function private.pushable_label(text) is
  'The append-only tables a phone may push to, in the words a rejection uses; null for any other table.';
grant execute on function private.pushable_label(text) to authenticated, service_role;

-- ---------------------------------------------------------------- RPCs

create function public.sync_push(changes jsonb) returns jsonb
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
        get stacked diagnostics failure_state = returned_sqlstate, failure_message = message_text;
        if failure_state = '42501' and workspace is not null then
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

create function public.sync_pull(cursor bigint, page_size integer) returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  -- Why pull_pos and not seq: seq is taken inside the writing transaction, so a row with a
  -- lower seq can commit after a higher one was read, and a seq cursor would skip it.
  -- pull_pos starts with the writing transaction's id. Every transaction whose id is below
  -- pg_snapshot_xmin(pg_current_snapshot()) has finished (committed or rolled back), and
  -- any transaction that writes later gets a larger id. So the rows below that horizon
  -- are final: none can appear there later. Returning only those, in pull_pos order, a
  -- cursor never passes a row that is still to commit.
  with horizon as (
    select (pg_snapshot_xmin(pg_current_snapshot())::text::bigint << 20) as below
  ),
  page as (
    select e.*
      from public.log_entry e, horizon h
     -- (select ...) makes the cursor a value computed once: under RLS a bare coalesce() is
     -- treated as leaky, runs after the policy and cannot start the index scan (measured at
     -- 1M rows: 0.5 s per page near the end of the feed, 5 ms with this form).
     where e.pull_pos > (select coalesce(cursor, 0))
       and e.pull_pos < h.below
     order by e.pull_pos
     limit least(greatest(coalesce(page_size, 100), 1), 1000)
  )
  select jsonb_build_object(
    'changes', coalesce(jsonb_agg(jsonb_build_object(
      'table', 'log_entry',
      'cursor', p.pull_pos,
      'row', to_jsonb(p) - 'pull_pos' || jsonb_build_object(
        -- Times as the phone wrote them, so it can recheck content_hash itself.
        'occurred_at', private.iso_millis(p.occurred_at),
        'device_recorded_at', private.iso_millis(p.device_recorded_at),
        'deadline', private.iso_millis(p.deadline),
        'recorded_at', to_char(p.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
    ) order by p.pull_pos), '[]'::jsonb),
    'next_cursor', coalesce(max(p.pull_pos), coalesce(cursor, 0)),
    'has_more', count(*) = least(greatest(coalesce(page_size, 100), 1), 1000)
  )
  from page p
$$;
comment on function public.sync_pull(bigint, integer) is
  'Pages the log entries the caller may read (RLS) after a cursor, at most 1000 per page, never skipping a row whose transaction commits late; answers {changes, next_cursor, has_more}.';

-- ---------------------------------------------------------------- grants

grant execute on function public.sync_push(jsonb) to authenticated, service_role;
grant execute on function public.sync_pull(bigint, integer) to authenticated, service_role;
