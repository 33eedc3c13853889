-- The communication log (Step 8) and major decisions. The log is evidence (DESIGN
-- "Principles" 4): append-only in the database for every role, ordered by the server,
-- hash-chained per incident, and each entry's content hash is recomputed here from its
-- fields exactly as the phone computed it (src/domain/hash-chain.ts canonicalContent).

-- ---------------------------------------------------------------- tables

-- Server order of log entries (chain order within an incident).
create sequence private.log_entry_seq as bigint;

create table public.log_entry (
  -- Made on the phone; replaying a push finds the same id and changes nothing.
  id uuid primary key,
  workspace_id uuid not null references public.workspace (id),
  incident_id text not null,
  -- The 13 fields of the PLAYBOOK's log template, named as on the phone (LogEntryFields).
  occurred_at timestamptz not null,
  communication_type text not null check (communication_type in (
    'internal_update', 'leadership_update', 'employee_instruction', 'vendor_request',
    'msp_action', 'insurance_notice', 'legal_guidance', 'regulatory_notice',
    'law_enforcement_contact', 'customer_partner_communication', 'public_statement', 'decision')),
  contacted text not null check (length(contacted) <= 200),
  contact_method text not null default '' check (length(contact_method) <= 200),
  message_summary text not null check (length(message_summary) <= 4000),
  decision_made text not null default '' check (length(decision_made) <= 2000),
  action_requested text not null default '' check (length(action_requested) <= 2000),
  owner text not null default '' check (length(owner) <= 200),
  deadline timestamptz,
  response_received text not null default '' check (length(response_received) <= 2000),
  follow_up_required text not null default '' check (length(follow_up_required) <= 2000),
  evidence_location text not null default '' check (length(evidence_location) <= 1000),
  -- A mistake is corrected by a new entry naming the old one, never by editing it.
  corrects uuid references public.log_entry (id),
  author text not null check (length(author) <= 200),
  device_recorded_at timestamptz not null,
  -- The phone's hashes: content, and its own chain of this incident (local_seq order).
  content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
  local_seq integer not null check (local_seq > 0),
  prev_hash text not null check (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text not null check (hash ~ '^[0-9a-f]{64}$'),
  -- Set by the server (trigger), whatever the phone sends.
  recorded_by uuid references auth.users (id),
  recorded_at timestamptz not null,
  seq bigint not null unique,
  chain_hash text not null,
  pull_pos bigint not null unique,
  foreign key (workspace_id, incident_id) references public.incident (workspace_id, id)
);
comment on table public.log_entry is
  'Step 8''s communication log: evidence, so append-only for every role, server-ordered (seq) and hash-chained per incident (chain_hash).';
comment on column public.log_entry.seq is
  'Server order; within one incident it is also the chain order (entries of an incident are appended one transaction at a time).';
comment on column public.log_entry.pull_pos is
  'Position in the pull feed: (writing transaction id << 20) | n. See public.sync_pull for why this, not seq, is the cursor.';
create index log_entry_chain_idx on public.log_entry (workspace_id, incident_id, seq);
create index log_entry_pull_idx on public.log_entry (workspace_id, pull_pos);
create index log_entry_corrects_idx on public.log_entry (corrects);

create table public.decision (
  id uuid primary key,
  workspace_id uuid not null,
  incident_id text not null,
  decided_by text not null check (length(decided_by) between 1 and 200),
  decision text not null check (length(decision) between 1 and 2000),
  options_considered text not null default '',
  rationale text not null default '',
  decided_at timestamptz not null,
  log_entry_id uuid references public.log_entry (id),
  recorded_by uuid references auth.users (id),
  recorded_at timestamptz not null default now(),
  foreign key (workspace_id, incident_id) references public.incident (workspace_id, id)
);
comment on table public.decision is
  'A major decision (who decided, options, rationale). Appended like the log; a change of mind is a new decision.';
create index decision_workspace_incident_idx on public.decision (workspace_id, incident_id);

-- ---------------------------------------------------------------- hashing helpers
-- (defined before the triggers that call them)

create function private.iso_millis(t timestamptz) returns text
language sql stable
set search_path = ''
as $$
  -- JavaScript's Date.prototype.toISOString(): the form the phone hashed.
  select to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;
comment on function private.iso_millis(timestamptz) is
  'Formats a time exactly as the phone''s toISOString(), so hashes computed there and here agree.';

create function private.log_canonical_content(e public.log_entry) returns text
language sql stable
set search_path = ''
as $$
  -- Mirrors canonicalContent() in src/domain/hash-chain.ts: "muster-log-v1\n" and a JSON
  -- array of [key, value] pairs in CONTENT_KEYS order, strings NFC-normalised, formatted
  -- as JSON.stringify does (no spaces; to_json escapes as JSON.stringify does).
  select 'muster-log-v1' || chr(10) || '['
    || string_agg(
         '[' || to_json(k)::text || ',' || coalesce(to_json(normalize(v, nfc))::text, 'null') || ']',
         ',' order by ord)
    || ']'
  from unnest(
    array['id', 'workspace_id', 'incident_id', 'corrects', 'author', 'device_recorded_at',
          'occurred_at', 'communication_type', 'contacted', 'contact_method', 'message_summary',
          'decision_made', 'action_requested', 'owner', 'deadline', 'response_received',
          'follow_up_required', 'evidence_location'],
    array[e.id::text, e.workspace_id::text, e.incident_id, e.corrects::text, e.author,
          private.iso_millis(e.device_recorded_at), private.iso_millis(e.occurred_at),
          e.communication_type, e.contacted, e.contact_method, e.message_summary,
          e.decision_made, e.action_requested, e.owner, private.iso_millis(e.deadline),
          e.response_received, e.follow_up_required, e.evidence_location]
  ) with ordinality as pair(k, v, ord)
$$;
comment on function private.log_canonical_content(public.log_entry) is
  'The exact text the phone hashed for content_hash; changing it breaks every stored hash.';

create function private.sha256_hex(text_to_hash text) returns text
language sql stable
set search_path = ''
as $$
  select encode(sha256(convert_to(text_to_hash, 'UTF8')), 'hex')
$$;
comment on function private.sha256_hex(text) is 'SHA-256 of the UTF-8 bytes, lowercase hex, as sha256Hex() on the phone.';

create function private.log_content_hash(e public.log_entry) returns text
language sql stable
set search_path = ''
as $$
  select private.sha256_hex(private.log_canonical_content(e))
$$;
comment on function private.log_content_hash(public.log_entry) is 'What content_hash must be for these fields.';

create function private.log_chain_hash(prev_chain_hash text, content_hash text, seq bigint, recorded_at timestamptz) returns text
language sql stable
set search_path = ''
as $$
  select private.sha256_hex(
    'muster-server-chain-v1' || chr(10) || prev_chain_hash || chr(10) || content_hash || chr(10)
    || seq::text || chr(10) || to_char(recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
$$;
comment on function private.log_chain_hash(text, text, bigint, timestamptz) is
  'One link of the server''s chain per incident (DESIGN "Hashes"): previous chain_hash, content_hash, seq, recorded_at (microseconds).';

create function private.next_pull_pos() returns bigint
language plpgsql
set search_path = ''
as $$
declare
  n bigint := coalesce(nullif(current_setting('muster.pull_n', true), ''), '0')::bigint + 1;
begin
  if n >= 1048576 then
    raise exception 'too many changes in one transaction (at most 1,048,575); push in smaller batches';
  end if;
  perform set_config('muster.pull_n', n::text, true);
  return (pg_current_xact_id()::text::bigint << 20) | n;
end;
$$;
comment on function private.next_pull_pos() is
  'Pull-feed position: the writing transaction''s id, then the n-th row it wrote. Ordered by transaction, so a cursor never passes a transaction still in progress (see sync_pull).';

-- ---------------------------------------------------------------- triggers

create function private.seal_log_entry() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  prev_chain text;
begin
  -- Never from the phone: who recorded it (the JWT), when, and where it sits.
  new.recorded_by := (select auth.uid());

  if new.content_hash is distinct from private.log_content_hash(new) then
    raise exception 'content hash does not match the fields'
      using detail = 'The server recomputed the hash of this entry and got a different value: it was changed after it was recorded, or its times are not in toISOString() form.';
  end if;
  if new.hash is distinct from private.sha256_hex(
       'muster-chain-v1' || chr(10) || new.prev_hash || chr(10) || new.content_hash || chr(10) || new.local_seq::text) then
    raise exception 'device chain hash does not match the entry';
  end if;

  -- Entries of one incident are chained one at a time: the lock is held to commit, so the
  -- next writer of this incident reads this entry's chain_hash (read committed: the
  -- query below takes a fresh snapshot after the lock is granted).
  perform pg_advisory_xact_lock(hashtextextended('muster.log_entry/' || new.workspace_id::text || '/' || new.incident_id, 0));

  select e.chain_hash into prev_chain
    from public.log_entry e
   where e.workspace_id = new.workspace_id and e.incident_id = new.incident_id
   order by e.seq desc
   limit 1;

  new.seq := nextval('private.log_entry_seq');
  new.recorded_at := now();
  new.pull_pos := private.next_pull_pos();
  new.chain_hash := private.log_chain_hash(coalesce(prev_chain, repeat('0', 64)), new.content_hash, new.seq, new.recorded_at);
  return new;
end;
$$;
comment on function private.seal_log_entry() is
  'Checks the phone''s hashes and assigns recorded_by, recorded_at, seq, chain_hash and pull_pos. Definer: it reads the incident''s chain tip and the sequence whatever the caller may see.';

create trigger log_entry_seal before insert on public.log_entry
  for each row execute function private.seal_log_entry();

create function private.refuse_log_change() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'log entries cannot be changed or deleted; record a correction instead'
    using errcode = 'insufficient_privilege';
end;
$$;
comment on function private.refuse_log_change() is
  'The log is evidence: update, delete and truncate are refused for every role, the table owner included. Only a superuser dropping or disabling this trigger gets round it, and verify_incident_chain then finds the change.';

create trigger log_entry_no_update before update or delete on public.log_entry
  for each row execute function private.refuse_log_change();
create trigger log_entry_no_truncate before truncate on public.log_entry
  for each statement execute function private.refuse_log_change();
create trigger decision_no_update before update or delete on public.decision
  for each row execute function private.refuse_log_change();
create trigger decision_no_truncate before truncate on public.decision
  for each statement execute function private.refuse_log_change();
create trigger decision_stamp before insert on public.decision
  for each row execute function private.stamp_recorder();

-- ---------------------------------------------------------------- row-level security

alter table public.log_entry enable row level security;
alter table public.log_entry force row level security;
alter table public.decision enable row level security;
alter table public.decision force row level security;

-- ---------------------------------------------------------------- policies

create policy "Members can read their incidents' logs" on public.log_entry
  for select to authenticated
  using (workspace_id in (select private.member_workspace_ids()));
create policy "Responders can add log entries" on public.log_entry
  for insert to authenticated
  with check (private.has_role(workspace_id, '{owner,comm_owner,approver,responder}'));
-- No update or delete policy, no grant, and a trigger: three locks on the evidence.

create policy "Members can read decisions" on public.decision
  for select to authenticated
  using (workspace_id in (select private.member_workspace_ids()));
create policy "Responders can record decisions" on public.decision
  for insert to authenticated
  with check (private.has_role(workspace_id, '{owner,comm_owner,approver,responder}'));

-- ---------------------------------------------------------------- RPCs

create function public.verify_incident_chain(workspace uuid, incident text) returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  entry public.log_entry;
  prev_chain text := repeat('0', 64);
  checked integer := 0;
begin
  if (select auth.uid()) is not null and not private.is_member(workspace) then
    raise exception 'not a member of this workspace' using errcode = 'insufficient_privilege';
  end if;
  for entry in
    select * from public.log_entry e
     where e.workspace_id = workspace and e.incident_id = incident
     order by e.seq
  loop
    if private.log_content_hash(entry) <> entry.content_hash then
      return jsonb_build_object('intact', false, 'checked', checked, 'broken_seq', entry.seq,
        'entry_id', entry.id, 'reason', 'content',
        'explanation', format('Entry seq %s was changed after it was recorded: its fields no longer match its content hash.', entry.seq));
    end if;
    if private.log_chain_hash(prev_chain, entry.content_hash, entry.seq, entry.recorded_at) <> entry.chain_hash then
      return jsonb_build_object('intact', false, 'checked', checked, 'broken_seq', entry.seq,
        'entry_id', entry.id, 'reason', 'link',
        'explanation', format('Entry seq %s does not follow the entry before it: an entry was removed, replaced or reordered, or its server fields were changed.', entry.seq));
    end if;
    prev_chain := entry.chain_hash;
    checked := checked + 1;
  end loop;
  return jsonb_build_object('intact', true, 'checked', checked);
end;
$$;
comment on function public.verify_incident_chain(uuid, text) is
  'Recomputes every content hash and chain link of an incident''s log in seq order and names the first broken seq. Invoker: a member verifies what RLS lets them read.';

-- ---------------------------------------------------------------- grants

grant select, insert on public.log_entry, public.decision to authenticated, service_role;
grant execute on function public.verify_incident_chain(uuid, text) to authenticated, service_role;
-- verify_incident_chain and sync_pull run as the caller and recompute hashes with these.
grant execute on function private.iso_millis(timestamptz), private.sha256_hex(text),
  private.log_canonical_content(public.log_entry), private.log_content_hash(public.log_entry),
  private.log_chain_hash(text, text, bigint, timestamptz)
  to authenticated, service_role;
