import { createResource, createSignal, For, Show } from 'solid-js';
import type { BackendAccount } from '../../domain/workspace';
import { clearDemoWorkspace } from '../../store/first-run';
import { joinServerWorkspace, LinkBlockedError, planLink, type LinkPlan, type MemberRole, type ServerWorkspace } from '../../store/link-workspace';
import { describeChange, listRejected, requeueRejected } from '../../store/outbox';
import { readSyncState } from '../../store/pulled-log';
import { ErrorAlert } from '../app/ErrorAlert';
import { FormField } from '../app/FormField';
import { useMuster } from '../app/muster-app';
import { formatTime } from '../app/relative-time';
import { StatusNote } from '../app/StatusNote';
import { defaultBackend } from './backend-config';
import { settled } from '../app/settled';

const ROLE_LABELS: Record<MemberRole, string> = {
  owner: 'owner',
  comm_owner: 'communication owner',
  approver: 'approver',
  responder: 'responder',
  viewer: 'viewer (read only)',
};

interface SignedIn {
  url: string;
  anonKey: string;
  account: BackendAccount;
  workspaces: ServerWorkspace[];
  plans: Map<string, LinkPlan>;
}

/** Settings › Sync: sign in to the Muster backend, choose the workspace, and see how sync goes. */
export function SyncSettings() {
  const app = useMuster();
  const [pending, setPending] = createSignal<SignedIn | null>(null);
  const gateReason = () => {
    const verdict = app.gate();
    return verdict.open ? 'Sync is on.' : `Sync is off: ${verdict.reason}. Entries stay on this phone, queued, until a safe channel exists.`;
  };
  return (
    <section aria-labelledby="sync-title">
      <h2 id="sync-title">Sync with your team</h2>
      <p data-testid="sync-state">{gateReason()}</p>
      <Show when={app.settings().account} fallback={<Show when={pending()} fallback={<SignInForm onSignedIn={setPending} />}>{(signedIn) => <WorkspaceChooser signedIn={signedIn()} onCancel={() => setPending(null)} />}</Show>}>
        {(account) => <SyncStatusPanel account={account()} />}
      </Show>
    </section>
  );
}

function SignInForm(props: { onSignedIn: (signedIn: SignedIn) => void }) {
  const app = useMuster();
  const [config] = createResource(defaultBackend);
  const [url, setUrl] = createSignal<string | null>(null);
  const [anonKey, setAnonKey] = createSignal<string | null>(null);
  const [email, setEmail] = createSignal(app.settings().last_email ?? '');
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal<string | undefined>();
  const [busy, setBusy] = createSignal(false);
  const backendUrl = () => url() ?? app.settings().backend_url ?? config()?.url ?? '';
  const backendKey = () => anonKey() ?? app.settings().backend_anon_key ?? config()?.anonKey ?? '';

  const submit = async (mode: 'sign-in' | 'sign-up') => {
    if (!backendUrl() || !backendKey()) return setError('Enter the Muster backend address and its anon key (from your Supabase project’s API settings).');
    if (!email().includes('@') || password().length < 6) return setError('Enter your email and a password of at least 6 characters.');
    setBusy(true);
    setError(undefined);
    try {
      const settings = { ...app.settings(), backend_url: backendUrl().replace(/\/+$/, ''), backend_anon_key: backendKey() };
      const session = await app.sync.session(settings);
      const account = mode === 'sign-in' ? await session.signIn(email(), password()) : await session.signUp(email(), password());
      setPassword('');
      const workspaces = await session.workspaces();
      const plans = new Map<string, LinkPlan>();
      for (const workspace of workspaces) plans.set(workspace.id, await planLink(app.db, app.settings(), workspace.id));
      const signedIn = { url: settings.backend_url, anonKey: settings.backend_anon_key, account, workspaces, plans };
      const same = workspaces.find((workspace) => plans.get(workspace.id) === 'same');
      if (same) await link(app, signedIn, same);
      else props.onSignedIn(signedIn);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void submit('sign-in');
      }}
      novalidate
      aria-labelledby="sign-in-title"
    >
      <h3 id="sign-in-title">Sign in to the Muster backend</h3>
      <p class="note">Your own Muster account, separate from the company’s email and sign-on, so it still works if those are compromised.</p>
      <FormField id="backend-url" label="Backend address" hint="Your Supabase project URL, https.">
        <input id="backend-url" type="url" inputmode="url" autocomplete="url" value={backendUrl()} onInput={(event) => setUrl(event.currentTarget.value.trim())} />
      </FormField>
      <Show when={!config()?.anonKey || anonKey() !== null}>
        <FormField id="backend-key" label="Anon key (public)">
          <input id="backend-key" value={backendKey()} autocomplete="off" onInput={(event) => setAnonKey(event.currentTarget.value.trim())} />
        </FormField>
      </Show>
      <FormField id="sync-email" label="Email">
        <input id="sync-email" type="email" autocomplete="username" value={email()} onInput={(event) => setEmail(event.currentTarget.value)} />
      </FormField>
      <FormField id="sync-password" label="Password" error={error()}>
        <input id="sync-password" type="password" autocomplete="current-password" value={password()} onInput={(event) => setPassword(event.currentTarget.value)} />
      </FormField>
      <button type="submit" class="primary wide" disabled={busy()}>
        {busy() ? 'Signing in…' : 'Sign in'}
      </button>
      <button type="button" class="secondary wide" disabled={busy()} onClick={() => void submit('sign-up')}>
        Create an account
      </button>
    </form>
  );
}

async function link(app: ReturnType<typeof useMuster>, signedIn: SignedIn, workspace: ServerWorkspace): Promise<void> {
  const settings = await joinServerWorkspace(app.db, workspace, { backend_url: signedIn.url, backend_anon_key: signedIn.anonKey, account: signedIn.account });
  await app.reloadWorkspace(settings);
}

function WorkspaceChooser(props: { signedIn: SignedIn; onCancel: () => void }) {
  const app = useMuster();
  const [error, setError] = createSignal<string | undefined>();
  const [company, setCompany] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const attempt = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (failure) {
      setError(failure instanceof LinkBlockedError ? failure.message : `Could not join: ${(failure as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  const use = (workspace: ServerWorkspace) => attempt(() => link(app, props.signedIn, workspace));
  // The phone's own workspace (or, from the demo, a new one) goes to the server under its own id.
  const create = () =>
    attempt(async () => {
      const session = await app.sync.session({ ...app.settings(), backend_url: props.signedIn.url, backend_anon_key: props.signedIn.anonKey });
      const local = app.settings().is_demo ? await clearDemoWorkspace(app.db, company()) : app.settings();
      await session.createWorkspace(local.workspace_id, local.name);
      await link(app, props.signedIn, { id: local.workspace_id, name: local.name, role: 'owner', incidents: [] });
    });
  return (
    <div data-testid="workspace-chooser">
      <p>
        Signed in as <strong>{props.signedIn.account.email}</strong>. Which workspace is this phone for?
      </p>
      <ul class="choice-list">
        <For each={props.signedIn.workspaces}>
          {(workspace) => (
            <li>
              <button type="button" class="secondary wide" disabled={busy() || props.signedIn.plans.get(workspace.id) === 'blocked'} onClick={() => void use(workspace)}>
                {`Use ${workspace.name} (${ROLE_LABELS[workspace.role]})`}
              </button>
              <Show when={props.signedIn.plans.get(workspace.id) === 'replace-demo'}>
                <p class="note">The demo data on this phone is deleted; it never syncs.</p>
              </Show>
              <Show when={props.signedIn.plans.get(workspace.id) === 'adopt'}>
                <p class="note">This phone’s contacts, templates and incidents move to it.</p>
              </Show>
              <Show when={props.signedIn.plans.get(workspace.id) === 'switch'}>
                <p class="note">What this phone holds of “{app.settings().name}” stays on it, and is back if you switch again.</p>
              </Show>
              <Show when={props.signedIn.plans.get(workspace.id) === 'blocked'}>
                <p class="note">This phone holds log entries of “{app.settings().name}”; they cannot move to another workspace.</p>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.signedIn.workspaces.length === 0}>
        <p class="note">This account is not a member of any workspace yet. Ask an owner to add you, or create your company’s workspace.</p>
      </Show>
      <Show when={app.settings().is_demo}>
        <FormField id="new-company" label="Or create your company’s workspace">
          <input id="new-company" value={company()} placeholder="Company name" onInput={(event) => setCompany(event.currentTarget.value)} />
        </FormField>
      </Show>
      <button type="button" class="secondary wide" disabled={busy() || (app.settings().is_demo && company().trim() === '')} onClick={() => void create()}>
        {app.settings().is_demo ? 'Create workspace (you become its owner)' : `Create “${app.settings().name}” on the server (you become its owner)`}
      </button>
      <ErrorAlert message={error()} />
      <button type="button" class="link-button" onClick={() => props.onCancel()}>
        Not now
      </button>
    </div>
  );
}

function SyncStatusPanel(props: { account: BackendAccount }) {
  const app = useMuster();
  const workspaceId = () => app.settings().workspace_id;
  const [state] = createResource(() => [workspaceId(), app.logVersion(), app.sync.status().lastRunAt] as const, ([id]) => readSyncState(app.db, id));
  const [rejected, { refetch }] = createResource(() => [workspaceId(), app.outbox().rejected] as const, ([id]) => listRejected(app.db, id));
  const [confirmSignOut, setConfirmSignOut] = createSignal(false);
  const [message, setMessage] = createSignal('');
  // Read without suspending: every sync run reads these again, and Settings must not blank
  // (and lose the reader's place) meanwhile.
  const syncState = () => settled(state);
  const refused = () => settled(rejected) ?? [];

  const lastSync = () => {
    const current = syncState();
    const at = current?.last_pull_at ?? null;
    return at ? formatTime(at) : 'never';
  };
  const syncNow = async () => {
    setMessage('Syncing…');
    const report = await app.sync.runNow();
    setMessage(report === null ? 'Sync is off; see above why.' : (app.sync.status().message ?? ''));
  };
  const sendAgain = async () => {
    const ids = refused().map((row) => row.id);
    await requeueRejected(app.db, ids);
    await app.refreshOutbox();
    await refetch();
    void app.sync.runNow();
  };
  const signOut = async () => {
    const settings = app.settings();
    if (settings.backend_url) await (await app.sync.session(settings)).signOut().catch(() => undefined);
    await app.updateSettings({ ...settings, account: null, last_email: props.account.email });
    setConfirmSignOut(false);
  };

  return (
    <div data-testid="sync-status">
      <p>
        Signed in as <strong>{props.account.email}</strong> · workspace <strong>{app.settings().name}</strong>
      </p>
      <dl class="sync-facts">
        <dt>Last sync</dt>
        <dd data-testid="last-sync">{lastSync()}</dd>
        <dt>Waiting to sync</dt>
        <dd data-testid="queued-count">{app.outbox().waiting}</dd>
        <dt>Refused by the server</dt>
        <dd data-testid="rejected-count">{app.outbox().rejected}</dd>
      </dl>
      <Show when={app.sync.status().failing && app.sync.status().message}>
        <p class="warning" role="status">
          {app.sync.status().message}
        </p>
      </Show>
      <button type="button" class="primary wide" onClick={() => void syncNow()} disabled={app.sync.status().running || !app.gate().open}>
        {app.sync.status().running ? 'Syncing…' : 'Sync now'}
      </button>
      <StatusNote text={message()} />
      <Show when={refused().length > 0}>
        <h3>Refused by the server</h3>
        <p class="note">Kept on this phone. Once the cause is fixed (say, an owner restored your access), send them again.</p>
        <ul class="rejected-list" data-testid="rejected-list">
          <For each={refused()}>
            {(row) => (
              <li>
                <strong>{describeChange(row)}</strong> ({row.payload.incident_id}): {row.reason}
              </li>
            )}
          </For>
        </ul>
        <button type="button" class="secondary wide" onClick={() => void sendAgain()}>
          Send refused entries again
        </button>
      </Show>
      <Show
        when={confirmSignOut()}
        fallback={
          <button type="button" class="secondary wide" onClick={() => (app.outbox().waiting > 0 ? setConfirmSignOut(true) : void signOut())}>
            Sign out
          </button>
        }
      >
        <div class="warning" role="alert">
          <p>
            {app.outbox().waiting} {app.outbox().waiting === 1 ? 'entry is' : 'entries are'} not on the server yet. Signing out keeps them on this phone; they are sent when
            you sign in again.
          </p>
          <button type="button" class="primary wide" disabled={!app.gate().open} onClick={() => void syncNow().then(() => signOut())}>
            Sync first, then sign out
          </button>
          <button type="button" class="secondary wide" onClick={() => void signOut()}>
            Sign out, keep them on this phone
          </button>
          <button type="button" class="link-button" onClick={() => setConfirmSignOut(false)}>
            Cancel
          </button>
        </div>
      </Show>
    </div>
  );
}
