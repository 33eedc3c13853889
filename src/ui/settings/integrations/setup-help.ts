import type { ConnectorKind } from '../../../domain/connectors';

const CACHET_HELP =
  'Approved website and public statements can be published on your Cachet status page as incidents. In Cachet 2.x, copy the API token from your profile in the dashboard; in Cachet 3.x, make an API key under Settings › API keys that may create incidents. Enter the status page address, pick the version, and paste the token: it is stored on the Muster backend only. There is no "Send test": it would publish a test incident to the public.';

/** What to create in each chat tool before setting the connector up here (each tool's own admin screens). */
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
    'In Zammad, open your avatar › Profile › Token Access › Create, give the token the "ticket.agent" permission, and paste it here with your Zammad address, the group new tickets go to (e.g. "Users") and the customer e-mail tickets are filed under. The token is stored on the Muster backend only.',
  osticket:
    'In osTicket, open Admin Panel › Manage › API Keys › Add New API Key, enter the IP address the Muster backend calls from (osTicket binds each key to one address), allow "Can Create Tickets", and paste the key here with the helpdesk address and the name and e-mail tickets are from. osTicket’s API opens tickets only: updates are added in osTicket.',
  glpi:
    'In GLPI, enable the API under Setup › General › API, add an API client for the Muster backend’s address and copy its App-Token, then copy your own API token under My settings › Remote access keys. Paste both here with the GLPI address; they are stored on the Muster backend only.',
  jira_sm:
    'In Jira Service Management, make an API token at id.atlassian.com › Security › API tokens, and find the service desk and request type ids (Project settings › Request types: the numbers in the address). Enter your site, the account’s e-mail, both ids and the token here.',
  thehive:
    'In TheHive, open Organisation › Users, pick (or create) a user with the "analyst" profile, and create its API key. Paste it here with TheHive’s address and, if you belong to several organisations, the organisation name. Each incident becomes a case; follow-ups become its tasks and the communication log is attached as a file observable.',
  nextcloud:
    'In Nextcloud, open Personal settings › Security › Devices & sessions, create an app password named "Muster", and enter it here with your Nextcloud address, the user name and the base folder (default "Muster"). Exports go into one folder per incident; an existing file is never overwritten.',
};
