// The template composer hands the user back to the list, and the app keeps working after it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoScreen, openApp, type AppSession } from './app-driver';

describe('templates', () => {
  let session: AppSession | undefined;

  beforeAll(async () => {
    session = await openApp();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('goes back to the template list with "← All templates", and the other screens still open', async () => {
    const { page } = session!;
    await gotoScreen(page, 'Templates');
    await page.getByRole('button', { name: /First leadership update/ }).click();
    await page.getByLabel('What happened').fill('Finance mailbox forwarding rule found');
    await page.getByRole('button', { name: '← All templates' }).click();

    await page.getByRole('button', { name: /Instructions to employees/ }).waitFor({ state: 'visible', timeout: 5_000 });
    expect(await page.getByTestId('template-preview').count()).toBe(0);
    await gotoScreen(page, 'Log');
    expect(session!.pageErrors.map(String)).toEqual([]);
  });
});
