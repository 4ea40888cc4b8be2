// What the card shows besides the senses: each pack's home (source, maintainer, license), links to
// suggest a fix or a missing term on the pack's GitHub repository (lib/card/suggest.ts), and the
// "updated" note a subscription refresh left on a term until a card has shown it.
import type { IndexEntry } from '../../lib/glossary/compile';
import type { CardExtras } from '../../lib/protocol';
import { githubRepoOf, suggestFixUrl, suggestTermUrl } from '../../lib/card/suggest';
import { normalizePackChanges, normalizeTermUpdates, type PackChange } from '../../lib/settings';
import { changesSeenAtItem, packChangesItem, termUpdatesItem } from '../../utils/storage';
import type { ServiceContext } from './service-context';

/** At most this many "Suggest for <pack>" buttons: the packs preferred here come first. */
const MAX_SUGGEST = 3;

export function createCardExtras(ctx: ServiceContext) {
  /** A pack's importer format (its shape, for templates): a user pack's as imported; bundled packs are YAML packs. */
  const packFacts = async () => {
    const d = await ctx.getData();
    const format = new Map(d.userPacks.map((p) => [p.pack.id, p.format]));
    return { d, format };
  };

  const cardExtras = async (
    senses: readonly IndexEntry[],
    at: { surface?: string; url?: string; activePacks?: readonly string[] },
  ): Promise<CardExtras> => {
    const { d, format } = await packFacts();
    const metas = new Map(d.index.packs.map((m) => [m.id, m]));
    const extras: CardExtras = {};
    const pageUrl = at.url && /^https?:/.test(at.url) ? at.url : undefined;
    const repoOf = (id: string) => {
      const m = metas.get(id);
      return m ? (githubRepoOf(m.source) ?? githubRepoOf(m.homepage)) : null;
    };
    const packHome: NonNullable<CardExtras['packHome']> = {};
    const fixUrls: Record<string, string> = {};
    for (const s of senses) {
      const m = metas.get(s.packId);
      if (!m) continue;
      if (m.source || m.maintainer || m.license) {
        packHome[s.packId] = {
          ...(m.source ? { source: m.source } : {}),
          ...(m.maintainer ? { maintainer: m.maintainer } : {}),
          ...(m.license ? { license: m.license } : {}),
        };
      }
      const repo = repoOf(s.packId);
      if (repo) {
        fixUrls[s.id] = suggestFixUrl({
          repo,
          packName: m.name,
          format: format.get(s.packId) ?? 'pack',
          entry: {
            term: s.term,
            ...(s.qualifier ? { qualifier: s.qualifier } : {}),
            aliases: s.aliases,
            definition: s.definition,
            ...(s.category ? { category: s.category } : {}),
          },
          ...(at.surface ? { surface: at.surface } : {}),
          ...(pageUrl ? { pageUrl } : {}),
        });
      }
    }
    if (Object.keys(packHome).length) extras.packHome = packHome;
    if (Object.keys(fixUrls).length) extras.fixUrls = fixUrls;
    if (senses.length === 0 && at.surface?.trim()) {
      const suggest: NonNullable<CardExtras['suggest']> = [];
      for (const id of at.activePacks ?? []) {
        const repo = repoOf(id);
        const m = metas.get(id);
        if (!repo || !m) continue;
        suggest.push({
          packId: id,
          packName: m.name,
          url: suggestTermUrl({
            repo,
            packName: m.name,
            format: format.get(id) ?? 'pack',
            selected: at.surface,
            ...(pageUrl ? { pageUrl } : {}),
          }),
        });
        if (suggest.length >= MAX_SUGGEST) break;
      }
      if (suggest.length) extras.suggest = suggest;
    }
    if (senses.length) {
      const notes = normalizeTermUpdates(await termUpdatesItem.getValue());
      const updates: Record<string, string> = {};
      for (const s of senses) if (notes[s.id]) updates[s.id] = notes[s.id]!.note;
      if (Object.keys(updates).length) extras.updates = updates;
    }
    return extras;
  };

  /** A card showed these notes: they are not shown again. */
  const seenUpdates = (ids: readonly string[]) =>
    ctx.exclusive(async () => {
      const notes = normalizeTermUpdates(await termUpdatesItem.getValue());
      let changed = false;
      for (const id of ids) {
        if (typeof id === 'string' && notes[id]) {
          delete notes[id];
          changed = true;
        }
      }
      if (changed) await termUpdatesItem.setValue(notes);
    });

  /** The updates since the popup last showed them; `markSeen`: the popup shows them now. */
  const changesSince = async (markSeen: boolean): Promise<{ changes: PackChange[]; since: number }> => {
    const [log, since] = await Promise.all([packChangesItem.getValue().then(normalizePackChanges), changesSeenAtItem.getValue()]);
    const changes = log.filter((c) => c.at > since);
    if (markSeen && changes.length) await changesSeenAtItem.setValue(Math.max(...changes.map((c) => c.at)));
    return { changes, since };
  };

  return { cardExtras, seenUpdates, changesSince };
}
