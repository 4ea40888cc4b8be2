import { browser, type Browser } from 'wxt/browser';
import {
  CONTENT_SCRIPT_REQUESTS,
  type Message,
  type Protocol,
  type Reply,
  type RequestType,
  type TabMessage,
  type TabProtocol,
  type TabRequestType,
} from '../lib/protocol';

/** Ask the background. Rejects with the background's error message when the handler failed. */
/** Requests that change nothing: asked again when the background stopped before answering. */
const READS: ReadonlySet<RequestType> = new Set<RequestType>([
  'stats',
  'search',
  'entry',
  'settings',
  'packs',
  'lookup',
  'matcher',
  'matcherChunk',
  'exportAll',
]);

/**
 * The background (a service worker, an event page) can be stopped by the browser at any time. A
 * message that never reached it ("Receiving end does not exist") is sent once more, as the browser
 * starts it again; one it stopped while answering is asked again only if it changes nothing. What
 * still fails is said plainly, not in the browser's words.
 */
async function deliver(message: { type: RequestType }): Promise<unknown> {
  try {
    return await browser.runtime.sendMessage(message);
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    const undelivered = /Receiving end does not exist|Could not establish connection/i.test(raw);
    const dropped = /message channel closed|message port closed|before a response was received/i.test(raw);
    if (!undelivered && !dropped) throw e;
    if (undelivered || READS.has(message.type)) {
      try {
        return await browser.runtime.sendMessage(message);
      } catch {
        /* said below */
      }
    }
    throw new Error(
      dropped && !READS.has(message.type)
        ? 'Termlens’s background stopped before it answered; the change may not have been made. Check, and try again.'
        : 'Termlens’s background did not answer. Try again; if it keeps failing, reload the extension.',
    );
  }
}

export async function send<T extends RequestType>(type: T, request: Protocol[T]['request']): Promise<Protocol[T]['response']> {
  const reply = (await deliver({ type, ...request })) as Reply<T> | undefined;
  if (!reply) throw new Error(`no answer from the background to "${type}"`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

export type Handlers = {
  [T in RequestType]: (
    message: Message<T>,
    sender: Browser.runtime.MessageSender,
  ) => Promise<Protocol[T]['response']> | Protocol[T]['response'];
};

/**
 * Answer the protocol in the background; uses sendResponse so every browser (and fakeBrowser) gets the reply.
 * Extension pages (popup, options) may ask anything; content scripts only CONTENT_SCRIPT_REQUESTS.
 */
export function listen(handlers: Handlers): () => void {
  const extensionPages = browser.runtime.getURL('/');
  const contentScriptTypes: ReadonlySet<string> = new Set(CONTENT_SCRIPT_REQUESTS);
  return addReplyingListener(handlers as Record<string, AnyHandler>, (type, sender) => {
    if (contentScriptTypes.has(type) || sender.url?.startsWith(extensionPages)) return null;
    // A tab, or a page's URL, is a content script (its page can drive it). Browsers give every sender a
    // URL; only an in-process caller (a unit test's fakeBrowser) sends neither.
    if (sender.tab !== undefined || sender.url !== undefined)
      return `"${type}" can only be asked from the extension's own pages, not from a web page`;
    return null;
  });
}

type AnyHandler = (message: unknown, sender: Browser.runtime.MessageSender) => unknown;

/**
 * One runtime.onMessage listener that answers the message types it has a handler for, in the
 * `{ ok, value } | { ok, error }` envelope; other types are left to other listeners. `refuse` names
 * why a sender may not ask for a type (null: it may).
 */
function addReplyingListener(
  handlers: Record<string, AnyHandler>,
  refuse?: (type: string, sender: Browser.runtime.MessageSender) => string | null,
  declines?: (type: string) => boolean,
): () => void {
  const listener = (message: unknown, sender: Browser.runtime.MessageSender, sendResponse: (reply: unknown) => void) => {
    const type = (message as { type?: unknown } | null)?.type;
    // Own properties only: `toString` and the like are not message types.
    if (typeof type !== 'string' || !Object.hasOwn(handlers, type)) return undefined;
    if (declines?.(type)) return undefined;
    const refused = refuse?.(type, sender ?? {});
    if (refused) {
      sendResponse({ ok: false, error: refused });
      return true;
    }
    const handler = handlers[type]!;
    Promise.resolve()
      .then(() => handler(message, sender))
      .then(
        (value) => sendResponse({ ok: true, value }),
        (error: unknown) => sendResponse({ ok: false, error: error instanceof Error ? error.message : String(error) }),
      );
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

// ---- popup → a tab's content script ----------------------------------------------------------

export type TabReply<T extends TabRequestType> = { ok: true; value: TabProtocol[T]['response'] } | { ok: false; error: string };

/**
 * Ask the content script in one frame of a tab (the top frame unless `frameId` says otherwise). Rejects
 * when no content script answers there (none injected, or a restricted page).
 */
export async function sendToTab<T extends TabRequestType>(
  tabId: number,
  type: T,
  request: TabProtocol[T]['request'],
  frameId = 0,
): Promise<TabProtocol[T]['response']> {
  const reply = (await browser.tabs.sendMessage(tabId, { type, ...request }, { frameId })) as TabReply<T> | undefined;
  if (!reply) throw new Error(`no answer from the page to "${type}"`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

export type TabHandlers = {
  [T in TabRequestType]: (message: TabMessage<T>) => Promise<TabProtocol[T]['response']> | TabProtocol[T]['response'];
};

/**
 * Answer tab messages in a content script (same reply envelope as `listen`). Only handles the given
 * types, and leaves a message sent to every frame (the keyboard command) to another frame when
 * `declines` says this one is not the one meant.
 */
export function listenInTab(handlers: Partial<TabHandlers>, declines?: (type: TabRequestType) => boolean): () => void {
  return addReplyingListener(handlers as Record<string, AnyHandler>, undefined, declines as ((type: string) => boolean) | undefined);
}

/**
 * The frames of a tab that Termlens may read, the top frame first: the ones its content script can run
 * in. A no-op script in every frame the extension has access to tells their ids (no webNavigation
 * permission needed); without access to the tab, only the top frame is asked.
 */
export async function framesOf(tabId: number): Promise<number[]> {
  try {
    const results = await browser.scripting.executeScript({ target: { tabId, allFrames: true }, func: () => true });
    const ids = [...new Set(results.map((r) => r.frameId))].sort((a, b) => a - b);
    return ids.includes(0) ? ids : [0, ...ids];
  } catch {
    return [0];
  }
}
