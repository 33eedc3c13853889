-- State of the embedded backend's Auth service (the GoTrue subset in auth-service.mjs):
-- passwords, sessions and refresh tokens. On Supabase, GoTrue keeps these in its own auth
-- tables; here they live in a schema only the server's own connection reads, so the only
-- thing required of supabase/bootstrap/local.sql is `auth.users (id uuid, email text)`.
--
-- Applied by schema-setup.mjs on every start, after the bootstrap; every statement is
-- idempotent. No API role (anon, authenticated, service_role) may use this schema.

create schema if not exists muster_local;
revoke all on schema muster_local from public;

-- One row per auth.users row created through /auth/v1/signup. Users inserted into auth.users
-- by other means (seed.sql) get a row on their first sign-in.
create table if not exists muster_local.accounts (
  user_id uuid primary key references auth.users (id) on delete cascade,
  -- scrypt$N$r$p$salt$hash (passwords.mjs); null for users whose password is checked
  -- against auth.users.encrypted_password (bcrypt, as Supabase seeds write it).
  password_hash text,
  user_metadata jsonb not null default '{}'::jsonb,
  app_metadata jsonb not null default '{"provider": "email", "providers": ["email"]}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  email_confirmed_at timestamptz not null default now(),
  last_sign_in_at timestamptz
);

-- A session is one sign-in on one device; its id is the access token's session_id claim.
create table if not exists muster_local.sessions (
  id uuid primary key,
  user_id uuid not null references muster_local.accounts (user_id) on delete cascade,
  created_at timestamptz not null default now(),
  refreshed_at timestamptz
);
create index if not exists sessions_user_id_idx on muster_local.sessions (user_id);

-- Rotating refresh tokens, as GoTrue keeps them: using one revokes it and issues a child.
create table if not exists muster_local.refresh_tokens (
  id bigint generated always as identity primary key,
  token text not null unique,
  session_id uuid not null references muster_local.sessions (id) on delete cascade,
  parent text,
  revoked boolean not null default false,
  created_at timestamptz not null default now(),
  -- When it was revoked, for the reuse interval.
  updated_at timestamptz not null default now()
);
create index if not exists refresh_tokens_session_id_idx on muster_local.refresh_tokens (session_id);
