// What a subscription's new version changed, kept so a reader learns it once: per changed term a
// short note ("definition changed") that the next card of that term shows, and a log of updates that
// the popup lists since the reader's last visit. Pure: the background stores what this computes.
import { z } from 'zod';
import { termLabel, type PackDiff } from '../glossary/diff';
import type { IndexEntry } from '../glossary/compile';

z.config({ jitless: true });

/** Sense id (`pack/term`) → the note its next card shows. */
export const termUpdatesSchema = z.record(z.string().min(1), z.strictObject({ note: z.string(), at: z.number() }));
export type TermUpdates = z.infer<typeof termUpdatesSchema>;

export const packChangeSchema = z.strictObject({
  packId: z.string(),
  packName: z.string(),
  version: z.string().optional(),
  at: z.number(),
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.strictObject({ term: z.string(), fields: z.array(z.string()) })),
});
export type PackChange = z.infer<typeof packChangeSchema>;
export const packChangesSchema = z.array(packChangeSchema);

/** The log keeps the newest updates only: the popup shows what is new since the last visit. */
export const MAX_PACK_CHANGES = 30;
/** A note not shown within this long is dropped: a reader who never meets the term needs no news. */
export const UPDATE_NOTE_TTL_MS = 60 * 24 * 3_600_000;

/** Diff field names as a reader says them. */
export const FIELD_NAMES: Record<string, string> = {
  see: 'references',
  avoid: 'words to avoid',
  caseSensitive: 'letter case',
  match: 'matching',
  term: 'spelling',
};

/** "definition changed", "definition and aliases changed". */
export function changeNote(fields: readonly string[]): string {
  const names = [...new Set(fields.map((f) => FIELD_NAMES[f] ?? f))];
  if (names.length === 0) return 'updated';
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
  return `updated: ${list} changed`;
}

/**
 * The notes for one refresh, keyed by the new version's sense ids, and its log entry. `entries`: the
 * new version compiled (its ids are what a card looks up).
 */
export function recordUpdate(
  diff: PackDiff,
  pack: { id: string; name: string; version?: string },
  entries: readonly Pick<IndexEntry, 'id' | 'term' | 'qualifier'>[],
  at: number,
): { notes: TermUpdates; change: PackChange | null } {
  const idByLabel = new Map(entries.map((e) => [termLabel(e).toLowerCase(), e.id]));
  const notes: TermUpdates = {};
  for (const c of diff.changed) {
    const id = idByLabel.get(c.term.toLowerCase());
    if (id) notes[id] = { note: changeNote(c.fields.map((f) => f.field)), at };
  }
  for (const t of diff.added) {
    const id = idByLabel.get(termLabel(t).toLowerCase());
    if (id) notes[id] = { note: `new in ${pack.name}`, at };
  }
  const empty = diff.added.length + diff.removed.length + diff.changed.length === 0;
  return {
    notes,
    change: empty
      ? null
      : {
          packId: pack.id,
          packName: pack.name,
          ...(pack.version ? { version: pack.version } : {}),
          at,
          added: diff.added.map(termLabel),
          removed: diff.removed.map(termLabel),
          changed: diff.changed.map((c) => ({ term: c.term, fields: c.fields.map((f) => f.field) })),
        },
  };
}

/** Notes after an update: the old ones of that pack give way to the new ones; stale notes go. */
export function mergeNotes(current: TermUpdates, packId: string, notes: TermUpdates, now: number): TermUpdates {
  const out: TermUpdates = {};
  for (const [id, n] of Object.entries(current)) if (!id.startsWith(`${packId}/`) && now - n.at < UPDATE_NOTE_TTL_MS) out[id] = n;
  return { ...out, ...notes };
}

export function appendChange(log: readonly PackChange[], change: PackChange): PackChange[] {
  return [...log, change].slice(-MAX_PACK_CHANGES);
}

export function normalizeTermUpdates(raw: unknown): TermUpdates {
  const parsed = termUpdatesSchema.safeParse(raw);
  return parsed.success ? parsed.data : {};
}

export function normalizePackChanges(raw: unknown): PackChange[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((c) => {
    const parsed = packChangeSchema.safeParse(c);
    return parsed.success ? [parsed.data] : [];
  });
}
