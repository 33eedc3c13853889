-- Demo workspace for local use (npm start, manual testing): an owner and a responder, one
-- open incident and a few contacts. Runs after the migrations as the database owner.
-- Passwords are set by the local backend's sign-up, not here.

insert into auth.users (id, email) values
  ('00000000-0000-4000-8000-000000000001', 'owner@demo.muster.test'),
  ('00000000-0000-4000-8000-000000000002', 'responder@demo.muster.test')
on conflict (id) do nothing;

insert into public.workspace (id, name) values
  ('00000000-0000-4000-8000-0000000000aa', 'Northwind Demo')
on conflict (id) do nothing;

insert into public.member (workspace_id, user_id, role, display_name) values
  ('00000000-0000-4000-8000-0000000000aa', '00000000-0000-4000-8000-000000000001', 'owner', 'Dana Owner'),
  ('00000000-0000-4000-8000-0000000000aa', '00000000-0000-4000-8000-000000000002', 'responder', 'Tom Becker')
on conflict do nothing;

insert into public.incident (workspace_id, id, title, severity, detected_at, comm_owner_id) values
  ('00000000-0000-4000-8000-0000000000aa', 'INC-2026-004', 'Suspicious forwarding rule on the finance mailbox',
   'high', '2026-03-02T08:40:00.000Z', '00000000-0000-4000-8000-000000000001')
on conflict do nothing;

insert into public.contact (id, workspace_id, name, organization, role, category, priority) values
  ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000aa', 'Bluebridge IT service desk', 'Bluebridge IT', 'MSP', 'msp', 1),
  ('00000000-0000-4000-8000-0000000000c2', '00000000-0000-4000-8000-0000000000aa', 'Claims hotline', 'Harbor Mutual', 'Cyber insurer', 'cyber_insurance', 1),
  ('00000000-0000-4000-8000-0000000000c3', '00000000-0000-4000-8000-0000000000aa', 'Maria Lopez', 'Lopez & Hart LLP', 'Breach counsel', 'legal', 1)
on conflict do nothing;

insert into public.contact_method (id, workspace_id, contact_id, channel, value, label, available_24x7) values
  ('00000000-0000-4000-8000-0000000000d1', '00000000-0000-4000-8000-0000000000aa', '00000000-0000-4000-8000-0000000000c1', 'phone', '+1 555 0100', '24/7 security line', true),
  ('00000000-0000-4000-8000-0000000000d2', '00000000-0000-4000-8000-0000000000aa', '00000000-0000-4000-8000-0000000000c2', 'phone', '+1 555 0199', 'Claims hotline', true),
  ('00000000-0000-4000-8000-0000000000d3', '00000000-0000-4000-8000-0000000000aa', '00000000-0000-4000-8000-0000000000c3', 'personal_email', 'maria.lopez@example.net', 'Personal email', false)
on conflict do nothing;
