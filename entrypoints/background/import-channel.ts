// Where the background reads imports: a dedicated Worker running lib/glossary/import-job.ts, so that
// a parse of seconds holds no message of the background's. Firefox's background page starts the
// Worker itself; Chromium's service worker cannot, and opens an offscreen document that does. Where
// neither is possible, the jobs run on this thread, as they would without a Worker.
import { browser, type Browser } from 'wxt/browser';
import { inProcessChannel, watchedChannel, type JobChannel, type JobReply } from '../../lib/glossary/import-job';
import { IMPORT_PORT, IMPORT_WORKER_FILE, OFFSCREEN_FILE } from '../../utils/import-worker';

/** The offscreen document connects within this long of being created, or the import is refused. */
const CONNECT_MS = 10_000;

/**
 * A Worker idle for 30 s is stopped (its memory is the parser's), one silent for 2 minutes with work
 * is taken for dead. While it has work, an extension API call every 20 s: Chromium stops a service
 * worker that has had no event or API call for 30 s, and a reply awaited from a Worker is neither.
 */
const watched = (channel: JobChannel) =>
  watchedChannel(channel, {
    idleMs: 30_000,
    silentMs: 120_000,
    keepAliveMs: 20_000,
    keepAlive: () => void browser.runtime.getPlatformInfo().catch(() => undefined),
  });

export async function openImportChannel(): Promise<JobChannel> {
  try {
    if (typeof Worker === 'function') return watched(workerChannel());
    if (browser.offscreen) return watched(await offscreenChannel());
  } catch (error) {
    // Slower for a large file, but the import still works.
    console.warn('Termlens: could not start the import worker; reading imports in the background', error);
  }
  return inProcessChannel();
}

function workerChannel(): JobChannel {
  const worker = new Worker(browser.runtime.getURL(`/${IMPORT_WORKER_FILE}`));
  return {
    post: (message) => worker.postMessage(message),
    listen: (onReply, onGone) => {
      worker.onmessage = (e: MessageEvent<JobReply>) => onReply(e.data);
      const gone = () => {
        worker.terminate();
        onGone('the import worker stopped');
      };
      worker.onerror = gone;
      worker.onmessageerror = gone;
    },
    close: () => worker.terminate(),
  };
}

async function offscreenChannel(): Promise<JobChannel> {
  const offscreen = browser.offscreen;
  const page = browser.runtime.getURL(`/${OFFSCREEN_FILE}`);
  let onConnect: (port: Browser.runtime.Port) => void = () => undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const connected = new Promise<Browser.runtime.Port>((resolve, reject) => {
    onConnect = (port) => {
      if (port.name === IMPORT_PORT && port.sender?.url === page) resolve(port);
    };
    timer = setTimeout(() => reject(new Error('the import worker did not start')), CONNECT_MS);
  });
  browser.runtime.onConnect.addListener(onConnect);
  const create = () =>
    offscreen.createDocument({
      url: OFFSCREEN_FILE,
      reasons: ['WORKERS' as Browser.offscreen.Reason],
      justification: 'Reads imported glossaries in a Worker, so that pages keep their answers meanwhile.',
    });
  let port: Browser.runtime.Port;
  try {
    // A document left by an earlier run of the service worker has no port to this one: start afresh.
    await create().catch(async () => {
      await offscreen.closeDocument().catch(() => undefined);
      await create();
    });
    port = await connected;
  } finally {
    clearTimeout(timer);
    browser.runtime.onConnect.removeListener(onConnect);
  }
  const closeDocument = () => void offscreen.closeDocument().catch(() => undefined);
  return {
    post: (message) => port.postMessage(message),
    listen: (onReply, onGone) => {
      port.onMessage.addListener((reply: JobReply) => onReply(reply));
      port.onDisconnect.addListener(() => {
        closeDocument();
        onGone('the import worker stopped');
      });
    },
    close: () => {
      port.disconnect();
      closeDocument();
    },
  };
}
