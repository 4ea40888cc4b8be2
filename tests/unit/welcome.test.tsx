// The welcome page (entrypoints/welcome/) and the background opening it on install only.
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '../../entrypoints/welcome/App';
import { WELCOME_PAGE, onInstalled, registerFirstRun } from '../../entrypoints/background/first-run';

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

describe('welcome page', () => {
  it('offers the team glossary first, linking to the options import section', () => {
    render(<App />);
    const headings = screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(headings[0]).toBe('Add your team’s glossary');
    const step = screen.getByRole('region', { name: 'Add your team’s glossary' });
    for (const way of ['A file', 'A URL', 'A file in a private GitHub repository']) expect(within(step).getByText(way)).toBeTruthy();
    const link = within(step).getByRole('link', { name: 'Add your team’s glossary' });
    expect(link.getAttribute('href')).toBe(fakeBrowser.runtime.getURL('/options.html#import'));
  });

  it('says where Termlens runs: github.com now, other sites when turned on', () => {
    render(<App />);
    const where = screen.getByRole('region', { name: 'Where Termlens runs' });
    expect(within(where).getByText('github.com').closest('li')?.textContent).toMatch(/from now on/);
    expect(within(where).getByText('Any other site').closest('li')?.textContent).toMatch(
      /only once you turn it on.*asks you for access to that one site/,
    );
  });
});

describe('first run', () => {
  it('opens the welcome page on install, and not on an update or a browser update', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await onInstalled({ reason: 'update', previousVersion: '0.0.9' } as never);
    await onInstalled({ reason: 'chrome_update' } as never);
    expect(create).not.toHaveBeenCalled();
    await onInstalled({ reason: 'install' } as never);
    expect(create).toHaveBeenCalledOnce();
    expect(create).toHaveBeenCalledWith({ url: fakeBrowser.runtime.getURL(WELCOME_PAGE) });
  });

  it('listens from the start: an install event opens one tab', async () => {
    // fakeBrowser starts with one blank tab.
    const welcomeTabs = async () => (await fakeBrowser.tabs.query({})).filter((t) => t.url === fakeBrowser.runtime.getURL(WELCOME_PAGE));
    registerFirstRun();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' } as never);
    await vi.waitFor(async () => expect(await welcomeTabs()).toHaveLength(1));
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', previousVersion: '0.1.0' } as never);
    expect(await welcomeTabs()).toHaveLength(1);
  });
});
