import { describe, expect, it } from 'vitest';
import { checkConnectorForm, connectorForm, connectorState, type Connector, type ConnectorForm, type ConnectorKind } from '../../src/domain/connectors';

/** The setup form of a new connector of `kind`, filled in as the patch says. */
const form = (kind: ConnectorKind, patch: Partial<ConnectorForm>): ConnectorForm => ({ ...connectorForm(kind), name: 'IT desk', ...patch });
const refusal = (field: keyof ConnectorForm, reason: RegExp) => ({ ok: false, field, reason: expect.stringMatching(reason) });

describe('ticket and case tools are never paused', () => {
  it('stays usable while chat and the identity provider are marked compromised: it is how the team reaches IT and vendors', () => {
    const zammad: Connector = { id: 'z1', kind: 'zammad', name: 'IT desk', config: {}, has_secret: true, last_ok_at: null, last_error: null, last_error_at: null };
    expect(connectorState(zammad, { chat: 'compromised', identity_provider: 'compromised', corporate_email: 'compromised' })).toEqual({ kind: 'untested' });
  });
});

describe('Zammad setup', () => {
  const zammad = form('zammad', { site: ' https://tickets.example.com/ ', group: ' IT Security ', customer: ' it@example.com ', token: ' z-token ' });

  it('saves the site, group and customer in the config and the token as the secret', () => {
    expect(checkConnectorForm(zammad, false)).toEqual({
      ok: true,
      save: { p_kind: 'zammad', p_name: 'IT desk', p_config: { site: 'https://tickets.example.com', group: 'IT Security', customer: 'it@example.com' }, p_secret: { token: 'z-token' } },
    });
  });

  it('drops what the browser adds after the address (Zammad’s #ticket/zoom/… pages)', () => {
    expect(checkConnectorForm({ ...zammad, site: 'https://tickets.example.com/#ticket/zoom/12' }, false)).toMatchObject({ ok: true, save: { p_config: { site: 'https://tickets.example.com' } } });
  });

  it('asks for the group, a customer e-mail and the token, each at its field', () => {
    expect(checkConnectorForm({ ...zammad, group: ' ' }, false)).toEqual(refusal('group', /Enter the Zammad group .*e\.g\. Users/));
    expect(checkConnectorForm({ ...zammad, group: 'g'.repeat(101) }, false)).toEqual(refusal('group', /at most 100 characters/));
    expect(checkConnectorForm({ ...zammad, customer: 'it' }, false)).toEqual(refusal('customer', /e-mail address of the Zammad customer/));
    expect(checkConnectorForm({ ...zammad, token: '' }, false)).toEqual(refusal('token', /Paste a Zammad access token .*Token Access/));
    expect(checkConnectorForm({ ...zammad, token: 'Token token=abc' }, false)).toEqual(refusal('token', /paste just the key/));
  });

  it('keeps the stored token when the field is left empty while changing the setup', () => {
    expect(checkConnectorForm({ ...zammad, token: '' }, true)).toMatchObject({ ok: true, save: { p_kind: 'zammad', p_secret: null } });
  });
});

describe('osTicket setup', () => {
  const osticket = form('osticket', { site: 'https://help.example.com/support/', reporterName: 'Incident team', email: 'incident@example.com', apiKey: 'ABCDEF0123' });

  it('saves the site and who tickets are from in the config and the API key as the secret', () => {
    expect(checkConnectorForm(osticket, false)).toEqual({
      ok: true,
      save: { p_kind: 'osticket', p_name: 'IT desk', p_config: { site: 'https://help.example.com/support', name: 'Incident team', email: 'incident@example.com' }, p_secret: { api_key: 'ABCDEF0123' } },
    });
  });

  it('cuts an address copied from the staff panel or the API back to the helpdesk’s own', () => {
    for (const site of ['https://help.example.com/support/scp/tickets.php?id=4', 'https://help.example.com/support/api/tickets.json'])
      expect(checkConnectorForm({ ...osticket, site }, false)).toMatchObject({ ok: true, save: { p_config: { site: 'https://help.example.com/support' } } });
  });

  it('asks for the name and e-mail tickets are from and the API key', () => {
    expect(checkConnectorForm({ ...osticket, reporterName: '' }, false)).toEqual(refusal('reporterName', /Enter the name tickets are from/));
    expect(checkConnectorForm({ ...osticket, email: 'incident' }, false)).toEqual(refusal('email', /Enter the e-mail address tickets are from/));
    expect(checkConnectorForm({ ...osticket, apiKey: '' }, false)).toEqual(refusal('apiKey', /Paste the osTicket API key .*API Keys/));
    expect(checkConnectorForm({ ...osticket, apiKey: '' }, true)).toMatchObject({ ok: true, save: { p_secret: null } });
  });
});

describe('GLPI setup', () => {
  const glpi = form('glpi', { site: 'https://glpi.example.com/apirest.php/', appToken: 'app-1', userToken: ' user-1 ' });

  it('saves only the site in the config (the API path is the backend’s) and both tokens as the secret', () => {
    expect(checkConnectorForm(glpi, false)).toEqual({
      ok: true,
      save: { p_kind: 'glpi', p_name: 'IT desk', p_config: { site: 'https://glpi.example.com' }, p_secret: { app_token: 'app-1', user_token: 'user-1' } },
    });
    expect(checkConnectorForm({ ...glpi, site: 'https://example.com/glpi/front/central.php' }, false)).toMatchObject({ save: { p_config: { site: 'https://example.com/glpi' } } });
  });

  it('asks for both tokens the first time', () => {
    expect(checkConnectorForm({ ...glpi, appToken: '' }, false)).toEqual(refusal('appToken', /^Paste the App-Token of GLPI’s API client \(Setup › General › API\)\.$/));
    expect(checkConnectorForm({ ...glpi, userToken: '' }, false)).toEqual(refusal('userToken', /^Paste your GLPI API token \(My settings › Remote access keys\)\.$/));
  });

  it('keeps both stored tokens when both fields are empty, and changes them only together', () => {
    expect(checkConnectorForm({ ...glpi, appToken: '', userToken: '' }, true)).toMatchObject({ ok: true, save: { p_secret: null } });
    expect(checkConnectorForm({ ...glpi, userToken: '' }, true)).toEqual(refusal('userToken', /too: both tokens are changed together/));
    expect(checkConnectorForm({ ...glpi, appToken: '' }, true)).toEqual(refusal('appToken', /too: both tokens are changed together/));
    expect(checkConnectorForm(glpi, true)).toMatchObject({ ok: true, save: { p_secret: { app_token: 'app-1', user_token: 'user-1' } } });
  });
});

describe('Jira Service Management setup', () => {
  const jira = form('jira_sm', { site: 'https://acme.atlassian.net/jira/servicedesk/projects/IT/queues', email: 'ops@example.com', serviceDeskId: ' 4 ', requestTypeId: '12', token: 'jira-token' });

  it('saves the site, the account and both ids in the config and the API token as the secret', () => {
    expect(checkConnectorForm(jira, false)).toEqual({
      ok: true,
      save: {
        p_kind: 'jira_sm',
        p_name: 'IT desk',
        p_config: { site: 'https://acme.atlassian.net', email: 'ops@example.com', service_desk_id: '4', request_type_id: '12' },
        p_secret: { api_token: 'jira-token' },
      },
    });
  });

  it('keeps a Data Center site’s path', () => {
    expect(checkConnectorForm({ ...jira, site: 'https://example.com/jira/' }, false)).toMatchObject({ save: { p_config: { site: 'https://example.com/jira' } } });
  });

  it('asks for the account’s e-mail, numeric ids and the API token', () => {
    expect(checkConnectorForm({ ...jira, email: '' }, false)).toEqual(refusal('email', /Atlassian account the API token belongs to/));
    expect(checkConnectorForm({ ...jira, serviceDeskId: 'HELP' }, false)).toEqual(refusal('serviceDeskId', /service desk id: a number, e\.g\. 2/));
    expect(checkConnectorForm({ ...jira, requestTypeId: '' }, false)).toEqual(refusal('requestTypeId', /request type id: a number, e\.g\. 10/));
    expect(checkConnectorForm({ ...jira, token: '' }, false)).toEqual(refusal('token', /Paste an Atlassian API token/));
    expect(checkConnectorForm({ ...jira, token: '' }, true)).toMatchObject({ ok: true, save: { p_secret: null } });
  });
});

describe('TheHive setup', () => {
  const thehive = form('thehive', { site: 'https://thehive.example.com', apiKey: 'hive-key' });

  it('saves the site and the organisation, which may be empty, and the API key as the secret', () => {
    expect(checkConnectorForm(thehive, false)).toEqual({
      ok: true,
      save: { p_kind: 'thehive', p_name: 'IT desk', p_config: { site: 'https://thehive.example.com', organisation: '' }, p_secret: { api_key: 'hive-key' } },
    });
    expect(checkConnectorForm({ ...thehive, organisation: ' SOC ' }, false)).toMatchObject({ save: { p_config: { organisation: 'SOC' } } });
  });

  it('refuses a long organisation and asks for the API key', () => {
    expect(checkConnectorForm({ ...thehive, organisation: 'o'.repeat(101) }, false)).toEqual(refusal('organisation', /at most 100 characters, or leave it empty/));
    expect(checkConnectorForm({ ...thehive, apiKey: '' }, false)).toEqual(refusal('apiKey', /Paste the API key of the TheHive user/));
    expect(checkConnectorForm({ ...thehive, apiKey: '' }, true)).toMatchObject({ ok: true, save: { p_secret: null } });
  });
});

describe('Nextcloud evidence storage setup', () => {
  const nextcloud = form('nextcloud', { site: 'https://cloud.example.com/', user: 'muster', appPassword: 'aaaaa-bbbbb-ccccc' });

  it('starts with the base folder "Muster" and saves site, user and folder in the config, the app password as the secret', () => {
    expect(connectorForm('nextcloud').folder).toBe('Muster');
    expect(checkConnectorForm(nextcloud, false)).toEqual({
      ok: true,
      save: { p_kind: 'nextcloud', p_name: 'IT desk', p_config: { site: 'https://cloud.example.com', user: 'muster', folder: 'Muster' }, p_secret: { app_password: 'aaaaa-bbbbb-ccccc' } },
    });
  });

  it('takes the folder without slashes around it, and "Muster" when left empty', () => {
    expect(checkConnectorForm({ ...nextcloud, folder: ' /Security/Incidents/ ' }, false)).toMatchObject({ save: { p_config: { folder: 'Security/Incidents' } } });
    expect(checkConnectorForm({ ...nextcloud, folder: '' }, false)).toMatchObject({ save: { p_config: { folder: 'Muster' } } });
  });

  it('takes the WebDAV address from Files settings: the site before /remote.php, the user after /files/', () => {
    const pasted = { ...nextcloud, site: 'https://example.com/nextcloud/remote.php/dav/files/anna.k%40example.com/', user: '' };
    expect(checkConnectorForm(pasted, false)).toMatchObject({ ok: true, save: { p_config: { site: 'https://example.com/nextcloud', user: 'anna.k@example.com' } } });
    expect(checkConnectorForm({ ...nextcloud, site: 'https://cloud.example.com/index.php/apps/files/?dir=/Muster' }, false)).toMatchObject({ save: { p_config: { site: 'https://cloud.example.com' } } });
  });

  it('refuses a folder outside the user’s files, a long one and one with empty steps', () => {
    expect(checkConnectorForm({ ...nextcloud, folder: 'Evidence/../../etc' }, false)).toEqual(refusal('folder', /Leave “\.\.” and “\.” out of the folder.*e\.g\. Muster/));
    expect(checkConnectorForm({ ...nextcloud, folder: 'Evidence/./x' }, false)).toEqual(refusal('folder', /Leave “\.\.”/));
    expect(checkConnectorForm({ ...nextcloud, folder: 'f'.repeat(101) }, false)).toEqual(refusal('folder', /at most 100 characters/));
    expect(checkConnectorForm({ ...nextcloud, folder: 'Security//Incidents' }, false)).toEqual(refusal('folder', /single \//));
    expect(checkConnectorForm({ ...nextcloud, folder: 'Security\\Incidents' }, false)).toEqual(refusal('folder', /no backslashes/));
  });

  it('asks for a user name without spaces or slashes, and the app password', () => {
    for (const user of ['', 'anna k', 'anna/k']) expect(checkConnectorForm({ ...nextcloud, user }, false)).toEqual(refusal('user', /Enter the Nextcloud user name/));
    expect(checkConnectorForm({ ...nextcloud, appPassword: '' }, false)).toEqual(refusal('appPassword', /Paste an app password/));
    expect(checkConnectorForm({ ...nextcloud, appPassword: '' }, true)).toMatchObject({ ok: true, save: { p_secret: null } });
  });
});

describe('every ticket and storage address', () => {
  const filled: Record<string, Partial<ConnectorForm>> = {
    zammad: { group: 'Users', customer: 'it@example.com', token: 't' },
    osticket: { reporterName: 'Muster', email: 'm@example.com', apiKey: 'k' },
    glpi: { appToken: 'a', userToken: 'u' },
    jira_sm: { email: 'ops@example.com', serviceDeskId: '1', requestTypeId: '2', token: 't' },
    thehive: { apiKey: 'k' },
    nextcloud: { user: 'muster', appPassword: 'p' },
  };

  it.each(Object.keys(filled))('%s: https only (http on this machine for tests), no user name or password, the whole address', (kind) => {
    const base = form(kind as ConnectorKind, filled[kind] ?? {});
    expect(checkConnectorForm({ ...base, site: 'http://tool.example.com' }, false)).toEqual(refusal('site', /must start with https:\/\//));
    expect(checkConnectorForm({ ...base, site: 'tool.example.com' }, false)).toEqual(refusal('site', /^Enter the whole .*starting with https:\/\//));
    expect(checkConnectorForm({ ...base, site: 'https://admin:secret@tool.example.com' }, false)).toEqual(refusal('site', /Leave the user name and password out/));
    expect(checkConnectorForm({ ...base, site: `https://tool.example.com/${'p'.repeat(300)}` }, false)).toEqual(refusal('site', /at most 300 characters/));
    expect(checkConnectorForm({ ...base, site: 'http://127.0.0.1:8080/' }, false)).toMatchObject({ ok: true, save: { p_config: { site: 'http://127.0.0.1:8080' } } });
    expect(checkConnectorForm({ ...base, name: '' }, false)).toEqual(refusal('name', /name of 1 to 100 characters/));
  });

  it('fills the form from a stored connector, secrets empty', () => {
    const stored: Connector = {
      id: 'j1',
      kind: 'jira_sm',
      name: 'Vendor desk',
      config: { site: 'https://acme.atlassian.net', email: 'ops@example.com', service_desk_id: '4', request_type_id: '12' },
      has_secret: true,
      last_ok_at: null,
      last_error: null,
      last_error_at: null,
    };
    expect(connectorForm('jira_sm', stored)).toMatchObject({ kind: 'jira_sm', name: 'Vendor desk', site: 'https://acme.atlassian.net', email: 'ops@example.com', serviceDeskId: '4', requestTypeId: '12', token: '' });
    expect(checkConnectorForm(connectorForm('jira_sm', stored), true)).toMatchObject({ ok: true, save: { p_config: stored.config, p_secret: null } });
  });
});
