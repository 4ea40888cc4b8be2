// One size limit for every glossary Termlens reads, by file or by URL. Glossaries are kilobytes; a
// file of megabytes is a mistake (a log, an export of something else) that would hold the
// background for seconds while it is parsed.

export const MAX_GLOSSARY_BYTES = 2_000_000;

const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

/**
 * The plain message for an input over the limit; null when it is within it. `partial`: `bytes` is
 * what has arrived so far, not the whole size.
 */
export function sizeProblem(name: string, bytes: number, partial = false): string | null {
  if (bytes <= MAX_GLOSSARY_BYTES) return null;
  return `${name} is larger than ${mb(MAX_GLOSSARY_BYTES)}, the most Termlens reads as a glossary${partial ? '' : ` (it is ${mb(bytes)})`}. Nothing was stored.`;
}

/** The UTF-8 size of a text, without encoding it. */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Content types a glossary can arrive as: text of any kind, JSON, YAML, XML (TBX). Anything else
 * (an image, an archive, application/octet-stream) is not a glossary. No type at all is accepted.
 */
export function isTextType(contentType: string): boolean {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type === '' || type.startsWith('text/') || /^application\/(?:[\w.+-]*\+)?(?:json|ya?ml|xml)$/.test(type) || type === 'application/x-yaml';
}
