// An import's pure work, and the protocol that runs it in a dedicated Worker. Parsing a glossary of
// megabytes (one Markdown parse, one YAML parse of the emitted pack) is a few indivisible calls of
// seconds: on the background's own thread they would hold every look-up and every new tab's matcher
// until done. The background hands the work to a Worker (entrypoints/import-worker.ts) and stays free.
// Everything crossing the boundary is plain data (structured clone, or JSON through a runtime port).
import { recordUpdate, type PackChange, type TermUpdates } from '../settings/updates';
import type { ImportOptions as MessageImportOptions, ImportSource } from '../protocol';
import { compileIndex } from './compile';
import { diffPacks, formatDiff, termLabel } from './diff';
import { importGlossary, type FormatName } from './importers';
import { packSchema, type Pack } from './schema';
import { defaultScope } from './scope';

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

export interface ImportRequest {
  source: ImportSource;
  options: MessageImportOptions;
  /** The URL a subscription fetched it from. */
  sourceUrl?: string;
  /** Pack ids the import may not take (the bundled packs'). */
  reservedIds: readonly string[];
}

export type Imported = { ok: true; pack: Pack; format: string; warnings: string[] } | { ok: false; errors: string[] };

/** Read, validate and give defaults to an import: what the background stores, or why it refuses. */
export function runImport(request: ImportRequest): Imported {
  const { source, options: opts, sourceUrl } = request;
  const result = importGlossary(source, {
    ...(opts.format ? { format: opts.format as FormatName | 'auto' } : {}),
    ...(opts.id ? { id: opts.id } : {}),
    ...(opts.name ? { name: opts.name } : {}),
    ...(sourceUrl ? { source: sourceUrl } : {}),
  });
  if (!result.ok) return { ok: false, errors: errorsOf(result.error) };
  // The importer validated it; this parse applies the schema's defaults for storage.
  const parsed = packSchema.safeParse(result.pack);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => `${source.name}: ${i.path.join('.')}: ${i.message}`) };
  if (request.reservedIds.includes(parsed.data.id)) {
    return { ok: false, errors: [`${source.name}: the pack id "${parsed.data.id}" belongs to a bundled pack: give this one another id`] };
  }
  // A glossary fetched from a repository belongs there unless it says otherwise.
  const scope = parsed.data.scope ?? (sourceUrl ? defaultScope(sourceUrl, result.format) : undefined);
  return { ok: true, pack: scope ? { ...parsed.data, scope } : parsed.data, format: result.format, warnings: result.warnings };
}

/** What an imported pack changes against the stored pack of its id. */
export interface Comparison {
  /** Equal as stored: the diff is for people and misses changes that matter to matching (letter case, ids). */
  same: boolean;
  added: string[];
  removed: string[];
  changed: string[];
  /** Terms shown in the diff, reformatted ones included. */
  shown: number;
  /** The diff as `formatDiff` prints it. */
  diff: string;
  /** What a subscription's update records for the cards and the popup (`at` given). */
  update?: { notes: TermUpdates; change: PackChange | null };
}

export function compare(old: Pack, next: Pack, at?: number): Comparison {
  const diff = diffPacks(old, next);
  return {
    same: JSON.stringify(old) === JSON.stringify(next),
    added: diff.added.map(termLabel),
    removed: diff.removed.map(termLabel),
    changed: diff.changed.map((c) => c.term),
    shown: diff.added.length + diff.removed.length + diff.changed.length + diff.reformatted.length,
    diff: formatDiff(diff),
    ...(at !== undefined ? { update: recordUpdate(diff, next, compileIndex([next]).entries, at) } : {}),
  };
}

// The protocol. An import is two requests: `import` reads the file; once the background knows the
// pack id, `compare` diffs the stored pack of that id against the pack the Worker still holds, so the
// new pack crosses the boundary once. `release` lets the Worker drop it.

export type JobRequest =
  | { job: number; kind: 'import'; request: ImportRequest }
  | { job: number; kind: 'compare'; of: number; old: Pack; at?: number }
  | { job: number; kind: 'release' };

export type JobReply =
  | { job: number; kind: 'imported'; imported: Imported }
  | { job: number; kind: 'compared'; comparison: Comparison }
  | { job: number; kind: 'failed'; error: string };

/** The Worker's side: answers each request; holds the packs of imports not yet released. */
export function createJobHost() {
  const held = new Map<number, Pack>();
  return (message: JobRequest): JobReply | null => {
    const { job } = message;
    try {
      switch (message.kind) {
        case 'import': {
          const imported = runImport(message.request);
          if (imported.ok) held.set(job, imported.pack);
          return { job, kind: 'imported', imported };
        }
        case 'compare': {
          const next = held.get(message.of);
          if (!next) return { job, kind: 'failed', error: `import ${message.of} is not held` };
          return { job, kind: 'compared', comparison: compare(message.old, next, message.at) };
        }
        case 'release':
          held.delete(job);
          return null;
      }
    } catch (e) {
      return { job, kind: 'failed', error: e instanceof Error ? e.message : String(e) };
    }
  };
}

/** A channel to a Worker: what sends a request, and where replies and the end of the channel arrive. */
export interface JobChannel {
  post(message: JobRequest): void;
  /** Called once with the function to give each reply to, and the one to call when the Worker is gone. */
  listen(onReply: (reply: JobReply) => void, onGone: (why: string) => void): void;
  close(): void;
}

/** One import in the Worker: its pack stays there until `release`. */
export interface ImportJob {
  imported: Imported;
  compare(old: Pack, at?: number): Promise<Comparison>;
  release(): void;
}

export interface JobClient {
  import(request: ImportRequest): Promise<ImportJob>;
  /** Requests not yet answered. */
  pending(): number;
}

/**
 * The background's side. `open` makes a channel when none is open (a Worker is started on demand,
 * and again after it died); a channel that ends fails the requests it had, which the caller reports
 * as the import's error: nothing was stored.
 */
export function createJobClient(open: () => Promise<JobChannel>): JobClient {
  let channel: Promise<JobChannel> | null = null;
  /** The open channel, once opened: an import's pack is held by the Worker behind it, no other. */
  let live: JobChannel | null = null;
  let next = 1;
  const waiting = new Map<number, { resolve: (reply: JobReply) => void; reject: (error: Error) => void }>();

  const connect = (): Promise<JobChannel> => {
    if (channel) return channel;
    const opening = open().then((c) => {
      c.listen(
        (reply) => {
          const w = waiting.get(reply.job);
          if (!w) return;
          waiting.delete(reply.job);
          w.resolve(reply);
        },
        (why) => {
          if (channel === opening) channel = null;
          if (live === c) live = null;
          const failed = [...waiting.values()];
          waiting.clear();
          for (const w of failed) w.reject(new Error(why));
        },
      );
      live = c;
      return c;
    });
    channel = opening;
    opening.catch(() => {
      if (channel === opening) channel = null;
    });
    return opening;
  };

  const ask = (c: JobChannel, message: JobRequest): Promise<JobReply> =>
    new Promise<JobReply>((resolve, reject) => {
      waiting.set(message.job, { resolve, reject });
      try {
        c.post(message);
      } catch (e) {
        waiting.delete(message.job);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });

  return {
    pending: () => waiting.size,
    import: async (request) => {
      const job = next++;
      const c = await connect();
      const reply = await ask(c, { job, kind: 'import', request });
      if (reply.kind === 'failed') throw new Error(reply.error);
      if (reply.kind !== 'imported') throw new Error(`import ${job}: unexpected reply ${reply.kind}`);
      let released = false;
      return {
        imported: reply.imported,
        compare: async (old, at) => {
          // A Worker started since holds nothing of this import.
          if (live !== c) throw new Error('the import worker stopped');
          const answer = await ask(c, { job: next++, kind: 'compare', of: job, old, ...(at !== undefined ? { at } : {}) });
          if (answer.kind === 'failed') throw new Error(answer.error);
          if (answer.kind !== 'compared') throw new Error(`import ${job}: unexpected reply ${answer.kind}`);
          return answer.comparison;
        },
        release: () => {
          if (released || !reply.imported.ok) return;
          released = true;
          if (live !== c) return;
          try {
            c.post({ job, kind: 'release' });
          } catch {
            // The channel is going: its Worker, and what it holds, with it.
          }
        },
      };
    },
  };
}

/** A channel that runs the jobs on this thread, a task later: where no Worker can be started, and in tests. */
export function inProcessChannel(): JobChannel {
  const host = createJobHost();
  let deliver: (reply: JobReply) => void = () => undefined;
  return {
    post: (message) => {
      setTimeout(() => {
        const reply = host(message);
        if (reply) deliver(reply);
      }, 0);
    },
    listen: (onReply) => {
      deliver = onReply;
    },
    close: () => undefined,
  };
}

export interface WatchOptions {
  /** No request waiting and no pack held this long: the channel closes. */
  idleMs: number;
  /** Requests waiting and no reply this long: the Worker is taken for dead. */
  silentMs: number;
  /** While requests wait, `keepAlive` is called this often. */
  keepAliveMs: number;
  keepAlive: () => void;
}

/**
 * A channel closed once idle (no request waiting, no pack held) and taken for gone when it stays
 * silent with work: either way the client opens a new one for the next import.
 */
export function watchedChannel(channel: JobChannel, options: WatchOptions): JobChannel {
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
      timer = setTimeout(() => end('the import worker stopped answering'), options.silentMs);
      keepAlive ??= setInterval(options.keepAlive, options.keepAliveMs);
      return;
    }
    clearInterval(keepAlive);
    keepAlive = undefined;
    if (held === 0) timer = setTimeout(() => end('idle'), options.idleMs);
  };
  return {
    post: (message) => {
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
