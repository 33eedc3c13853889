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
};
