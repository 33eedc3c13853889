// Checks shared by the e2e tests: what a one-handed user on a 360 px phone and a screen
// reader user would run into.

import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export const WIDTH = 360;
export const MIN_TARGET = 44;

/** How far the page scrolls sideways, if at all (0 when it fits the 360 px screen). */
export async function sidewaysOverflow(page: Page): Promise<number> {
  const widths = await page.evaluate(() => ({ document: document.documentElement.scrollWidth, body: document.body.scrollWidth }));
  return Math.max(0, Math.max(widths.document, widths.body) - WIDTH);
}

/** Targets smaller than MIN_TARGET in either direction, described for the failure message. */
export async function tooSmall(targets: Locator, what: string): Promise<string[]> {
  const found: string[] = [];
  const count = await targets.count();
  expect(count, `${what}: targets to measure`).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const target = targets.nth(i);
    const box = await target.boundingBox();
    if (!box) continue; // not rendered (e.g. a hidden datalist option)
    if (box.height < MIN_TARGET || box.width < MIN_TARGET) {
      const name = (await target.getAttribute('aria-label')) ?? (await target.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? el.tagName));
      found.push(`${what}: "${name.trim().slice(0, 50)}" is ${Math.round(box.width)}x${Math.round(box.height)} px`);
    }
  }
  return found;
}

const INTERACTIVE_ROLES = new Set(['button', 'link', 'textbox', 'searchbox', 'combobox', 'listbox', 'checkbox', 'radio', 'switch', 'slider', 'spinbutton', 'DateTime', 'InputTime', 'Date']);

/** Interactive nodes in Chromium's accessibility tree with an empty computed name (the browser's own accname). */
export async function unnamedControls(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const unnamed: string[] = [];
    for (const node of nodes) {
      const role = String(node.role?.value ?? '');
      if (node.ignored || !INTERACTIVE_ROLES.has(role)) continue;
      if (String(node.name?.value ?? '').trim() !== '') continue;
      let described = `${role} (AX node ${node.nodeId})`;
      if (node.backendDOMNodeId !== undefined) {
        const { node: dom } = await cdp.send('DOM.describeNode', { backendNodeId: node.backendDOMNodeId });
        const attributes = dom.attributes ?? [];
        const pairs = attributes.flatMap((value, i) => (i % 2 === 0 ? [`${value}="${attributes[i + 1]}"`] : []));
        described = `${role} <${dom.localName} ${pairs.join(' ')}>`;
      }
      unnamed.push(described);
    }
    return unnamed;
  } finally {
    await cdp.detach();
  }
}


/**
 * What a thumb taps on a screen: buttons, text fields, selects, disclosure summaries, links
 * drawn as buttons or cards, call/text links, and checkbox rows (a checkbox is tapped through
 * its whole label row).
 */
export const TAP_TARGETS = [
  'main button',
  'main input:not([type=checkbox]):not([type=radio])',
  'main select',
  'main textarea',
  'main summary',
  'main a.button',
  'main a.card-link',
  'main a.method',
  'main a.ticket-link',
  'main label.check-row',
]
  .map((selector) => `${selector}:visible`)
  .join(', ');

/** The view fits 360 px without sideways scrolling, every target is big enough, and every control has a name. */
export async function expectUsableOneHanded(page: Page, view: string, targets = TAP_TARGETS): Promise<void> {
  expect(await sidewaysOverflow(page), `${view} scrolls sideways`).toBe(0);
  expect(await tooSmall(page.locator(targets), view)).toEqual([]);
  expect(await unnamedControls(page)).toEqual([]);
}
