-- The workspace's call trees, shared (issue 5: "A workspace defines call trees ... Editing is
-- for owners; running is for responders"). A tree is edited on a phone, offline if need be,
-- and saved here naming the version the edit started from; every member's phone lists them.
-- Only owners and communication owners may save (the policies of 20260301000007); a stale
-- edit is answered `conflict` with the server's tree, never applied over it.

create function private.call_tree_json(t public.call_tree) returns jsonb
language sql stable
set search_path = ''
as $$
  select jsonb_build_object('id', t.id, 'workspace_id', t.workspace_id, 'name', t.name, 'version', t.version, 'nodes', t.nodes)
$$;
comment on function private.call_tree_json(public.call_tree) is 'A call tree in the phone''s shape (src/domain/call-tree.ts).';
grant execute on function private.call_tree_json(public.call_tree) to authenticated, service_role;

create function public.save_call_tree(p_tree jsonb, p_base_version integer) returns jsonb
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  tree_id uuid;
  workspace uuid;
  tree_name text;
  tree_nodes jsonb;
  stored public.call_tree;
  role_name public.member_role;
begin
  if jsonb_typeof(p_tree) is distinct from 'object' or jsonb_typeof(p_tree -> 'nodes') is distinct from 'array' then
    raise exception 'a call tree is an object with an id, a workspace_id, a name and an array of nodes';
  end if;
  tree_name := p_tree ->> 'name';
  tree_nodes := p_tree -> 'nodes';

  begin
    tree_id := (p_tree ->> 'id')::uuid;
    workspace := (p_tree ->> 'workspace_id')::uuid;
    if coalesce(p_base_version, 0) = 0 then
      insert into public.call_tree (id, workspace_id, name, nodes)
      values (tree_id, workspace, tree_name, tree_nodes)
      on conflict (id) do nothing
      returning * into stored;
    else
      update public.call_tree
         set name = tree_name, nodes = tree_nodes
       where id = tree_id and workspace_id = workspace and version = p_base_version
      returning * into stored;
    end if;
  exception
    when invalid_text_representation then
      return jsonb_build_object('status', 'rejected', 'reason', 'the call tree or workspace id is not a UUID');
    when check_violation then
      return jsonb_build_object('status', 'rejected', 'reason', 'the call tree needs a name of 1 to 200 characters and at most 500 calls');
    when insufficient_privilege then
      role_name := private.member_role(workspace);
      return jsonb_build_object('status', 'rejected', 'reason',
        case when role_name is null then 'not a member of this workspace'
             else format('your role (%s) cannot change call trees; an owner or communication owner can', role_name) end);
  end;
  if stored.id is not null then
    return jsonb_build_object('status', 'applied', 'tree', private.call_tree_json(stored));
  end if;

  -- Not written: the server has another version, or (an update's policy filters rows
  -- silently) the caller may not change it.
  select * into stored from public.call_tree where id = tree_id and workspace_id = workspace;
  if stored.id is null then
    return jsonb_build_object('status', 'rejected', 'reason', 'this call tree is not on the server, or not visible to you');
  end if;
  if stored.name = tree_name and stored.nodes = tree_nodes then
    -- A replay whose answer was lost: the server already holds exactly this edit.
    return jsonb_build_object('status', 'applied', 'tree', private.call_tree_json(stored));
  end if;
  if not private.has_role(workspace, '{owner,comm_owner}') then
    role_name := private.member_role(workspace);
    return jsonb_build_object('status', 'rejected', 'reason',
      format('your role (%s) cannot change call trees; an owner or communication owner can', coalesce(role_name::text, 'none')));
  end if;
  return jsonb_build_object('status', 'conflict', 'tree', private.call_tree_json(stored));
end;
$$;
comment on function public.save_call_tree(jsonb, integer) is
  'Saves a call tree edited from p_base_version (0: a new tree): {status: applied, tree} | {status: conflict, tree: the server''s} | {status: rejected, reason}. Invoker: RLS decides.';

create function public.list_call_trees(p_workspace_id uuid) returns jsonb
language sql stable
security invoker
set search_path = ''
as $$
  select coalesce(jsonb_agg(private.call_tree_json(t) order by t.name, t.id), '[]'::jsonb)
    from public.call_tree t
   where t.workspace_id = p_workspace_id
$$;
comment on function public.list_call_trees(uuid) is 'The workspace''s call trees, for every member''s phone. Invoker: RLS decides.';

grant execute on function public.save_call_tree(jsonb, integer), public.list_call_trees(uuid) to authenticated, service_role;
