// Parse and validate a pack file, reporting every problem as `file:line:col: path: message`.
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { packSchema, type Pack } from './schema';

export interface PackError {
  file: string;
  line: number;
  col: number;
  /** Field path such as `terms[12].aliases[0]`, empty for the whole file. */
  path: string;
  message: string;
}

export type PackResult = { ok: true; pack: Pack } | { ok: false; errors: PackError[] };

export function formatError(e: PackError): string {
  return `${e.file}:${e.line}:${e.col}: ${e.path ? `${e.path}: ` : ''}${e.message}`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** Validate YAML (or JSON, which is YAML) text as a pack. Never throws. */
export function parsePack(text: string, file: string): PackResult {
  const deep = tooDeep(text);
  if (deep) return { ok: false, errors: [{ file, ...deep, path: '', message: `YAML: nested more than ${MAX_NESTING} levels deep` }] };
  const lineCounter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  } catch (err) {
    // The parser recurses per level of block nesting: a stack overflow is a pack nested too deeply.
    return { ok: false, errors: [{ file, line: 1, col: 1, path: '', message: `YAML: cannot be read (${err instanceof RangeError ? 'nested too deeply' : String(err)})` }] };
  }
  const at = (offset: number) => lineCounter.linePos(offset);

  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((err) => {
        const { line, col } = at(err.pos[0]);
        return { file, line, col, path: '', message: `YAML: ${err.message.split('\n')[0]}` };
      }),
    };
  }

  const locate = locator(doc, lineCounter);
  let data: unknown;
  try {
    // Aliases that expand into each other can make a few kilobytes of YAML billions of nodes.
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (err) {
    let first: { line: number; col: number } = { line: 1, col: 1 };
    visit(doc, {
      Alias(_, node) {
        if (node.range) first = at(node.range[0]);
        return visit.BREAK;
      },
    });
    const message =
      err instanceof ReferenceError ? `aliases expand to too many nodes (a pack needs none; at most ${MAX_ALIASES} are read)` : err instanceof RangeError ? 'nested too deeply' : String(err);
    return { ok: false, errors: [{ file, ...first, path: '', message: `YAML: ${message}` }] };
  }
  const result = packSchema.safeParse(data, { reportInput: true });
  const errors: PackError[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) errors.push(issueToError(issue, file, locate));
  } else {
    errors.push(...duplicateErrors(result.data, file, locate));
  }
  if (errors.length > 0) return { ok: false, errors: sortErrors(errors) };
  if (result.success) return { ok: true, pack: result.data };
  return { ok: false, errors };
}

/** Levels of flow nesting (`[`, `{`) a pack may have: a pack needs four or five. */
const MAX_NESTING = 64;
/** How many alias expansions are read: a pack needs none, a shared anchor or two is fine. */
const MAX_ALIASES = 100;

/** The line and column of the first flow bracket nested deeper than MAX_NESTING, outside quotes and comments. */
function tooDeep(text: string): { line: number; col: number } | null {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      lineStart = i + 1;
      continue;
    }
    if (quote) {
      if (c === quote && (quote === "'" || text[i - 1] !== '\\')) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf('\n', i);
      i = (end === -1 ? text.length : end) - 1;
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_NESTING) return { line, col: i - lineStart + 1 };
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return null;
}

type Locate = (path: readonly PropertyKey[], atKey?: boolean) => { line: number; col: number };

// Where a path points in the file: the deepest node that exists along it (for a key that is
// itself the problem, the key rather than its value).
function locator(doc: Document, lineCounter: LineCounter): Locate {
  const at = (offset: number) => lineCounter.linePos(offset);
  return (path, atKey = false) => {
    if (atKey && path.length > 0) {
      const parent = doc.getIn(path.slice(0, -1) as unknown[], true);
      if (isMap(parent)) {
        const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === path[path.length - 1]);
        if (pair && isScalar(pair.key) && pair.key.range) return at(pair.key.range[0]);
      }
    }
    for (let depth = path.length; depth >= 0; depth--) {
      // A missing key inside a map ends up pointing at the map itself.
      const node = doc.getIn(path.slice(0, depth) as unknown[], true) as YamlNode | undefined;
      if (node && typeof node === 'object' && 'range' in node && node.range) return at(node.range[0]);
    }
    const root = doc.contents as YamlNode | null;
    return root?.range ? at(root.range[0]) : { line: 1, col: 1 };
  };
}

/** Where a field path is in pack text, located as parsePack locates its errors (`atKey`: the key itself). */
export function locateInPack(text: string, path: readonly PropertyKey[], atKey = false): { line: number; col: number } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  return locator(doc, lineCounter)(path, atKey);
}

function issueToError(
  issue: z.core.$ZodIssue,
  file: string,
  locate: Locate,
): PackError {
  let path = issue.path;
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    path = [...issue.path, issue.keys[0] ?? ''];
    message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    return { file, ...locate(path, true), path: formatPath(path), message };
  } else if (issue.code === 'invalid_type') {
    const got = describeInput(issue.input);
    message = got === 'undefined' ? `required, expected ${issue.expected}` : `expected ${issue.expected}, got ${got}`;
  }
  return { file, ...locate(path), path: formatPath(path), message };
}

function describeInput(input: unknown): string {
  if (input === undefined) return 'undefined';
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  return typeof input;
}

function duplicateErrors(
  pack: Pack,
  file: string,
  locate: (path: readonly PropertyKey[]) => { line: number; col: number },
): PackError[] {
  const errors: PackError[] = [];
  // Same headword or alias twice in one pack is an error; across packs it is a second sense.
  const seen = new Map<string, string>();
  const claim = (surface: string, path: PropertyKey[], what: string) => {
    const key = surface.trim().toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ file, ...locate(path), path: formatPath(path), message: `duplicate ${what} "${surface}" (first at ${first})` });
    } else seen.set(key, formatPath(path));
  };
  const ids = new Map<string, string>();
  pack.terms.forEach((t, i) => {
    // Qualified headwords ("Secret (Kubernetes)") may share a word with another term.
    claim(t.qualifier ? `${t.term} (${t.qualifier})` : t.term, ['terms', i, 'term'], 'headword');
    t.aliases.forEach((a, j) => claim(a, ['terms', i, 'aliases', j], 'alias'));
    if (t.id) {
      const first = ids.get(t.id);
      if (first !== undefined) errors.push({ file, ...locate(['terms', i, 'id']), path: `terms[${i}].id`, message: `duplicate id "${t.id}" (first at ${first})` });
      else ids.set(t.id, `terms[${i}].id`);
    }
  });
  return errors;
}

function sortErrors(errors: PackError[]): PackError[] {
  return errors.sort((a, b) => a.line - b.line || a.col - b.col);
}

