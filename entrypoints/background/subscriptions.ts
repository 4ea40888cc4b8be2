// Subscriptions: a glossary fetched from a URL, stored as a user pack and refreshed on an alarm.
// Whatever goes wrong on a refresh, the last good pack stays and the error is recorded on it.
import { browser } from 'wxt/browser';
import { githubAnswerProblem, githubFile } from '../../lib/glossary/github-file';
import { isTextType, MAX_GLOSSARY_BYTES, sizeProblem } from '../../lib/glossary/limits';
import type { Comparison } from '../../lib/glossary/import-job';
import type { ImportOptions, ImportPreview, ImportResult } from '../../lib/protocol';
import {
  appendChange,
  managedSubscriptionFor,
  mergeNotes,
  normalizePackChanges,
  normalizeTermUpdates,
  type Subscription,
} from '../../lib/settings';
import { packChangesItem, readSubscriptions, subscriptionsItem, termUpdatesItem } from '../../utils/storage';
import { workerProblem, type Imports } from './imports';
import { replacePack, type Prefs, type ServiceContext } from './service-context';

export const REFRESH_ALARM = 'termlens:refresh-subscriptions';
/** A subscribed file larger than this is refused (lib/glossary/limits.ts). */
export const MAX_SUBSCRIPTION_BYTES = MAX_GLOSSARY_BYTES;

/**
 * The body as text, read as it arrives and dropped at the limit: a large or endless body (or a
 * compressed one that inflates without end) is never held whole. Counted in bytes on the wire after
 * decompression, as the limit says.
 */
async function readCapped(url: string, res: Response): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  const early = Number.isFinite(declared) ? sizeProblem(url, declared) : null;
  if (early) {
    await res.body?.cancel().catch(() => undefined);
    throw new Error(early);
  }
  if (!res.body) return res.text();
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let bytes = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    const problem = sizeProblem(url, bytes, true);
    if (problem) {
      await reader.cancel().catch(() => undefined);
      throw new Error(problem);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
const FETCH_TIMEOUT_MS = 20_000;

export function createSubscriptions(ctx: ServiceContext, { runImport, previewOf }: Pick<Imports, 'runImport' | 'previewOf'>) {
  const fetchText = async (url: string): Promise<string> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), FETCH_TIMEOUT_MS);
    try {
      // A file on github.com is read with the user's session (a private repository's file too); any
      // other URL without credentials.
      const github = githubFile(url);
      const res = await ctx.fetchImpl(github?.raw ?? url, {
        signal: controller.signal,
        cache: 'no-store',
        credentials: github ? 'include' : 'omit',
        redirect: 'follow',
      });
      const problem =
        github && githubAnswerProblem(github, { status: res.status, url: res.url, contentType: res.headers.get('content-type') ?? '' });
      if (problem) throw new Error(`${url}: ${problem}`);
      if (!res.ok) throw new Error(`${url}: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
      const type = res.headers.get('content-type') ?? '';
      if (!isTextType(type)) throw new Error(`${url}: the server sent ${type.split(';')[0]}, not a text file: not a glossary`);
      return await readCapped(url, res);
    } catch (e) {
      if (controller.signal.aborted) throw new Error(`${url}: no answer within ${FETCH_TIMEOUT_MS / 1000} s`);
      if (e instanceof Error && e.message.startsWith(url)) throw e;
      const reason = e instanceof Error ? e.message : String(e);
      if (githubFile(url))
        throw new Error(
          `${url}: could not fetch (${reason}). GitHub serves repository files from raw.githubusercontent.com, which Termlens needs access to.`,
        );
      throw new Error(`${url}: could not fetch (${reason})`);
    } finally {
      clearTimeout(timer);
    }
  };

  const checkUrl = (url: string): string => {
    let parsed: URL;
    try {
      parsed = new URL(url.trim());
    } catch {
      throw new Error(`"${url}" is not a URL`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`${url}: only http(s) URLs can be subscribed to`);
    return parsed.href;
  };

  /** What a user decides on in a preview: the pack, whether it replaces one, and what changes. */
  const decisionOf = (p: ImportPreview) => JSON.stringify([p.pack, p.replaces, p.added, p.removed, p.changed]);

  /** `managed`: the organization's policy subscribes; it never replaces a pack the user has from elsewhere. */
  const subscribe = async (
    rawUrl: string,
    opts: ImportOptions | undefined,
    commit: boolean,
    previewed?: ImportPreview,
    by?: { managed?: boolean },
  ): Promise<ImportResult> => {
    let url: string;
    let text: string;
    try {
      url = checkUrl(rawUrl);
      text = await fetchText(url);
    } catch (e) {
      return { ok: false, errors: [e instanceof Error ? e.message : String(e)] };
    }
    const job = await runImport({ kind: 'text', name: url, text }, opts, { source: url });
    const { imported } = job;
    if (!imported.ok) return imported;
    return ctx
      .exclusive(async (): Promise<ImportResult> => {
        const d = await ctx.getData();
        const existing = d.userPacks.find((p) => p.pack.id === imported.pack.id);
        const existingSub = (await readSubscriptions()).find((s) => s.packId === imported.pack.id);
        if (by?.managed && existing && !(existing.origin.kind === 'subscription' && existing.origin.url === url)) {
          return { ok: false, errors: [`${url}: its pack id "${imported.pack.id}" is a pack of yours already; it was left as it is`] };
        }
        if (!by?.managed && existingSub?.managed && existingSub.url !== url) {
          return { ok: false, errors: [`${url}: its pack id "${imported.pack.id}" belongs to a subscription set by your organization`] };
        }
        let preview: ImportPreview;
        try {
          preview = await previewOf(job, imported, existing?.pack);
        } catch (e) {
          return { ok: false, errors: [workerProblem(url, e)] };
        }
        if (!commit) return { ok: true, preview, committed: false };
        // The file is fetched again to commit: if it reads differently now (edited upstream, or another
        // pack id that would replace one of the user's), the user has not seen what would be stored.
        if (previewed && decisionOf(previewed) !== decisionOf(preview)) {
          return { ok: false, errors: [`${url}: the file changed since the preview; nothing was stored. Preview it again.`] };
        }
        const t = ctx.now();
        await ctx.writeUserPacks(
          replacePack(d.userPacks, { pack: imported.pack, origin: { kind: 'subscription', url }, format: imported.format, importedAt: t }),
        );
        const subs = (await readSubscriptions()).filter((s) => s.packId !== imported.pack.id);
        subs.push({
          url,
          packId: imported.pack.id,
          ...(opts?.format ? { format: opts.format } : {}),
          ...(opts?.name ? { name: opts.name } : {}),
          addedAt: t,
          checkedAt: t,
          updatedAt: t,
          ...(by?.managed || existingSub?.managed ? { managed: true } : {}),
        });
        await subscriptionsItem.setValue(subs);
        await scheduleRefresh();
        return { ok: true, preview, committed: true };
      })
      .finally(job.release);
  };

  /** Re-fetch one subscription. Whatever goes wrong, the last good pack stays and the error is recorded. */
  const refreshSubscription = async (packId: string): Promise<{ ok: boolean; subscription: Subscription; changed: boolean }> => {
    const sub = (await readSubscriptions()).find((s) => s.packId === packId);
    if (!sub) throw new Error(`no subscription for pack "${packId}"`);
    // The pack keeps its id, and the name the user gave it, whatever the source's title says.
    const optionsOf = (s: Subscription): ImportOptions => ({
      id: packId,
      ...(s.format ? { format: s.format } : {}),
      ...(s.name ? { name: s.name } : {}),
    });
    const read = async (s: Subscription, text: string) => runImport({ kind: 'text', name: s.url, text }, optionsOf(s), { source: s.url });
    let fetched: { ok: true; text: string } | { ok: false; error: string };
    try {
      fetched = { ok: true, text: await fetchText(sub.url) };
    } catch (e) {
      fetched = { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    // Read before the queue, as a file import is.
    let job = fetched.ok ? await read(sub, fetched.text) : null;
    return ctx
      .exclusive(async () => {
        const t = ctx.now();
        const subs = await readSubscriptions();
        const current = subs.find((s) => s.packId === packId);
        if (!current) throw new Error(`no subscription for pack "${packId}"`);
        const save = async (next: Subscription) => {
          await subscriptionsItem.setValue(subs.map((s) => (s.packId === packId ? next : s)));
          return next;
        };
        if (!fetched.ok) return { ok: false, changed: false, subscription: await save({ ...current, checkedAt: t, error: fetched.error }) };
        // Its shape or name was changed meanwhile: read it as it says now.
        if (current.url !== sub.url || JSON.stringify(optionsOf(current)) !== JSON.stringify(optionsOf(sub))) {
          job?.release();
          job = await read(current, fetched.text);
        }
        const imported = job!.imported;
        if (!imported.ok)
          return { ok: false, changed: false, subscription: await save({ ...current, checkedAt: t, error: imported.errors.join('\n') }) };
        const d = await ctx.getData();
        const old = d.userPacks.find((p) => p.pack.id === packId);
        let comparison: Comparison | null;
        try {
          comparison = old ? await job!.compare(old.pack, t) : null;
        } catch (e) {
          return {
            ok: false,
            changed: false,
            subscription: await save({ ...current, checkedAt: t, error: workerProblem(current.url, e) }),
          };
        }
        // Stored whenever anything differs: the diff is for people and does not see every change that
        // matters to matching (an alias's letter case, a site id, a term id, the pack's description).
        const changed = !comparison?.same;
        const { error: _error, ...rest } = current;
        if (changed) {
          await ctx.writeUserPacks(
            replacePack(d.userPacks, {
              pack: imported.pack,
              origin: { kind: 'subscription', url: current.url },
              format: imported.format,
              importedAt: t,
            }),
          );
          const lastDiff = !comparison
            ? ''
            : comparison.shown > 0 || old?.pack.version !== imported.pack.version
              ? comparison.diff
              : 'Changed in letter case, ids or the pack details only.';
          // What changed, for the next card of each changed term and the popup's list (shown once).
          if (comparison?.update)
            await recordChanges(comparison.update, t).catch((e: unknown) =>
              console.warn('Termlens: could not record what an update changed', e),
            );
          return { ok: true, changed, subscription: await save({ ...rest, checkedAt: t, updatedAt: t, lastDiff }) };
        }
        return { ok: true, changed, subscription: await save({ ...rest, checkedAt: t }) };
      })
      .finally(() => job?.release());
  };

  /** Record on a subscription why its refresh failed (as refreshSubscription records a bad fetch). */
  const recordRefreshError = (packId: string, error: unknown) =>
    ctx.exclusive(async () => {
      const subs = await readSubscriptions();
      // Removed meanwhile: nothing to record it on.
      if (!subs.some((s) => s.packId === packId)) return;
      const message = error instanceof Error ? error.message : String(error);
      await subscriptionsItem.setValue(subs.map((s) => (s.packId === packId ? { ...s, checkedAt: ctx.now(), error: message } : s)));
    });

  /** The alarm's work: refresh every subscription not checked within the period. */
  const refreshDue = async (): Promise<number> => {
    const [p, subs] = await Promise.all([ctx.getPrefs(), readSubscriptions()]);
    let n = 0;
    for (const s of subs) {
      const period = hoursFor(p, s.url) * 3_600_000;
      if (s.checkedAt !== undefined && ctx.now() - s.checkedAt < period * 0.9) continue;
      try {
        await refreshSubscription(s.packId);
      } catch (error) {
        // One failure (a full storage, a subscription removed meanwhile) must not hold back the others.
        await recordRefreshError(s.packId, error).catch((e: unknown) => console.warn('Termlens: could not record a refresh failure', e));
      }
      n++;
    }
    return n;
  };

  /**
   * One periodic alarm while there are subscriptions. An existing alarm with the same period is kept:
   * re-creating it on every service-worker start would push it back forever.
   */
  const scheduleRefresh = async (): Promise<void> => {
    const [p, subs] = await Promise.all([ctx.getPrefs(), readSubscriptions()]);
    if (subs.length === 0) {
      await browser.alarms.clear(REFRESH_ALARM);
      return;
    }
    // The shortest period asked for: a managed subscription may want refreshes more often than the rest.
    const periodInMinutes = Math.min(...subs.map((s) => hoursFor(p, s.url))) * 60;
    const existing = await browser.alarms.get(REFRESH_ALARM);
    if (existing?.periodInMinutes === periodInMinutes) return;
    await browser.alarms.create(REFRESH_ALARM, { periodInMinutes, delayInMinutes: periodInMinutes });
  };

  return { subscribe, refreshSubscription, refreshDue, scheduleRefresh };
}

export type Subscriptions = ReturnType<typeof createSubscriptions>;

async function recordChanges({ notes, change }: NonNullable<Comparison['update']>, at: number): Promise<void> {
  if (!change) return;
  const packId = change.packId;
  await termUpdatesItem.setValue(mergeNotes(normalizeTermUpdates(await termUpdatesItem.getValue()), packId, notes, at));
  await packChangesItem.setValue(appendChange(normalizePackChanges(await packChangesItem.getValue()), change));
}

/** A subscription's refresh period: the policy's for a managed one, else the user's setting. */
function hoursFor(p: Prefs, url: string): number {
  return managedSubscriptionFor(p.managed.policy, url)?.refreshHours ?? p.settings.refreshHours;
}
