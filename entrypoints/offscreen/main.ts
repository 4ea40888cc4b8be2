// Chromium's offscreen document: a page the service worker opens only to start the import Worker,
// which a service worker cannot. It relays the background's port to the Worker and back; when either
// end goes, so does the other, and the background's pending imports fail with a message.
import { browser } from 'wxt/browser';
import { IMPORT_PORT, IMPORT_WORKER_FILE } from '../../utils/import-worker';

const worker = new Worker(browser.runtime.getURL(`/${IMPORT_WORKER_FILE}`));
const port = browser.runtime.connect({ name: IMPORT_PORT });
port.onMessage.addListener((message: unknown) => worker.postMessage(message));
worker.onmessage = (e: MessageEvent<unknown>) => port.postMessage(e.data);
const stop = () => {
  worker.terminate();
  port.disconnect();
};
worker.onerror = stop;
worker.onmessageerror = stop;
port.onDisconnect.addListener(() => worker.terminate());
