// What an organization's administrator sets through the browser's enterprise policies
// (storage.managed): subscriptions, bundled packs on or off, sites turned on, locked settings. Pure:
// the background reads the raw value and resolves it here. A policy is outside input written by hand:
// each entry is checked on its own, a bad one is dropped with an error that names it, and the rest
// still applies. Managed values sit over the user's own settings and never overwrite them in storage:
// `ownSettings` gives back what the user had, so removing a policy restores the user's choices.
import { z } from 'zod';
import { SCOPE_ENTRY } from '../glossary/scope';
import { highlightStyleSchema, hostSchema, type GlobalSettings, type SiteOverrides } from './types';

z.config({ jitless: true });

export const managedSubscriptionSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  /** The pack's name in the extension, in place of the source's title. */
  name: z.string().trim().min(1).max(100).optional(),
  /** Where the pack applies, in place of the pack's own scope. */
  scope: z
    .array(z.string().trim().max(200).regex(SCOPE_ENTRY, 'a scope entry is "*", a host, "github.com/org[/repo]" or a URL pattern'))
    .min(1)
    .max(20)
    .optional(),
  /** How often it is re-fetched, in hours; the user's refresh period otherwise. */
  refreshHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .optional(),
  /** The importer shape (`yaml`, `bold-lines`, `table`…); guessed from the file when omitted. */
  format: z.string().min(1).max(40).optional(),
});
export type ManagedSubscription = z.infer<typeof managedSubscriptionSchema>;

const packId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'a pack id: lowercase letters, digits and "-"')
  .max(64);

/** The settings an administrator can lock: the user's value stays stored but does not apply. */
export const lockedSettingsSchema = z.strictObject({
  style: highlightStyleSchema.optional(),
  firstOnly: z.boolean().optional(),
  refreshHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .optional(),
});
export type LockedSettings = z.infer<typeof lockedSettingsSchema>;
export const LOCKABLE = ['style', 'firstOnly', 'refreshHours'] as const satisfies ReadonlyArray<
  keyof LockedSettings & keyof GlobalSettings
>;

export interface ManagedSite {
  host: string;
  /** The host permission it needs: https unless the policy names http (an internal server without TLS). */
  origin: string;
}

export interface ManagedPolicy {
  subscriptions: ManagedSubscription[];
  /** Bundled packs the organization turns on, and off, for everyone. */
  bundledPacks: { on: string[]; off: string[] };
  /** Hosts where Termlens runs (the company's Grafana, Argo CD): asked for as optional permissions. */
  sites: ManagedSite[];
  locked: LockedSettings;
}

export const EMPTY_POLICY: ManagedPolicy = Object.freeze({
  subscriptions: [],
  bundledPacks: { on: [], off: [] },
  sites: [],
  locked: {},
}) as ManagedPolicy;

export interface ParsedPolicy {
  policy: ManagedPolicy;
  /** One line per entry that was dropped: `subscriptions[1].url: Invalid URL`. */
  errors: string[];
}

const KNOWN_KEYS = new Set(['subscriptions', 'bundledPacks', 'sites', 'locked']);

function issueText(where: string, error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue?.path.length ? `${where}.${issue.path.map(String).join('.')}` : where;
  return `${path}: ${issue?.message ?? 'rejected'}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A site as an admin may write it: "grafana.acme.com", "https://grafana.acme.com/", "http://argocd.internal". */
export function normalizeSite(entry: string): ManagedSite | null {
  const text = entry.trim();
  let host = text.toLowerCase();
  let scheme = 'https';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    try {
      const u = new URL(text);
      if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
      host = u.hostname.toLowerCase();
      scheme = u.protocol.slice(0, -1);
    } catch {
      return null;
    }
  }
  host = host.replace(/\.$/, '');
  if (host.length === 0 || !hostSchema.safeParse(host).success) return null;
  return { host, origin: `${scheme}://${host}/*` };
}

/** The policy as storage.managed holds it (an empty object when none is set). */
export function parseManagedPolicy(raw: unknown): ParsedPolicy {
  const errors: string[] = [];
  const policy: ManagedPolicy = { subscriptions: [], bundledPacks: { on: [], off: [] }, sites: [], locked: {} };
  if (raw === undefined || raw === null) return { policy, errors };
  if (!isRecord(raw)) return { policy, errors: ['the policy must be an object'] };
  for (const key of Object.keys(raw))
    if (!KNOWN_KEYS.has(key)) errors.push(`${key}: not a Termlens policy (known: ${[...KNOWN_KEYS].join(', ')})`);

  const list = (key: string): unknown[] => {
    const v = raw[key];
    if (v === undefined) return [];
    if (Array.isArray(v)) return v;
    errors.push(`${key}: must be a list`);
    return [];
  };

  const seenUrls = new Set<string>();
  list('subscriptions').forEach((entry, i) => {
    const parsed = managedSubscriptionSchema.safeParse(entry);
    if (!parsed.success) return void errors.push(issueText(`subscriptions[${i}]`, parsed.error));
    const url = new URL(parsed.data.url).href;
    if (seenUrls.has(url)) return void errors.push(`subscriptions[${i}].url: ${url} is listed twice`);
    seenUrls.add(url);
    policy.subscriptions.push({ ...parsed.data, url });
  });

  const seenHosts = new Set<string>();
  list('sites').forEach((entry, i) => {
    const site = typeof entry === 'string' ? normalizeSite(entry) : null;
    if (!site) return void errors.push(`sites[${i}]: ${JSON.stringify(entry)} is not a hostname or an http(s) address`);
    if (!seenHosts.has(site.origin)) policy.sites.push(site);
    seenHosts.add(site.origin);
  });

  const bundled = raw.bundledPacks;
  if (bundled !== undefined) {
    if (!isRecord(bundled)) errors.push('bundledPacks: must be an object with "on" and "off" lists');
    else {
      for (const key of Object.keys(bundled))
        if (key !== 'on' && key !== 'off') errors.push(`bundledPacks.${key}: only "on" and "off" lists`);
      for (const side of ['on', 'off'] as const) {
        const v = bundled[side];
        if (v === undefined) continue;
        if (!Array.isArray(v)) {
          errors.push(`bundledPacks.${side}: must be a list of pack ids`);
          continue;
        }
        v.forEach((id, i) => {
          const parsed = packId.safeParse(id);
          if (!parsed.success) return void errors.push(issueText(`bundledPacks.${side}[${i}]`, parsed.error));
          if (side === 'off' && policy.bundledPacks.on.includes(parsed.data))
            return void errors.push(`bundledPacks.off[${i}]: "${parsed.data}" is also in "on"`);
          if (!policy.bundledPacks[side].includes(parsed.data)) policy.bundledPacks[side].push(parsed.data);
        });
      }
    }
  }

  const locked = raw.locked;
  if (locked !== undefined) {
    if (!isRecord(locked)) errors.push('locked: must be an object');
    else {
      for (const key of Object.keys(locked)) {
        const field = lockedSettingsSchema.shape[key as keyof LockedSettings] as z.ZodType | undefined;
        if (!field) {
          errors.push(`locked.${key}: not a setting that can be locked (${LOCKABLE.join(', ')})`);
          continue;
        }
        const parsed = field.safeParse(locked[key]);
        if (!parsed.success) errors.push(issueText(`locked.${key}`, parsed.error));
        else Object.assign(policy.locked, { [key]: parsed.data });
      }
    }
  }
  return { policy, errors };
}

/** A policy with nothing in it: the extension behaves as if unmanaged. */
export function isEmptyPolicy(p: ManagedPolicy): boolean {
  return (
    p.subscriptions.length === 0 &&
    p.sites.length === 0 &&
    p.bundledPacks.on.length === 0 &&
    p.bundledPacks.off.length === 0 &&
    Object.keys(p.locked).length === 0
  );
}

/** The pack id of each managed subscription (from the stored subscriptions), by URL. */
export type ManagedPackIds = Readonly<Record<string, string>>;

/** Packs whose on/off state or scope the organization sets. */
export function managedPackIds(
  policy: ManagedPolicy,
  packIds: ManagedPackIds,
): { onOff: Set<string>; scope: Map<string, string[]>; subscribed: Set<string> } {
  const onOff = new Set([...policy.bundledPacks.on, ...policy.bundledPacks.off]);
  const scope = new Map<string, string[]>();
  const subscribed = new Set<string>();
  for (const s of policy.subscriptions) {
    const id = packIds[s.url];
    if (!id) continue;
    subscribed.add(id);
    if (s.scope) scope.set(id, s.scope);
  }
  return { onOff, scope, subscribed };
}

/** The settings in effect: the user's, with the organization's values over them. */
export function effectiveSettings(own: GlobalSettings, policy: ManagedPolicy, packIds: ManagedPackIds): GlobalSettings {
  if (isEmptyPolicy(policy)) return own;
  const disabled = new Set(own.disabledPacks);
  for (const id of policy.bundledPacks.on) disabled.delete(id);
  for (const id of policy.bundledPacks.off) disabled.add(id);
  const { scope } = managedPackIds(policy, packIds);
  // A managed subscription's pack is on: the organization subscribed everyone to it.
  for (const s of policy.subscriptions) if (packIds[s.url]) disabled.delete(packIds[s.url]!);
  const out: GlobalSettings = { ...own, ...policy.locked, disabledPacks: [...disabled] };
  if (scope.size > 0) out.packScopes = { ...own.packScopes, ...Object.fromEntries(scope) };
  return out;
}

/**
 * What to store after a change computed from the effective settings: the change, with every managed
 * value put back to the user's own. A locked setting, a managed pack's on/off state and scope stay as
 * the user had them, so they come back when the organization lets go.
 */
export function ownSettings(next: GlobalSettings, own: GlobalSettings, policy: ManagedPolicy, packIds: ManagedPackIds): GlobalSettings {
  if (isEmptyPolicy(policy)) return next;
  const out: GlobalSettings = { ...next };
  for (const key of LOCKABLE) if (policy.locked[key] !== undefined) Object.assign(out, { [key]: own[key] });
  const { onOff, scope, subscribed } = managedPackIds(policy, packIds);
  const fixed = new Set([...onOff, ...subscribed]);
  const ownOff = new Set(own.disabledPacks);
  out.disabledPacks = [...next.disabledPacks.filter((id) => !fixed.has(id)), ...[...fixed].filter((id) => ownOff.has(id))];
  if (scope.size > 0 || next.packScopes !== undefined) {
    const scopes = { ...next.packScopes };
    for (const id of scope.keys()) {
      if (own.packScopes?.[id]) scopes[id] = own.packScopes[id];
      else delete scopes[id];
    }
    if (Object.keys(scopes).length > 0 || own.packScopes !== undefined) out.packScopes = scopes;
    else delete out.packScopes;
  }
  return out;
}

/** Locked settings a site may also override: the lock holds on every site. */
const SITE_LOCKABLE = ['style', 'firstOnly'] as const;

/** The site overrides in effect: a site the organization turns on cannot be off; a locked setting has no per-site value. */
export function effectiveSites(own: SiteOverrides, policy: ManagedPolicy): SiteOverrides {
  const locked = SITE_LOCKABLE.filter((k) => policy.locked[k] !== undefined);
  if (policy.sites.length === 0 && locked.length === 0) return own;
  const out: SiteOverrides = { ...own };
  if (locked.length) {
    for (const [host, site] of Object.entries(out)) {
      if (!locked.some((k) => site[k] !== undefined)) continue;
      const copy = { ...site };
      for (const k of locked) delete copy[k];
      out[host] = copy;
    }
  }
  for (const { host } of policy.sites) {
    const site = out[host];
    if (site?.enabled === false) {
      const { enabled: _enabled, ...rest } = site;
      out[host] = rest;
    }
  }
  return out;
}

/** What to store after a change computed from the effective sites: managed hosts keep the user's own `enabled`, every site its own locked values. */
export function ownSites(next: SiteOverrides, own: SiteOverrides, policy: ManagedPolicy): SiteOverrides {
  const locked = SITE_LOCKABLE.filter((k) => policy.locked[k] !== undefined);
  if (policy.sites.length === 0 && locked.length === 0) return next;
  const out: SiteOverrides = { ...next };
  for (const k of locked) {
    for (const [host, site] of Object.entries(own)) {
      if (site[k] === undefined) continue;
      out[host] = { ...out[host], [k]: site[k] };
    }
  }
  for (const { host } of policy.sites) {
    if (own[host]?.enabled !== false) continue;
    out[host] = { ...out[host], enabled: false };
  }
  return out;
}

/** The managed subscription for a URL, if the organization set one. */
export function managedSubscriptionFor(policy: ManagedPolicy, url: string): ManagedSubscription | undefined {
  let href = url;
  try {
    href = new URL(url).href;
  } catch {
    return undefined;
  }
  return policy.subscriptions.find((s) => s.url === href);
}
