// Shared shapes for the Markdown importers. Each shape parses its input into raw entries; index.ts
// turns them into a pack (headword splitting, duplicate handling, validation).

export const FORMAT_NAMES = ['pack', 'tbx', 'data', 'csv', 'folder', 'docs-site', 'table', 'html', 'context', 'bold', 'bullets', 'deflist', 'sphinx', 'asciidoc', 'abbr', 'headings'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export interface SourceFile {
  path: string;
  text: string;
}

export type ImportInput =
  | { kind: 'text'; name: string; text: string }
  | { kind: 'files'; name: string; files: SourceFile[] };

/** One entry as found in the source, before headword splitting. */
export interface RawEntry {
  /** The headword as written (may still hold aliases or a qualifier). */
  headword: string;
  definition: string;
  details?: string;
  category?: string;
  see?: string[];
  avoid?: string[];
  related?: string[];
  notes?: string[];
  /** Extra aliases given explicitly (front matter `aka`). */
  aliases?: string[];
  qualifier?: string;
  /** Where the entry starts, for warnings: "file:line:col" (or "file:line" in line-based shapes). */
  where: string;
}

export interface ParsedGlossary {
  entries: RawEntry[];
  warnings: string[];
  /** Title of the glossary (first heading), used as the pack name when none is given. */
  title?: string;
  /** Intro paragraph, used as the pack description. */
  description?: string;
}

export type ParseResult = ({ ok: true } & ParsedGlossary) | { ok: false; error: string };

export interface Importer {
  name: FormatName;
  /** One line for the "shapes tried" message. */
  describe: string;
  /** 0 when the input is clearly not this shape; higher is more confident. */
  detect(input: ImportInput): number;
  parse(input: ImportInput): ParseResult;
  /**
   * When `detect` says 0: how close the input comes to this shape, and what it lacks, for the
   * "matches no glossary shape" message. Undefined when it shows no sign of the shape.
   */
  nearMiss?(input: ImportInput): { score: number; missing: string } | undefined;
}
