// The import Worker: reads and validates glossaries (lib/glossary/import-job.ts) off the background's
// thread. Started by the Firefox background page itself, and in Chromium by the offscreen document
// (entrypoints/offscreen/), as a service worker cannot start a Worker. It has no extension APIs.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createJobHost, type JobRequest } from '../lib/glossary/import-job';

export default defineUnlistedScript(() => {
  const host = createJobHost();
  const scope = globalThis as unknown as { onmessage: ((e: MessageEvent<JobRequest>) => void) | null; postMessage(m: unknown): void };
  scope.onmessage = (e) => {
    const reply = host(e.data);
    if (reply) scope.postMessage(reply);
  };
});
