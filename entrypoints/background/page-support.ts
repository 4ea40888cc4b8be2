// The background's side of "find, highlight and explain": the compact matcher a page needs, sense
// look-ups, the card's code on demand, the keyboard command, and the content script's registration
// on the sites the user granted (github.com is in the manifest; every other site is registered here).
import { browser, type Browser } from 'wxt/browser';
import type { MatchPattern } from '../../lib/glossary/compile';
import type { ContentScriptRequest } from '../../lib/protocol';
import { buildMatcher, packMatcher, type PackedMatcher } from '../../lib/matcher';
import { siteHost } from '../../lib/settings/resolve';
import type { GlossaryService } from './glossary-service';
import type { Handlers } from '../../utils/messaging';
import { explainQueryItem } from '../../utils/storage';
import { showActionState } from './action-icon';

/** The built content script and the lazily injected card (WXT output paths). */
export const CONTENT_SCRIPT_FILE = 'content-scripts/content.js';
/** Its ::highlight() rules: injected with it, before the page is parsed (see entrypoints/content/highlights.css). */
export const CONTENT_STYLE_FILE = 'content-scripts/content.css';
export const CARD_SCRIPT_FILE = 'term-card.js';
/** The id of the runtime registration covering every granted origin. */
export const DYNAMIC_SCRIPT_ID = 'termlens-dynamic';
/** Hosts the manifest's content_scripts entry already covers. */
const STATIC_MATCHES = new Set(['https://github.com/*']);

// One packed matcher per pattern list: the service keeps one list per set of active packs, so the
// same object means the same packs. A new list (packs changed) builds anew; old ones are collected.
const matcherCache = new WeakMap<readonly MatchPattern[], PackedMatcher>();
// Pages fetch the chunks by id: the last few packs handed out (a page may still be fetching an old one).
const recentPacks = new Map<string, PackedMatcher>();
const RECENT_PACKS = 4;

function matcherFor(patterns: readonly MatchPattern[]): PackedMatcher | null {
  if (patterns.length === 0) return null;
  let packed = matcherCache.get(patterns);
  if (!packed) {
    packed = packMatcher(buildMatcher(patterns));
    matcherCache.set(patterns, packed);
  }
  const id = packed.transfer.id;
  recentPacks.delete(id);
  recentPacks.set(id, packed);
  for (const old of recentPacks.keys()) if (recentPacks.size > RECENT_PACKS) recentPacks.delete(old);
  return packed;
}

type PageHandlers = Pick<Handlers, ContentScriptRequest>;

/**
 * The page a request is about. A content script's request names its page (`host`, `url`), but the
 * browser knows which document sent it: a content script that is lied to, or lies, cannot ask for the
 * packs and senses of another site. The frame's own address comes first (the tab's is the top
 * page's); extension pages (the popup, the options page) ask about a tab, so their fields stand.
 */
export function requestPage(
  message: { host?: string; url?: string },
  sender: Pick<Browser.runtime.MessageSender, 'url' | 'tab'> | undefined,
): { host: string; url?: string } {
  for (const url of [sender?.url, sender?.tab?.url]) {
    const host = url ? siteHost(url) : null;
    if (url && host) return { host, url };
  }
  return { host: message.host ?? '', ...(message.url !== undefined ? { url: message.url } : {}) };
}

export function pageHandlers(glossary: GlossaryService): PageHandlers {
  return {
    matcher: async (message, sender) => {
      const { host, url } = requestPage(message, sender);
      const [site, paused] = await Promise.all([glossary.siteSettings(host), glossary.paused()]);
      // The tab's toolbar icon follows its page: asked on every load and every settings change.
      const tabId = sender.tab?.id;
      if (tabId !== undefined && (sender.frameId ?? 0) === 0) void showActionState({ paused, siteEnabled: site.enabled }, tabId);
      // Paused everywhere: the page clears its highlights and stops, as on a site turned off.
      const base = {
        enabled: site.enabled && !paused,
        style: site.style,
        firstOnly: site.firstOnly,
        scanDiffs: site.scanDiffs,
        githubEnterprise: site.githubEnterprise,
      };
      if (!base.enabled) return { ...base, matcher: null };
      const { patterns, relevance } = await glossary.pageMatching(host, url);
      const packed = matcherFor(patterns);
      return packed ? { ...base, matcher: packed.transfer, relevance } : { ...base, matcher: null };
    },
    matcherChunk: async (message, sender) => {
      const { id, index } = message;
      // After a worker restart the pack is rebuilt: the same packs give the same id.
      const packed = recentPacks.get(id) ?? matcherFor(await glossary.patternsForSite(requestPage(message, sender).host));
      if (packed?.transfer.id !== id) throw new Error(`matcher ${id} is gone (the packs changed): ask for the matcher again`);
      if (!(Number.isInteger(index) && index >= 1 && index < packed.chunkCount)) throw new Error(`matcher ${id} has no chunk ${index}`);
      return { data: packed.chunk(index) };
    },
    lookup: async (message, sender) => {
      const { key, site, surface } = message;
      const { host, url } = requestPage(message, sender);
      const [senses, index] = await Promise.all([glossary.sensesFor(key, host, site, url), glossary.index()]);
      // Suggestions go to the packs active on this page; only an unknown word needs that list.
      const activePacks = senses.length === 0 && typeof surface === 'string' ? await glossary.activeAt(host, url) : undefined;
      const extras = await glossary.cardExtras(senses, {
        ...(typeof surface === 'string' ? { surface: surface.slice(0, 200) } : {}),
        ...(url ? { url } : {}),
        ...(activePacks ? { activePacks } : {}),
      });
      const used = new Set(senses.map((s) => s.packId));
      const packNames: Record<string, string> = {};
      const packHomepages: Record<string, string> = {};
      for (const p of index.packs) if (used.has(p.id)) packNames[p.id] = p.name;
      for (const p of index.packs) if (used.has(p.id) && p.homepage) packHomepages[p.id] = p.homepage;
      return { senses, packNames, packHomepages, ...(Object.keys(extras).length ? { extras } : {}) };
    },
    seenUpdates: async ({ ids }) => {
      if (Array.isArray(ids)) await glossary.seenUpdates(ids.slice(0, 50));
      return { ok: true };
    },
    loadCard: async (_message, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) throw new Error('loadCard: not asked from a tab');
      await executeFile(tabId, CARD_SCRIPT_FILE, { frameId: sender.frameId ?? 0 });
      return { loaded: true };
    },
  };
}

/** Which frames of a tab an injection reaches: one (the card, for the frame that asked), or all it may read. */
type Frames = { frameId: number } | { allFrames: true };

/** Run an extension file in a tab's content-script world (MV3 scripting, or MV2 tabs.executeScript). */
async function executeFile(tabId: number, file: string, frames: Frames = { frameId: 0 }): Promise<void> {
  if (browser.scripting?.executeScript) {
    const target = 'allFrames' in frames ? { tabId, allFrames: true } : { tabId, frameIds: [frames.frameId] };
    // WXT types `files` as the paths it knows at prepare time; these two are ours and stable.
    const injection = { target, files: [`/${file}`] } as unknown as Parameters<typeof browser.scripting.executeScript>[0];
    await browser.scripting.executeScript(injection);
    return;
  }
  const tabs = browser.tabs as unknown as {
    executeScript(tabId: number, details: { file: string; frameId?: number; allFrames?: boolean }): Promise<unknown>;
  };
  await tabs.executeScript(tabId, { file: `/${file}`, ...frames });
}

/** Add an extension stylesheet to every frame of a tab it may read (MV3 scripting, or MV2 tabs.insertCSS). */
async function insertStyle(tabId: number, file: string): Promise<void> {
  if (browser.scripting?.insertCSS) {
    const injection = { target: { tabId, allFrames: true }, files: [`/${file}`] } as unknown as Parameters<
      typeof browser.scripting.insertCSS
    >[0];
    await browser.scripting.insertCSS(injection);
    return;
  }
  const tabs = browser.tabs as unknown as { insertCSS(tabId: number, details: { file: string; allFrames?: boolean }): Promise<unknown> };
  await tabs.insertCSS(tabId, { file: `/${file}`, allFrames: true });
}

/**
 * Put the content script into an open tab's frames (a site just turned on); a second copy replaces the first.
 * The page is laid out already, so its stylesheet costs one restyle here: once, on the user's request.
 */
export async function injectContentScript(tabId: number): Promise<void> {
  await insertStyle(tabId, CONTENT_STYLE_FILE);
  await executeFile(tabId, CONTENT_SCRIPT_FILE, { allFrames: true });
}

/** The granted origins the manifest does not already cover. */
export async function grantedOrigins(): Promise<string[]> {
  const { origins = [] } = await browser.permissions.getAll();
  return origins.filter((o) => !STATIC_MATCHES.has(o)).sort();
}

/**
 * Make the runtime registration match the granted origins: one registration, updated in place.
 * Registrations persist across browser restarts; this re-checks them at start-up anyway.
 */
export async function syncContentScripts(): Promise<string[]> {
  const scripting = browser.scripting;
  if (!scripting?.registerContentScripts) return [];
  const origins = await grantedOrigins();
  const existing = await scripting.getRegisteredContentScripts({ ids: [DYNAMIC_SCRIPT_ID] });
  if (origins.length === 0) {
    if (existing.length > 0) await scripting.unregisterContentScripts({ ids: [DYNAMIC_SCRIPT_ID] });
    return origins;
  }
  // Granting every site also covers github.com, which the manifest's entry already serves: one copy there.
  const script = {
    id: DYNAMIC_SCRIPT_ID,
    js: [CONTENT_SCRIPT_FILE],
    css: [CONTENT_STYLE_FILE],
    matches: origins,
    excludeMatches: [...STATIC_MATCHES],
    runAt: 'document_start' as const,
    persistAcrossSessions: true,
    // As the manifest's entry: every frame of a granted site, and the blank frames it makes.
    allFrames: true,
    matchOriginAsFallback: true,
  };
  const same = (a: readonly string[] | undefined, b: readonly string[]) =>
    a !== undefined && a.length === b.length && [...a].sort().every((x, i) => x === b[i]);
  const current = existing[0];
  // Called after every extension-page message (withRegistrationSync): most of the time nothing changed.
  if (current && same(current.matches, origins) && same(current.excludeMatches, script.excludeMatches) && current.allFrames === true)
    return origins;
  const register = (s: Omit<typeof script, 'matchOriginAsFallback'>) =>
    current ? scripting.updateContentScripts([s]) : scripting.registerContentScripts([s]);
  await register(script).catch(async () => {
    // Chromium before 119 refuses matchOriginAsFallback here: the granted sites' own frames still get it.
    const { matchOriginAsFallback: _blankFrames, ...older } = script;
    await register(older);
  });
  return origins;
}

/** Open tabs on newly granted origins get the content script at once, without a reload. */
async function injectIntoOpenTabs(origins: readonly string[]): Promise<void> {
  if (origins.length === 0) return;
  const tabs = await browser.tabs.query({ url: [...origins] }).catch(() => [] as Browser.tabs.Tab[]);
  await Promise.all(tabs.map((t) => (t.id === undefined ? undefined : injectContentScript(t.id).catch(() => undefined))));
}

/**
 * Ask the active tab's content script to explain the selection (the keyboard command). Every frame
 * hears it; the one holding the focus answers (entrypoints/content/app.ts).
 */
export async function explainInTab(tab: Browser.tabs.Tab | undefined): Promise<void> {
  const target = tab?.id !== undefined ? tab : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  if (target?.id === undefined) return;
  const explained = await browser.tabs.sendMessage(target.id, { type: 'explainSelection' }).then(
    (reply) => reply !== undefined,
    () => false,
  );
  if (!explained) await explainInPopup(target.id);
}

/**
 * No content script there (a site Termlens is not turned on for): the command's activeTab grant lets
 * the background read the selection once, and the popup opens on it. Nothing stays on the page.
 */
async function explainInPopup(tabId: number): Promise<void> {
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId },
      func: () =>
        String(globalThis.getSelection?.() ?? '')
          .trim()
          .slice(0, 200),
    });
    const text = typeof result?.result === 'string' ? result.result : '';
    if (!text) return;
    await explainQueryItem.setValue(text);
    await browser.action.openPopup();
  } catch {
    // A page no extension may script (the browser's own pages, the web store): nothing to explain.
  }
}

let syncing: Promise<unknown> = Promise.resolve();
let syncTimer: ReturnType<typeof setTimeout> | undefined;

/** Sync the registration; open tabs on origins that were not registered before get the script now. */
function sync(): Promise<unknown> {
  syncing = syncing
    .then(async () => {
      const before = new Set((await browser.scripting?.getRegisteredContentScripts?.({ ids: [DYNAMIC_SCRIPT_ID] }))?.[0]?.matches ?? []);
      const after = await syncContentScripts();
      await injectIntoOpenTabs(after.filter((o) => !before.has(o)));
    })
    .catch((error: unknown) => console.warn('Termlens: content script registration failed', error));
  return syncing;
}

function syncSoon(): void {
  clearTimeout(syncTimer);
  syncTimer = setTimeout(() => void sync(), 50);
}

/**
 * permissions.onAdded is the main trigger. As a safety net (a grant made through the browser's own
 * site-access menu or while the worker was being restarted), every message from an extension page
 * (the popup and options talk to the background right after a grant) re-syncs too: it is cheap.
 */
export function withRegistrationSync<H extends Record<string, (message: never, sender: Browser.runtime.MessageSender) => unknown>>(
  handlers: H,
): H {
  const extensionPages = browser.runtime.getURL('/');
  const wrapped: Record<string, (message: never, sender: Browser.runtime.MessageSender) => unknown> = {};
  for (const [type, handler] of Object.entries(handlers)) {
    wrapped[type] = (message, sender) => {
      if (sender?.url?.startsWith(extensionPages)) syncSoon();
      return handler(message, sender);
    };
  }
  return wrapped as H;
}

/** Listeners that must be added in the service worker's first turn (MV3 wakes it only for those). */
export function registerPageSupport(): void {
  browser.permissions.onAdded.addListener(syncSoon);
  browser.permissions.onRemoved.addListener(syncSoon);
  browser.runtime.onInstalled.addListener(syncSoon);
  browser.runtime.onStartup.addListener(syncSoon);
  browser.commands?.onCommand.addListener((command, tab) => {
    if (command === 'explain-selection') void explainInTab(tab);
  });
  syncSoon();
}
