// One JSON file with everything a user set up: settings, site overrides, user packs, subscriptions,
// dismissed words.
// Import is all-or-nothing: the whole file is validated first and any problem names `file:line:col`.
import { LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { formatPath } from '../glossary/validate';
import { migrate, type Migrations } from './migrations';
import {
  globalSettingsSchema,
  knownTermsSchema,
  siteOverridesSchema,
  storedPackSchema,
  subscriptionSchema,
  type GlobalSettings,
  type SiteOverrides,
  type StoredPack,
  type Subscription,
} from './types';

export const BACKUP_FORMAT = 'termlens-backup';
export const BACKUP_VERSION = 1;
/** Changes of the backup file's own shape (its parts follow the storage items' versions). */
export const backupMigrations: Migrations = {};

export const backupSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int().min(1),
  exportedAt: z.string(),
  settings: globalSettingsSchema,
  sites: siteOverridesSchema,
  userPacks: z.array(storedPackSchema),
  subscriptions: z.array(subscriptionSchema),
  /** Optional: backups from before it was exported have none, and restoring them keeps the current list. */
  knownTerms: knownTermsSchema.optional(),
});
export type Backup = z.infer<typeof backupSchema>;

export interface BackupParts {
  settings: GlobalSettings;
  sites: SiteOverrides;
  userPacks: StoredPack[];
  subscriptions: Subscription[];
  knownTerms?: string[];
}

export function makeBackup(parts: BackupParts, now: Date): Backup {
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: now.toISOString(), ...parts };
}

export type BackupResult = { ok: true; backup: Backup } | { ok: false; errors: string[] };

/**
 * Validate a backup file's text. `reservedPackIds` are the bundled packs' ids, which a user pack may
 * not take. Never throws.
 */
export function parseBackup(text: string, file: string, reservedPackIds: readonly string[] = []): BackupResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`${file}: not a JSON file (${e instanceof Error ? e.message : String(e)})`] };
  }
  const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  if (record.format !== BACKUP_FORMAT)
    return { ok: false, errors: [`${file}: not a Termlens backup (expected "format": "${BACKUP_FORMAT}")`] };
  try {
    data = migrate(data, typeof record.version === 'number' ? record.version : 1, BACKUP_VERSION, backupMigrations);
  } catch (e) {
    return { ok: false, errors: [`${file}: ${e instanceof Error ? e.message : String(e)}`] };
  }
  const result = backupSchema.safeParse(data);
  const problems: Array<{ path: PropertyKey[]; message: string }> = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
      const message =
        issue.code === 'unrecognized_keys'
          ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
          : issue.message;
      problems.push({ path, message });
    }
  } else {
    const ids = new Map<string, number>();
    const reserved = new Set(reservedPackIds);
    result.data.userPacks.forEach((p, i) => {
      const first = ids.get(p.pack.id);
      if (first !== undefined)
        problems.push({ path: ['userPacks', i, 'pack', 'id'], message: `duplicate pack id "${p.pack.id}" (first at userPacks[${first}])` });
      else ids.set(p.pack.id, i);
      if (reserved.has(p.pack.id))
        problems.push({ path: ['userPacks', i, 'pack', 'id'], message: `"${p.pack.id}" is a bundled pack's id` });
    });
    result.data.subscriptions.forEach((s, i) => {
      if (!ids.has(s.packId)) problems.push({ path: ['subscriptions', i, 'packId'], message: `no user pack "${s.packId}" in this file` });
    });
  }
  if (problems.length === 0 && result.success) return { ok: true, backup: result.data };
  const locate = locator(text);
  return {
    ok: false,
    errors: problems.slice(0, 20).map(({ path, message }) => {
      const { line, col } = locate(path);
      const where = formatPath(path);
      return `${file}:${line}:${col}: ${where ? `${where}: ` : ''}${message}`;
    }),
  };
}

// Positions come from a YAML parse of the same text (JSON is YAML): only on failure, it is slower.
function locator(text: string): (path: readonly PropertyKey[]) => { line: number; col: number } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  return (path) => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = doc.getIn(path.slice(0, depth) as unknown[], true) as YamlNode | undefined;
      if (node && typeof node === 'object' && 'range' in node && node.range) return lineCounter.linePos(node.range[0]);
    }
    return { line: 1, col: 1 };
  };
}
