// The one schema for glossary packs: the build, the CLI, the importers, the extension and the
// tests all validate through it.
import { z } from 'zod';
import { SCOPE_ENTRY } from './scope';

// Extension pages forbid `new Function`, which zod 4 uses to compile validators unless told not to.
z.config({ jitless: true });

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** Matching options. Defaults come from `matchDefaults` so packs stay short. */
export const matchModeSchema = z.enum(['word', 'prefix']);
export type MatchMode = z.infer<typeof matchModeSchema>;

export const termSchema = z.strictObject({
  /** Stable id inside the pack; derived from the headword when omitted. */
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, ".", "_" and "-" only').optional(),
  /** The headword as written in the source, without qualifier or aliases. */
  term: nonEmpty,
  /** Abbreviations, expansions, plural or spelling variants: each one is matched on pages. */
  aliases: z.array(nonEmpty).default([]),
  /** Disambiguation written after the headword, e.g. "Kubernetes" for "Secret (Kubernetes)". */
  qualifier: nonEmpty.optional(),
  /** Short plain text with inline Markdown (code, emphasis, links). Never HTML. */
  definition: nonEmpty,
  details: nonEmpty.optional(),
  /** The section the term was filed under in its source. */
  category: nonEmpty.optional(),
  /** References as written in the source: "Chapter 8", "07-delivery/04-gitops-argocd.md", a URL. */
  see: z.array(nonEmpty).default([]),
  /** Words the team says not to use for this concept ("Avoid:" lines). They are matched too. */
  avoid: z.array(nonEmpty).default([]),
  related: z.array(nonEmpty).default([]),
  /** Notes kept with the term, e.g. a "flagged ambiguity" that names it. */
  notes: z.array(nonEmpty).default([]),
  /** Sites where this sense is the preferred one (site adapter ids such as "argocd"). */
  sites: z.array(nonEmpty).default([]),
  /** Defaults to true for all-caps acronyms (PDB, TLS, WAL), false otherwise. */
  caseSensitive: z.boolean().optional(),
  /** "word" matches whole tokens (plus simple plurals); "prefix" also matches longer words. */
  match: matchModeSchema.default('word'),
  /**
   * Is a surface form of this term also an everyday word ("Service", "node", "release")? Such a term is
   * highlighted only with evidence of the glossary's sense. Decided from a word-frequency list when
   * omitted; set it to override.
   */
  ambiguous: z.boolean().optional(),
});

/** A pack id is kept in the synced settings (pack order, packs off, scopes: 8 KB an item), once per mention. */
export const MAX_PACK_ID_LENGTH = 128;

export const packSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and "-" only').max(MAX_PACK_ID_LENGTH, `at most ${MAX_PACK_ID_LENGTH} characters`),
  name: nonEmpty,
  version: nonEmpty,
  description: nonEmpty,
  /** URL or repository path the pack was imported from. */
  source: nonEmpty.optional(),
  homepage: z.url({ protocol: /^https?$/ }).optional(),
  /** Whom to ask about the pack: a team, a person, an email address or a chat channel ("Platform team, #platform-docs"). */
  maintainer: nonEmpty.max(200).optional(),
  /** The terms' license, an SPDX id or a short text ("CC-BY-4.0", "Internal use only"). */
  license: nonEmpty.max(100).optional(),
  language: nonEmpty.default('en'),
  /**
   * Where the pack applies (see scope.ts): `["*"]`, GitHub orgs or repos, hosts, URL patterns.
   * Omitted: its home is unknown, so its terms are shown everywhere but its avoid words flag nothing.
   */
  scope: z.array(z.string().trim().regex(SCOPE_ENTRY, 'a scope entry is "*", a host, "github.com/org[/repo]" or a URL pattern')).optional(),
  /** Terms of a private pack are matched only inside its scope: a page elsewhere never learns them. */
  private: z.boolean().optional(),
  terms: z.array(termSchema).min(1, 'a pack needs at least one term'),
});

export type TermInput = z.input<typeof termSchema>;
export type Term = z.output<typeof termSchema>;
export type PackInput = z.input<typeof packSchema>;
export type Pack = z.output<typeof packSchema>;

const ACRONYM = /^[A-Z0-9][A-Z0-9&/.+_-]*[A-Z0-9]$|^[A-Z]$/;

/** An all-caps acronym (PDB, TLS, WAL, HTTP-01) is case-sensitive unless the pack says otherwise. */
export function isAcronym(word: string): boolean {
  return ACRONYM.test(word) && /[A-Z]/.test(word);
}

export function effectiveCaseSensitive(term: Pick<Term, 'caseSensitive'>, surface: string): boolean {
  return term.caseSensitive ?? isAcronym(surface);
}

/** A stable id from a headword: "Argo CD" → "argo-cd", "sync.Once" → "sync.once". */
export function slugify(headword: string): string {
  const slug = headword
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._]+/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '');
  return slug || 'term';
}
