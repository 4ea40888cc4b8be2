import { browser } from 'wxt/browser';
import type { Message, Protocol, Reply, RequestType } from '../lib/protocol';

/** Ask the background. Rejects with the background's error message when the handler failed. */
export async function send<T extends RequestType>(type: T, request: Protocol[T]['request']): Promise<Protocol[T]['response']> {
  const reply = (await browser.runtime.sendMessage({ type, ...request })) as Reply<T> | undefined;
  if (!reply) throw new Error(`no answer from the background to "${type}"`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

export type Handlers = { [T in RequestType]: (message: Message<T>) => Promise<Protocol[T]['response']> | Protocol[T]['response'] };

/** Answer the protocol in the background; uses sendResponse so every browser (and fakeBrowser) gets the reply. */
export function listen(handlers: Handlers): () => void {
  const listener = (message: unknown, _sender: unknown, sendResponse: (reply: unknown) => void) => {
    const type = (message as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !(type in handlers)) return undefined;
    const handler = handlers[type as RequestType] as (m: unknown) => unknown;
    Promise.resolve()
      .then(() => handler(message))
      .then(
        (value) => sendResponse({ ok: true, value }),
        (error: unknown) => sendResponse({ ok: false, error: error instanceof Error ? error.message : String(error) }),
      );
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
