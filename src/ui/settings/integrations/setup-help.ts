import type { ConnectorKind } from '../../../domain/connectors';

const CACHET_HELP =
  'Approved website and public statements can be published on your Cachet status page as incidents. In Cachet 2.x, copy the API token from your profile in the dashboard; in Cachet 3.x, make an API key under Settings › API keys that may create incidents. Enter the status page address, pick the version, and paste the token: it is stored on the Muster backend only. There is no "Send test": it would publish a test incident to the public.';

/** What to create in each tool before setting its connector up here (each tool's own admin screens), and what Muster does with it. */
export const SETUP_HELP: Record<ConnectorKind, string> = {
  mattermost:
    'In Mattermost, open Integrations › Incoming Webhooks › Add Incoming Webhook, choose the incident channel, save, and paste the webhook URL here. Anyone with that URL can post to the channel: it is stored on the Muster backend only.',
  rocketchat:
    'In Rocket.Chat, open Administration › Workspace › Integrations › New › Incoming, turn it on, set the channel (e.g. #incident) and the user to post as, save, and paste the Webhook URL here. It is stored on the Muster backend only.',
  zulip:
    'In Zulip, open Personal settings › Bots › Add a new bot of type "Incoming webhook" (it can only post), subscribe it to the incident stream, and enter your Zulip address, the bot’s email, its API key and the stream here. Each incident gets its own topic.',
  cachet2: CACHET_HELP,
  cachet3: CACHET_HELP,
  zammad:
    'In Zammad, open your avatar › Profile › Token Access › Create, and give the token the "ticket.agent" permission; its user must be an agent in the group new tickets go to. Enter your Zammad address, that group (e.g. "Users"), the customer e-mail tickets are filed under (Zammad adds the customer if it is new) and the token. For a second group, add another Zammad connector. The token is stored on the Muster backend only.',
  osticket:
    'In osTicket, open Admin Panel › Manage › API Keys › Add New API Key, enter the IP address the Muster backend calls from (osTicket binds each key to one address) and allow "Can Create Tickets". Enter the helpdesk address, the name and e-mail tickets are from, and the key. osTicket’s API only opens tickets: later updates are added in osTicket, and "Check connection" opens a real test ticket.',
  glpi:
    'In GLPI, open Setup › General › API: turn on the REST API and "login with external token", add an API client for the Muster backend’s address and copy its App-Token. Then copy your own API token under My settings › Remote access keys. Enter the GLPI address (the one you open GLPI at) and both tokens; they are stored on the Muster backend only.',
  jira_sm:
    'In Jira Service Management, make an API token at id.atlassian.com › Security › API tokens. The service desk id and request type id are usually the two numbers in the address of the request form on the customer portal, …/portal/<service desk id>/create/<request type id>; signed in, <site>/rest/servicedeskapi/servicedesk lists the exact service desk ids. Enter your site (e.g. https://yourcompany.atlassian.net), the e-mail of the account the token belongs to, both ids and the token.',
  thehive:
    'In TheHive, open Organisation › Users, pick (or create) a user with the "analyst" profile, and create its API key. Enter TheHive’s address, the key and, if the user belongs to several organisations, the organisation’s name. Each incident becomes a case; follow-ups become its tasks and the communication log is attached to it as a file.',
  nextcloud:
    'In Nextcloud, open Personal settings › Security › Devices & sessions and create an app password named "Muster". Enter your Nextcloud address, the user name (Files › Files settings shows it in the WebDAV address, after /files/), the base folder (default "Muster") and the app password. Exports go into one folder per incident inside the base folder; an existing file is never overwritten.',
};
