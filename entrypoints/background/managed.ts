// The organization's policy: read from storage.managed (Chromium's policy file under
// `3rdparty.extensions.<id>`, Firefox's policies.json `3rdParty.Extensions.<id>`), resolved by
// lib/settings/managed.ts, and kept in step with the stored subscriptions: a managed subscription is
// subscribed to on first sight and removed when the policy drops it. The user's own packs are never
// replaced: a managed subscription whose pack id a user pack already has is reported, not stored.
import { browser } from 'wxt/browser';
import type { ManagedInfo } from '../../lib/protocol';
import { isEmptyPolicy, parseManagedPolicy, type ParsedPolicy } from '../../lib/settings';
import { managedAttemptsItem, managedPolicyItem, readSubscriptions, subscriptionsItem } from '../../utils/storage';
import type { Imports } from './imports';
import type { ServiceContext } from './service-context';
import type { Subscriptions } from './subscriptions';

const RETRY_MS = 3_600_000;
/** How often a settings read checks the browser's policy again, in the background. */
const RECHECK_MS = 10_000;

/** storage.managed as the browser has it. No policy installed: Firefox rejects, Chromium answers `{}`. */
async function readManagedRaw(): Promise<Record<string, unknown>> {
  try {
    return ((await browser.storage.managed.get(null)) ?? {}) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export interface PolicySource {
  /** The policy as last read (none before the first read): answers at once. */
  current(): Promise<ParsedPolicy>;
  /** Read storage.managed again; true when the policy differs from the one in use. */
  refresh(): Promise<boolean>;
}

/**
 * The policy, kept in storage.local as last read. Chromium's first storage.managed read after start-up
 * waits for its policy service (seconds): nothing the page needs may wait for that, so the settings use
 * the last known policy (none on the first run) and a fresh read that differs applies as soon as it
 * arrives (the background refreshes at start-up and when the browser reports a change).
 */
export function createPolicySource(onChange: () => void = () => undefined): PolicySource {
  let cached: Promise<Record<string, unknown>> | null = null;
  let checkedAt = -Infinity;
  let inflight: Promise<boolean> | null = null;
  // One read at a time: a change is reported once, however many callers asked.
  const refresh = (): Promise<boolean> =>
    (inflight ??= readOnce().finally(() => {
      inflight = null;
    }));
  const readOnce = async (): Promise<boolean> => {
    checkedAt = Date.now();
    const before = await (cached ?? managedPolicyItem.getValue());
    const raw = await readManagedRaw();
    cached = Promise.resolve(raw);
    if (JSON.stringify(raw) === JSON.stringify(before)) return false;
    await managedPolicyItem.setValue(raw);
    onChange();
    return true;
  };
  return {
    current: async () => {
      cached ??= managedPolicyItem.getValue().then((raw) => raw ?? {});
      // Read again in the background now and then: Chromium may answer before its policy has loaded, and
      // does not always report the policy arriving as a change.
      if (Date.now() - checkedAt > RECHECK_MS) void refresh().catch(() => undefined);
      return parseManagedPolicy(await cached);
    },
    refresh,
  };
}

/** Read storage.managed on every call (tests and callers that need the browser's value now). */
export async function readManagedPolicy(): Promise<ParsedPolicy> {
  return parseManagedPolicy(await readManagedRaw());
}

export function createManaged(
  ctx: ServiceContext,
  { subscribe }: Pick<Subscriptions, 'subscribe'>,
  { removePack }: Pick<Imports, 'removePack'>,
) {
  /** Why the last sync could not store a managed subscription (kept until the next sync). */
  let syncErrors: string[] = [];
  let queue: Promise<unknown> = Promise.resolve();

  const syncOnce = async (force: boolean): Promise<void> => {
    const { managed } = await ctx.getPrefs();
    const { policy } = managed;
    const errors: string[] = [];
    const subs = await readSubscriptions();
    const attempts: Record<string, { at: number; error: string }> = {};
    for (const [url, a] of Object.entries(await managedAttemptsItem.getValue()))
      if (policy.subscriptions.some((m) => m.url === url)) attempts[url] = a;
    for (const m of policy.subscriptions) {
      const existing = subs.find((s) => s.url === m.url);
      if (existing) {
        // The user subscribed to it before the policy did: from now on the organization keeps it.
        if (!existing.managed) {
          await ctx.exclusive(async () => {
            const now = await readSubscriptions();
            await subscriptionsItem.setValue(now.map((s) => (s.url === m.url ? { ...s, managed: true } : s)));
          });
        }
        continue;
      }
      // A glossary that failed to arrive is tried again an hour later, not on every service-worker start.
      const tried = attempts[m.url];
      if (!force && tried && ctx.now() - tried.at < RETRY_MS) {
        errors.push(tried.error);
        continue;
      }
      const result = await subscribe(
        m.url,
        { ...(m.name ? { name: m.name } : {}), ...(m.format ? { format: m.format } : {}) },
        true,
        undefined,
        { managed: true },
      );
      if (result.ok) delete attempts[m.url];
      else {
        const error = result.errors.map((e) => (e.startsWith(m.url) ? e : `${m.url}: ${e}`)).join('\n');
        attempts[m.url] = { at: ctx.now(), error };
        errors.push(error);
      }
    }
    // Subscriptions the policy added and no longer lists go, with their packs: they were never the user's.
    const listed = new Set(policy.subscriptions.map((m) => m.url));
    for (const s of await readSubscriptions()) {
      if (!s.managed || listed.has(s.url)) continue;
      try {
        await removePack(s.packId, true);
      } catch (e) {
        errors.push(`${s.url}: could not remove (${e instanceof Error ? e.message : String(e)})`);
      }
    }
    await managedAttemptsItem.setValue(attempts);
    syncErrors = errors;
    ctx.invalidatePrefs();
  };

  /**
   * Bring the stored subscriptions in line with the policy. Runs one after another: a policy that
   * arrives while a sync of the previous one runs gets its own. `force` (the policy changed) fetches a
   * glossary again even if it failed within the hour.
   */
  const syncManaged = (force = false): Promise<void> => {
    const run = queue.then(() => syncOnce(force));
    queue = run.catch(() => undefined);
    return run;
  };

  const managedInfo = async (): Promise<ManagedInfo> => {
    // The options page is where an admin checks a new policy: read the browser's again first.
    await ctx.refreshPolicy().catch(() => false);
    const { managed } = await ctx.getPrefs();
    const sites = await Promise.all(
      managed.policy.sites.map(async (s) => ({
        ...s,
        granted: await browser.permissions.contains({ origins: [s.origin] }).catch(() => false),
      })),
    );
    return { active: !isEmptyPolicy(managed.policy), policy: managed.policy, errors: [...managed.errors, ...syncErrors], sites };
  };

  return { syncManaged, managedInfo };
}

/**
 * The policy can change while the browser runs (an admin pushes a new one): re-read it and sync.
 * Registered synchronously at start-up, as MV3 requires of event listeners.
 */
export function watchManagedPolicy(onChange: () => void): void {
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') onChange();
  });
}
