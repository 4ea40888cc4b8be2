// Importing a glossary file into a user pack: read and validate it in the import Worker
// (lib/glossary/import-job.ts), preview what changes against the stored pack of the same id, and
// store it (or remove a user pack). Only the storage reads and writes run on the background's thread.
import { sizeProblem, utf8Bytes } from '../../lib/glossary/limits';
import { errorsOf, type Imported, type ImportJob } from '../../lib/glossary/import-job';
import type { Pack } from '../../lib/glossary/schema';
import type { ImportOptions, ImportPreview, ImportResult, ImportSource } from '../../lib/protocol';
import { recompactSites, type SiteOverrides, type StoredPack } from '../../lib/settings';
import { readSubscriptions, subscriptionsItem } from '../../utils/storage';
import { headword, replacePack, type ServiceContext } from './service-context';

export { errorsOf, type Imported };

/** Why an import stopped when its Worker did (crashed, out of memory): nothing was stored. */
export function workerProblem(name: string, e: unknown): string {
  return `${name}: could not be read (${e instanceof Error ? e.message : String(e)}). Nothing was stored; try again.`;
}

export function createImports(ctx: ServiceContext) {
  /** Read a file in the import Worker. The job holds the pack there until `release`. */
  const runImport = async (source: ImportSource, opts: ImportOptions = {}, extra: { source?: string } = {}): Promise<ImportJob> => {
    try {
      return await ctx.jobs.import({
        source,
        options: opts,
        ...(extra.source ? { sourceUrl: extra.source } : {}),
        reservedIds: [...ctx.bundledIds],
      });
    } catch (e) {
      const imported: Imported = { ok: false, errors: [workerProblem(source.name, e)] };
      return { imported, compare: () => Promise.reject(new Error(imported.errors[0])), release: () => undefined };
    }
  };

  /** What storing the pack would change: against the stored pack of its id, diffed in the Worker. */
  const previewOf = async (job: ImportJob, imported: Extract<Imported, { ok: true }>, existing?: Pack): Promise<ImportPreview> => {
    const { pack } = imported;
    const base = {
      pack: { id: pack.id, name: pack.name, version: pack.version, termCount: pack.terms.length },
      format: imported.format,
      warnings: imported.warnings,
    };
    if (!existing) return { ...base, replaces: false, added: pack.terms.map(headword), removed: [], changed: [], diff: '' };
    const { added, removed, changed, diff } = await job.compare(existing);
    return { ...base, replaces: true, added, removed, changed, diff };
  };

  // The file is read before the queue: the storage changes of other messages need not wait for the parse.
  const importPack = async (source: ImportSource, opts: ImportOptions | undefined, commit: boolean): Promise<ImportResult> => {
    // The same limit as a subscription's: checked here too, as a message can come from anywhere.
    const bytes = source.kind === 'text' ? utf8Bytes(source.text) : source.files.reduce((n, f) => n + utf8Bytes(f.text), 0);
    const tooLarge = sizeProblem(source.name, bytes);
    if (tooLarge) return { ok: false, errors: [tooLarge] };
    const job = await runImport(source, opts);
    try {
      return await ctx.exclusive(() => store(source, job, commit));
    } finally {
      job.release();
    }
  };

  const store = async (source: ImportSource, job: ImportJob, commit: boolean): Promise<ImportResult> => {
    const { imported } = job;
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
    let preview: ImportPreview;
    try {
      preview = await previewOf(job, imported, existing?.pack);
    } catch (e) {
      return { ok: false, errors: [workerProblem(source.name, e)] };
    }
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
  };

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
