/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { listenForAlerts } from './alerts';
import { isWorkerMessage } from './worker-messages';

declare const self: ServiceWorkerGlobalScope;

// The app shell (HTML, JS, CSS, icons, manifest) comes from the precache, so Muster starts
// with no network after the first visit. The list is injected at build time.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every in-app URL opens the cached shell; the screen is chosen client-side.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));

// registerType 'prompt': a new version waits until the page, with the user's consent, says so.
self.addEventListener('message', (event) => {
  if (isWorkerMessage(event.data) && event.data.type === 'SKIP_WAITING') void self.skipWaiting();
});

// Team alerts: pushes, their Acknowledge button and taps (alerts.ts).
listenForAlerts();
