// The first matcher request, in the loader (entrypoints/content/index.ts) as well as the scanner: it
// leaves as the script starts, so that its answer, which the first paint's highlights wait for,
// overlaps the page's loading.
import type { PageSetup } from '../../lib/protocol';
import { siteHost } from '../../lib/settings/resolve';
import { send } from '../../utils/messaging';

export function requestMatcher(): Promise<PageSetup> {
  const request = send('matcher', { host: siteHost(location.href) ?? location.hostname, url: location.href });
  request.catch(() => undefined);
  return request;
}
