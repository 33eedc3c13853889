import { describe, expect, it } from 'vitest';
import { CHAT_CONNECTOR_KINDS, checkConnectorForm, connectorForm, connectorState, CONNECTOR_CHANNEL, CONNECTOR_LABELS, type Connector, type ConnectorForm } from '../../src/domain/connectors';

const mattermost: Connector = { id: 'c1', kind: 'mattermost', name: 'Incident room', config: {}, has_secret: true, last_ok_at: null, last_error: null, last_error_at: null };
const form = (patch: Partial<ConnectorForm>): ConnectorForm => ({ ...connectorForm('mattermost'), name: 'Incident room', ...patch });

describe('chat connectors', () => {
  it('offers Mattermost, Rocket.Chat and Zulip, all riding the chat channel', () => {
    expect(CHAT_CONNECTOR_KINDS.map((kind) => CONNECTOR_LABELS[kind])).toEqual(['Mattermost', 'Rocket.Chat', 'Zulip']);
    expect(CHAT_CONNECTOR_KINDS.map((kind) => CONNECTOR_CHANNEL[kind])).toEqual(['chat', 'chat', 'chat']);
  });

  it('says not set up, untested, working or failing from the last outcome', () => {
    expect(connectorState(undefined, null)).toEqual({ kind: 'not_set_up' });
    expect(connectorState(mattermost, null)).toEqual({ kind: 'untested' });
    expect(connectorState({ ...mattermost, last_ok_at: '2026-03-01T10:00:00Z' }, {})).toEqual({ kind: 'working', lastOkAt: '2026-03-01T10:00:00Z' });
    const failed = { ...mattermost, last_ok_at: '2026-03-01T10:00:00Z', last_error: 'The webhook answered 404: check the webhook URL.', last_error_at: '2026-03-01T11:00:00Z' };
    expect(connectorState(failed, {})).toEqual({ kind: 'failing', error: 'The webhook answered 404: check the webhook URL.', at: '2026-03-01T11:00:00Z' });
    expect(connectorState({ ...failed, last_ok_at: '2026-03-01T12:00:00Z' }, {})).toMatchObject({ kind: 'working' });
  });

  it('pauses while the incident marks chat compromised, or the identity provider chat signs in through', () => {
    expect(connectorState(mattermost, { chat: 'compromised' })).toEqual({ kind: 'paused', reason: 'Paused: chat is marked compromised for this incident' });
    expect(connectorState(mattermost, { identity_provider: 'compromised' })).toMatchObject({ kind: 'paused', reason: expect.stringMatching(/signs in through Identity provider/) });
    expect(connectorState(mattermost, { chat: 'suspect' })).toEqual({ kind: 'untested' });
  });

  it('builds the Mattermost save with the webhook as the secret and nothing secret in the config', () => {
    expect(checkConnectorForm(form({ webhookUrl: ' https://chat.example.com/hooks/abc ' }), false)).toEqual({
      ok: true,
      save: { p_kind: 'mattermost', p_name: 'Incident room', p_config: {}, p_secret: { webhook_url: 'https://chat.example.com/hooks/abc' } },
    });
  });

  it('keeps the stored secret when the field is left empty, and asks for it when there is none', () => {
    expect(checkConnectorForm(form({ kind: 'rocketchat' }), true)).toMatchObject({ ok: true, save: { p_kind: 'rocketchat', p_secret: null } });
    expect(checkConnectorForm(form({}), false)).toMatchObject({ ok: false, field: 'webhookUrl' });
  });

  it('refuses an unencrypted webhook except on this machine', () => {
    expect(checkConnectorForm(form({ webhookUrl: 'http://chat.example.com/hooks/abc' }), false)).toMatchObject({ ok: false, field: 'webhookUrl', reason: expect.stringMatching(/https/) });
    expect(checkConnectorForm(form({ webhookUrl: 'http://127.0.0.1:8065/hooks/abc' }), false)).toMatchObject({ ok: true });
    expect(checkConnectorForm(form({ webhookUrl: 'chat.example.com' }), false)).toMatchObject({ ok: false, field: 'webhookUrl' });
    expect(checkConnectorForm(form({ name: ' ', webhookUrl: 'https://chat.example.com/hooks/abc' }), false)).toMatchObject({ ok: false, field: 'name' });
  });

  it('builds the Zulip save: site, stream and bot email in the config, the API key as the secret', () => {
    const zulip = form({ kind: 'zulip', site: 'https://acme.zulipchat.com/', botEmail: 'muster-bot@acme.zulipchat.com', apiKey: 'k3y', stream: 'incident' });
    expect(checkConnectorForm(zulip, false)).toEqual({
      ok: true,
      save: { p_kind: 'zulip', p_name: 'Incident room', p_config: { site: 'https://acme.zulipchat.com', stream: 'incident', bot_email: 'muster-bot@acme.zulipchat.com' }, p_secret: { api_key: 'k3y' } },
    });
    expect(checkConnectorForm({ ...zulip, apiKey: '' }, true)).toMatchObject({ ok: true, save: { p_secret: null } });
    expect(checkConnectorForm({ ...zulip, apiKey: '' }, false)).toMatchObject({ ok: false, field: 'apiKey' });
    expect(checkConnectorForm({ ...zulip, botEmail: 'bot' }, false)).toMatchObject({ ok: false, field: 'botEmail' });
    expect(checkConnectorForm({ ...zulip, stream: '' }, false)).toMatchObject({ ok: false, field: 'stream' });
    expect(checkConnectorForm({ ...zulip, site: 'http://acme.zulipchat.com' }, false)).toMatchObject({ ok: false, field: 'site' });
  });
});

describe('Cachet status page connectors', () => {
  const cachet = form({ kind: 'cachet3', name: 'Status page', site: 'https://status.example.com/', token: ' key-3 ' });

  it('is never paused by a compromised chat: the public reads a status page, not the company chat', () => {
    const connector: Connector = { ...mattermost, kind: 'cachet2', config: { site: 'https://status.example.com', status: 2 } };
    expect(connectorState(connector, { chat: 'compromised', identity_provider: 'compromised' })).toEqual({ kind: 'untested' });
  });

  it('builds the save with the site and incident status in the config and the token as the secret', () => {
    expect(checkConnectorForm({ ...cachet, cachetStatus: 4 }, false)).toEqual({
      ok: true,
      save: { p_kind: 'cachet3', p_name: 'Status page', p_config: { site: 'https://status.example.com', status: '4' }, p_secret: { token: 'key-3' } },
    });
    expect(checkConnectorForm({ ...cachet, kind: 'cachet2', site: 'https://example.com/status/', cachetStatus: 0 }, false)).toMatchObject({
      ok: true,
      save: { p_kind: 'cachet2', p_config: { site: 'https://example.com/status', status: '2' } },
    });
  });

  it('asks for the token only the first time and refuses an unencrypted site', () => {
    expect(checkConnectorForm({ ...cachet, token: '' }, false)).toMatchObject({ ok: false, field: 'token' });
    expect(checkConnectorForm({ ...cachet, token: '' }, true)).toMatchObject({ ok: true, save: { p_secret: null } });
    expect(checkConnectorForm({ ...cachet, site: 'http://status.example.com' }, false)).toMatchObject({ ok: false, field: 'site' });
  });
});
