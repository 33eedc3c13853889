// Muster can be installed to the home screen: Chromium reports no installability errors once
// the service worker controls the page, and the manifest has what launchers and stores use.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, waitForServiceWorkerControl, type AppSession } from './app-driver';

interface ManifestIcon {
  src: string;
  sizes: string;
  type?: string;
  purpose?: string;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((byte, i) => bytes[i] === byte)) throw new Error('not a PNG');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('install', () => {
  let session: AppSession | undefined;

  beforeAll(async () => {
    session = await openApp();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('has no installability errors once the service worker controls the page', async () => {
    const { page, context } = session!;
    await waitForServiceWorkerControl(page);
    const cdp = await context.newCDPSession(page);
    try {
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      expect(installabilityErrors).toEqual([]);
      // The manifest Chromium parsed is the one the page links to, and it parsed cleanly.
      const manifest = await cdp.send('Page.getAppManifest');
      expect(manifest.url).toBe(new URL('manifest.webmanifest', session!.server.url).href);
      expect(manifest.errors).toEqual([]);
    } finally {
      await cdp.detach();
    }
  });

  it('serves a manifest with name, standalone display, theme colour and 192/512/maskable icons', async () => {
    const { page, server } = session!;
    const href = await page.locator('link[rel=manifest]').getAttribute('href');
    expect(href).not.toBeNull();
    const manifestUrl = new URL(href!, page.url()).href;
    const response = await fetch(manifestUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    const manifest = (await response.json()) as Record<string, unknown> & { icons: ManifestIcon[] };

    expect(manifest.name).toBe('Muster: incident communication');
    expect(manifest.short_name).toBe('Muster');
    expect(manifest.display).toBe('standalone');
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    // The browser's address bar and the installed app's title bar use the same colour.
    expect(await page.locator('meta[name=theme-color]').getAttribute('content')).toBe(manifest.theme_color);
    expect(manifest.background_color).toBeTruthy();
    expect(new URL(String(manifest.start_url), manifestUrl).href).toBe(server.url);
    expect(new URL(String(manifest.scope), manifestUrl).href).toBe(server.url);

    const purposes = (icon: ManifestIcon) => (icon.purpose ?? 'any').split(/\s+/);
    const find = (size: string, purpose: string) => manifest.icons.find((icon) => icon.sizes.split(/\s+/).includes(size) && purposes(icon).includes(purpose));
    const wanted = [
      { size: '192x192', purpose: 'any' },
      { size: '512x512', purpose: 'any' },
      { size: '512x512', purpose: 'maskable' },
    ];
    for (const { size, purpose } of wanted) {
      const icon = find(size, purpose);
      expect(icon, `a ${size} icon with purpose ${purpose}`).toBeDefined();
      // The file exists, is a PNG, and really has the size the manifest claims.
      const file = await fetch(new URL(icon!.src, manifestUrl));
      expect(file.status, icon!.src).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/png');
      const { width, height } = pngSize(new Uint8Array(await file.arrayBuffer()));
      expect(`${width}x${height}`, icon!.src).toBe(size);
    }
  });
});
