// Shape 4: a domain-language file (CONTEXT.md style): bold term, definition paragraph, an
// `_Avoid_:` line, grouped under headings; then "Relationships", an "Example dialogue" and
// "Flagged ambiguities". Also reads the rendered form (`Term:` alone on a line, or
// `Term: definition`, plain heading lines, `Avoid:` possibly on the same line).
// Ambiguity and relationship bullets are kept as notes on every term they name.
import { splitHeadword } from '../headword';
import { collapse, dropPipeOnly, pos, extractSee, fencedLineNumbers, fenceReader, looksLikeHeading, mdHeading, stripCaptureHeader, toLines, type Line, unclosedFenceWarning } from './common';
import { matchBoldEntry, matchPlainEntry } from './bold';
import type { Importer, ImportInput, ParseResult, RawEntry } from './types';

const AVOID = /^(?:[-*]\s+)?(?:_Avoid_|\*Avoid\*|\*\*Avoid\*\*|Avoid)\s*:\s*(.*)$|^(?:[-*]\s+)?(?:_Avoid:_|\*\*Avoid:\*\*|\*Avoid:\*)\s*(.*)$/i;
// A lookbehind, not a leading `\s+`: that would rescan a long run of spaces from each of its positions.
const INLINE_AVOID = /(?<=\s)(?:_Avoid_|\*\*Avoid\*\*|Avoid):\s+/;
type Section = 'terms' | 'relationships' | 'dialogue' | 'ambiguities';

function sectionOf(title: string): Section {
  if (/^relationships?$/i.test(title)) return 'relationships';
  if (/^example dialogues?$|^dialogue$/i.test(title)) return 'dialogue';
  if (/^flagged ambiguit/i.test(title)) return 'ambiguities';
  return 'terms';
}
const KNOWN_SECTION = /^(?:relationships?|example dialogues?|flagged ambiguities|language|glossary|terms)$/i;

function avoidLine(text: string): string | undefined {
  const m = AVOID.exec(text);
  return m ? (m[1] ?? m[2] ?? '').trim() : undefined;
}

/**
 * The words an "Avoid:" line names: `"auth tier" / "auth mode" — refer to it by …` → auth tier, auth mode.
 * Only the first clause lists words; quoted words win; an unquoted list must be short names
 * (`_Avoid_: Purchase, transaction`), not guidance ("relying on the default").
 */
export function avoidWords(text: string, headword?: string): string[] {
  // The first clause, without its parenthetical asides ("(collides with K8s Deployment)").
  const clause = (text.split(/\s+[—–]\s+|(?<=[.!?])\s+(?=[A-Z"“])/)[0] ?? text).replace(/\([^()]*\)/g, ' ');
  // One word per listed item: in `"the tunnel" without "Cloudflared"` only the first is to avoid.
  const quoted = clause
    .split(/\s*[,;]\s*|\s+\/\s+|\s+or\s+(?=["“`])/)
    .map((item) => /"([^"]+)"|“([^”]+)”|`([^`]+)`/.exec(item))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => (m[1] ?? m[2] ?? m[3] ?? '').trim());
  let words = quoted;
  if (!quoted.length) {
    const items = clause
      .replace(/\.$/, '')
      .split(/\s*[,;]\s*|\s+\/\s+/)
      .map((s) => s.replace(/^_|_$|^\*|\*$/g, '').trim())
      .filter(Boolean);
    const nameLike = (s: string) => s.split(/\s+/).length <= 3 && !/^\w+ing\b/i.test(s) && !/^(?:bare|the|a|an|any|calling|using)\b/i.test(s) && !/[()]/.test(s);
    words = items.length && items.every(nameLike) ? items : [];
  }
  const own = headword?.toLowerCase();
  const seen = new Set<string>();
  return words.filter((w) => {
    const key = w.toLowerCase();
    if (!w || key === own || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Does `text` name this term (headword or alias, whole word, plural allowed)? */
export function mentions(text: string, names: readonly string[]): boolean {
  return names.some((n) => n.length > 1 && new RegExp(`(?<![\\p{L}\\p{N}_-])${escapeRe(n)}(?:s|es)?(?![\\p{L}\\p{N}_-])`, 'iu').test(text));
}

/** Bullets of a section; rendered captures glue some onto one line (". - "node" can mean …"). */
function bullets(lines: Line[]): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  for (const l of lines) {
    const t = l.text.trim();
    const pieces = t.split(/(?<=[.!?)"”])\s+[-*]\s+(?=["“A-Z])/);
    pieces.forEach((piece, k) => {
      const isNew = k > 0 || /^[-*+]\s+/.test(piece) || /^\d+\.\s+/.test(piece);
      const clean = piece.replace(/^(?:[-*+]|\d+\.)\s+/, '');
      if (isNew || out.length === 0) out.push({ text: clean, line: l.n });
      else {
        const last = out[out.length - 1];
        if (last) last.text = `${last.text} ${clean}`;
      }
    });
  }
  return out.map((b) => ({ ...b, text: collapse(b.text) }));
}

function entryStart(text: string, rendered: boolean): { head: string; rest: string } | undefined {
  const bold = matchBoldEntry(text);
  if (bold) return bold;
  if (!rendered) return undefined;
  return matchPlainEntry(text);
}

export const contextImporter: Importer = {
  name: 'context',
  describe: 'domain-language file (CONTEXT.md: `**Term**:`, definition, `_Avoid_:` line, "Flagged ambiguities")',
  detect(input: ImportInput): number {
    if (input.kind !== 'text') return 0;
    const lines = toLines(input.text);
    const avoid = lines.filter((l) => avoidLine(l.text.trim()) !== undefined || INLINE_AVOID.test(l.text)).length;
    const flagged = lines.some((l) => /^(?:#+\s*)?flagged ambiguit/i.test(l.text.trim()));
    if (avoid < 2 && !(flagged && avoid >= 1)) return 0;
    return avoid * 3 + (flagged ? 10 : 0);
  },
  parse(input: ImportInput): ParseResult {
    if (input.kind !== 'text') return { ok: false, error: `${input.name}: the context shape reads one file, not a folder` };
    const name = input.name;
    const header = stripCaptureHeader(toLines(input.text), name);
    const all = dropPipeOnly(header.lines);
    const warnings: string[] = header.warning ? [header.warning] : [];
    const rendered = !all.some((l) => matchBoldEntry(l.text.trim()));
    // Rendered text drops blank lines, but not those of a fenced code block.
    const fenced = rendered ? fencedLineNumbers(all) : new Set<number>();
    const body = rendered ? all.filter((l) => l.text.trim() !== '' || fenced.has(l.n)) : all;

    const entries: RawEntry[] = [];
    let title: string | undefined;
    const intro: string[] = [];
    let category: string | undefined;
    let section: Section = 'terms';
    const sectionLines: Record<Exclude<Section, 'terms'>, Line[]> = { relationships: [], dialogue: [], ambiguities: [] };
    let cur: { entry: RawEntry; def: string[]; details: string[]; avoid: string[]; blank: boolean } | undefined;

    const finish = () => {
      if (!cur) return;
      const { text, see } = extractSee(collapse(cur.def.join(' ')));
      let definition = text;
      const details = [...cur.details];
      if (!definition && details.length) definition = details.shift() ?? '';
      if (!definition) {
        warnings.push(`${cur.entry.where}: "${cur.entry.headword}" has no definition: skipped`);
        cur = undefined;
        return;
      }
      const avoid = cur.avoid.flatMap((a) => avoidWords(a, splitHeadword(cur?.entry.headword ?? '').term));
      entries.push({
        ...cur.entry,
        definition,
        see,
        ...(details.length ? { details: details.join('\n\n') } : {}),
        avoid,
        // The whole "Avoid:" guidance is kept: it says why and what to say instead.
        notes: cur.avoid.map((a) => `Avoid: ${a}`),
      });
      cur = undefined;
    };

    const isHeadingAt = (i: number): string | undefined => {
      const l = body[i];
      if (!l) return undefined;
      const t = l.text.trim();
      const md = mdHeading(t);
      if (md) return md.title;
      if (!rendered || !looksLikeHeading(t) || entryStart(t, true) || avoidLine(t) !== undefined) return undefined;
      if (KNOWN_SECTION.test(t)) return t;
      // A rendered heading is followed by an entry or by another heading.
      const next = body[i + 1]?.text.trim() ?? '';
      if (entryStart(next, true)) return t;
      if (looksLikeHeading(next) && (entryStart(body[i + 2]?.text.trim() ?? '', true) || KNOWN_SECTION.test(next))) return t;
      return undefined;
    };

    // Rendered: the first line is the title when it reads like one ("Infra").
    let start = 0;
    const firstText = body[0]?.text.trim() ?? '';
    if (rendered && looksLikeHeading(firstText) && !entryStart(firstText, true) && !KNOWN_SECTION.test(firstText)) {
      title = firstText;
      start = 1;
    }
    // Fenced code blocks are code, kept verbatim in the current term's details.
    const keepFence = (block: Line[]) => {
      if (section !== 'terms') {
        sectionLines[section].push(...block);
        return;
      }
      if (!cur) {
        warnings.push(`${name}:${block[0]!.n}-${block.at(-1)!.n}: code block outside any term: skipped`);
        return;
      }
      cur.details.push(block.map((l) => l.text).join('\n'));
      // Text after the block starts a new paragraph of details, unless the definition is still to come.
      if (cur.def.length) cur.blank = true;
    };
    const fences = fenceReader(keepFence);

    for (let i = start; i < body.length; i++) {
      const line = body[i] as Line;
      if (fences.take(line)) continue;
      const text = line.text.trim();
      if (!text) {
        if (cur && cur.def.length) cur.blank = true;
        continue;
      }
      const heading = rendered && section === 'terms' && cur && !cur.def.length && !cur.avoid.length ? undefined : isHeadingAt(i);
      if (heading !== undefined) {
        finish();
        const md = mdHeading(text);
        if (!title && entries.length === 0 && category === undefined && intro.length === 0 && md?.level === 1 && !KNOWN_SECTION.test(heading)) {
          title = heading;
          continue;
        }
        section = sectionOf(heading);
        if (section === 'terms' && !/^(?:language|glossary|terms)$/i.test(heading)) category = heading;
        continue;
      }
      if (section !== 'terms') {
        sectionLines[section].push(line);
        continue;
      }
      const avoid = avoidLine(text);
      if (avoid !== undefined) {
        if (cur) cur.avoid.push(avoid);
        else warnings.push(`${pos(name, line)}: "Avoid:" line outside any term: "${text.slice(0, 60)}": skipped`);
        continue;
      }
      // The definition of a term whose headword stood alone on the line before.
      // (Rendered text only: a bold `**Term**:` always starts a term.)
      const awaiting = rendered && cur && cur.def.length === 0 && cur.details.length === 0 && cur.avoid.length === 0;
      const start = awaiting ? undefined : entryStart(text, rendered);
      if (start) {
        finish();
        const [restRaw = '', inlineAvoid] = start.rest.split(INLINE_AVOID, 2);
        const rest = restRaw.trimEnd();
        cur = { entry: { headword: start.head, definition: '', where: pos(name, line), ...(category ? { category } : {}) }, def: rest ? [rest] : [], details: [], avoid: inlineAvoid ? [inlineAvoid] : [], blank: false };
        continue;
      }
      if (cur) {
        const [partRaw = '', inlineAvoid] = text.split(INLINE_AVOID, 2);
        const part = partRaw.trimEnd();
        if (inlineAvoid) cur.avoid.push(inlineAvoid);
        if (cur.blank || (rendered && cur.def.length > 0)) {
          if (cur.blank || cur.details.length === 0) cur.details.push(part);
          else cur.details[cur.details.length - 1] += ` ${part}`;
        } else cur.def.push(part);
        cur.blank = false;
        continue;
      }
      if (entries.length === 0 && category === undefined) intro.push(text);
      else warnings.push(`${pos(name, line)}: text outside any term: "${text.slice(0, 60)}": skipped`);
    }
    const open = fences.end();
    if (open) {
      warnings.push(unclosedFenceWarning(name, open[0]!.n));
      keepFence(open);
    }
    finish();

    // Notes on the terms each bullet names.
    const named = entries.map((e) => {
      const split = splitHeadword(e.headword);
      return [split.term, ...split.aliases];
    });
    const attach = (kind: 'ambiguities' | 'relationships', prefix: string) => {
      for (const b of bullets(sectionLines[kind])) {
        let hit = 0;
        entries.forEach((e, k) => {
          if (mentions(b.text, named[k] ?? [])) {
            e.notes = [...(e.notes ?? []), `${prefix}: ${b.text}`];
            hit++;
          }
        });
        if (!hit) warnings.push(`${name}:${b.line}:1: ${kind === 'ambiguities' ? 'flagged ambiguity' : 'relationship'} names no term: "${b.text.slice(0, 60)}": not kept`);
      }
    };
    attach('ambiguities', 'Flagged ambiguity');
    attach('relationships', 'Relationship');
    const dialogue = sectionLines.dialogue;
    if (dialogue.length) {
      warnings.push(`${name}:${dialogue[0]?.n}-${dialogue.at(-1)?.n}: "Example dialogue" is not glossary terms: skipped`);
    }
    return { ok: true, entries, warnings, ...(title ? { title } : {}), ...(intro.length ? { description: collapse(intro.join(' ')) } : {}) };
  },
};
