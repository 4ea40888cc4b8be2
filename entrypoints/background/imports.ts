// Importing a glossary file into a user pack: run the importer, validate, preview what changes
// against the stored pack of the same id, and store it (or remove a user pack).
import { sizeProblem, utf8Bytes } from '../../lib/glossary/limits';
import { defaultScope } from '../../lib/glossary/scope';
import { diffPacks, formatDiff } from '../../lib/glossary/diff';
import { importGlossary, type FormatName } from '../../lib/glossary/importers';
import { packSchema, type Pack } from '../../lib/glossary/schema';
import type { ImportOptions, ImportPreview, ImportResult, ImportSource } from '../../lib/protocol';
import { recompactSites, type SiteOverrides, type StoredPack } from '../../lib/settings';
import { readSubscriptions, subscriptionsItem } from '../../utils/storage';
import { headword, replacePack, type ServiceContext } from './service-context';

/** An importer's message as separate errors, one per line, with indented lines kept under the line they belong to. */
export function errorsOf(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    if (/^\s/.test(line) && out.length > 0) out[out.length - 1] += `\n${line}`;
    else out.push(line);
  }
  return out;
}

export type Imported = { ok: true; pack: Pack; format: string; warnings: string[] } | { ok: false; errors: string[] };

export function createImports(ctx: ServiceContext) {
  const runImport = (source: ImportSource, opts: ImportOptions = {}, extra: { source?: string } = {}): Imported => {
    const result = importGlossary(source, {
      ...(opts.format ? { format: opts.format as FormatName | 'auto' } : {}),
      ...(opts.id ? { id: opts.id } : {}),
      ...(opts.name ? { name: opts.name } : {}),
      ...(extra.source ? { source: extra.source } : {}),
    });
    if (!result.ok) return { ok: false, errors: errorsOf(result.error) };
    // The importer validated it; this parse applies the schema's defaults for storage.
    const parsed = packSchema.safeParse(result.pack);
    if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => `${source.name}: ${i.path.join('.')}: ${i.message}`) };
    if (ctx.bundledIds.has(parsed.data.id)) {
      return { ok: false, errors: [`${source.name}: the pack id "${parsed.data.id}" belongs to a bundled pack: give this one another id`] };
    }
    // A glossary fetched from a repository belongs there unless it says otherwise.
    const scope = parsed.data.scope ?? (extra.source ? defaultScope(extra.source, result.format) : undefined);
    return { ok: true, pack: scope ? { ...parsed.data, scope } : parsed.data, format: result.format, warnings: result.warnings };
  };

  const previewOf = (imported: Extract<Imported, { ok: true }>, existing?: Pack): ImportPreview => {
    const { pack } = imported;
    const base = {
      pack: { id: pack.id, name: pack.name, version: pack.version, termCount: pack.terms.length },
      format: imported.format,
      warnings: imported.warnings,
    };
    if (!existing) return { ...base, replaces: false, added: pack.terms.map(headword), removed: [], changed: [], diff: '' };
    const diff = diffPacks(existing, pack);
    return {
      ...base,
      replaces: true,
      added: diff.added.map(headword),
      removed: diff.removed.map(headword),
      changed: diff.changed.map((c) => c.term),
      diff: formatDiff(diff),
    };
  };

  const importPack = (source: ImportSource, opts: ImportOptions | undefined, commit: boolean): Promise<ImportResult> =>
    ctx.exclusive(async () => {
      // The same limit as a subscription's: checked here too, as a message can come from anywhere.
      const bytes = source.kind === 'text' ? utf8Bytes(source.text) : source.files.reduce((n, f) => n + utf8Bytes(f.text), 0);
      const tooLarge = sizeProblem(source.name, bytes);
      if (tooLarge) return { ok: false, errors: [tooLarge] };
      const imported = runImport(source, opts);
      if (!imported.ok) return imported;
      const d = await ctx.getData();
      const existing = d.userPacks.find((p) => p.pack.id === imported.pack.id);
      if ((await readSubscriptions()).some((s) => s.packId === imported.pack.id && s.managed)) {
        return {
          ok: false,
          errors: [
            `${source.name}: its pack id "${imported.pack.id}" belongs to a subscription set by your organization; import it under another id`,
          ],
        };
      }
      const preview = previewOf(imported, existing?.pack);
      if (!commit) return { ok: true, preview, committed: false };
      const record: StoredPack = {
        pack: imported.pack,
        origin: { kind: 'file', name: source.name },
        format: imported.format,
        importedAt: ctx.now(),
      };
      await ctx.writeUserPacks(replacePack(d.userPacks, record));
      // A file import replaces a subscribed pack of the same id: the subscription would overwrite it.
      const subs = await readSubscriptions();
      if (subs.some((s) => s.packId === record.pack.id)) {
        await subscriptionsItem.setValue(subs.filter((s) => s.packId !== record.pack.id));
        await ctx.scheduleRefresh();
      }
      return { ok: true, preview, committed: true };
    });

  /** `byPolicy`: the organization's policy dropped the subscription; a user cannot remove a managed one. */
  const removePack = (id: string, byPolicy = false) =>
    ctx.exclusive(async () => {
      if (ctx.bundledIds.has(id)) throw new Error(`"${id}" is a bundled pack: it can be turned off, not removed`);
      const [d, p, subs] = await Promise.all([ctx.getData(), ctx.getPrefs(), readSubscriptions()]);
      if (!byPolicy && subs.some((s) => s.packId === id && s.managed))
        throw new Error(`"${id}" is set by your organization: it cannot be removed here`);
      if (!d.userPacks.some((s) => s.pack.id === id)) throw new Error(`no user pack "${id}"`);
      await ctx.writeUserPacks(d.userPacks.filter((s) => s.pack.id !== id));
      await subscriptionsItem.setValue(subs.filter((s) => s.packId !== id));
      const settings = {
        ...p.settings,
        disabledPacks: p.settings.disabledPacks.filter((x) => x !== id),
        packOrder: p.settings.packOrder.filter((x) => x !== id),
      };
      const sites: SiteOverrides = {};
      for (const [host, site] of Object.entries(p.sites)) {
        sites[host] = {
          ...site,
          ...(site.packsOn ? { packsOn: site.packsOn.filter((x) => x !== id) } : {}),
          ...(site.packsOff ? { packsOff: site.packsOff.filter((x) => x !== id) } : {}),
        };
      }
      await ctx.writeSettings(p, settings, recompactSites(settings, sites));
      await ctx.scheduleRefresh();
    });

  return { runImport, previewOf, importPack, removePack };
}

export type Imports = ReturnType<typeof createImports>;
