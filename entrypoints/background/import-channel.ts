// Where the background reads imports: a dedicated Worker running lib/glossary/import-job.ts, so that
// a parse of seconds holds no message of the background's. Firefox's background page starts the
// Worker itself; Chromium's service worker cannot, and opens an offscreen document that does. Where
// neither is possible, the jobs run on this thread, as they would without a Worker.
import { browser, type Browser } from 'wxt/browser';
import { inProcessChannel, type JobChannel, type JobReply, type JobRequest } from '../../lib/glossary/import-job';
import { IMPORT_PORT, IMPORT_WORKER_FILE, OFFSCREEN_FILE } from '../../utils/import-worker';

/** A Worker idle this long is stopped (its memory is the parser's); the next import starts another. */
const IDLE_MS = 30_000;
/** No answer from the Worker this long while it has work: it is taken for dead (out of memory, killed). */
const SILENT_MS = 120_000;
/** The offscreen document connects within this long of being created, or the import is refused. */
const CONNECT_MS = 10_000;
/**
 * While the Worker has work, an extension API call this often: Chromium stops a service worker that
 * has had no event or API call for 30 s, and a reply awaited from a Worker is neither.
 */
const KEEP_ALIVE_MS = 20_000;

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

/**
 * The channel closed once idle (no request waiting, no pack held) and taken for gone when it stays
 * silent with work: either way the client opens a new one for the next import.
 */
function watched(channel: JobChannel): JobChannel {
  let waiting = 0;
  let held = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  let gone: (why: string) => void = () => undefined;
  let ended = false;
  const stopTimers = () => {
    clearTimeout(timer);
    clearInterval(keepAlive);
    keepAlive = undefined;
  };
  const end = (why: string) => {
    if (ended) return;
    ended = true;
    stopTimers();
    channel.close();
    gone(why);
  };
  const arm = () => {
    clearTimeout(timer);
    if (ended) return;
    if (waiting > 0) {
      timer = setTimeout(() => end('the import worker stopped answering'), SILENT_MS);
      keepAlive ??= setInterval(() => void browser.runtime.getPlatformInfo().catch(() => undefined), KEEP_ALIVE_MS);
      return;
    }
    clearInterval(keepAlive);
    keepAlive = undefined;
    if (held === 0) timer = setTimeout(() => end('idle'), IDLE_MS);
  };
  return {
    post: (message: JobRequest) => {
      if (message.kind === 'release') held = Math.max(0, held - 1);
      else waiting++;
      channel.post(message);
      arm();
    },
    listen: (onReply, onGone) => {
      gone = onGone;
      channel.listen(
        (reply) => {
          waiting = Math.max(0, waiting - 1);
          if (reply.kind === 'imported' && reply.imported.ok) held++;
          arm();
          onReply(reply);
        },
        (why) => {
          if (ended) return;
          ended = true;
          stopTimers();
          onGone(why);
        },
      );
    },
    close: () => end('closed'),
  };
}
