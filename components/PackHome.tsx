// A pack's home: where it comes from, whom to ask and its license, so a reader knows where a
// definition is decided. Shown on the options page (each pack) and in the card's "More".
import type { ReactNode } from 'react';

export interface PackHomeInfo {
  source?: string;
  homepage?: string;
  maintainer?: string;
  license?: string;
}

/** A source or homepage as a link when it is an address (`github.com/o/r` counts), else as text. */
export function sourceHref(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const t = text.trim();
  if (/^https?:\/\//i.test(t)) return t;
  if (/^github\.com\/[\w.-]+\/[\w.-]+/i.test(t)) return `https://${t}`;
  return undefined;
}

/** A maintainer given as an email address or a URL becomes a link; a team or channel name stays text. */
export function contactHref(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const t = text.trim();
  if (/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(t)) return `mailto:${t}`;
  const inAngles = /<([^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)>/.exec(t);
  if (inAngles) return `mailto:${inAngles[1]}`;
  return /^https?:\/\//i.test(t) ? t : undefined;
}

function Linked({ text, href }: { text: string; href: string | undefined }) {
  return href ? (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {text}
    </a>
  ) : (
    <>{text}</>
  );
}

export function PackHome({ pack, className = 'pack-home ui-muted' }: { pack: PackHomeInfo; className?: string }) {
  const source = pack.source ?? pack.homepage;
  if (!source && !pack.maintainer && !pack.license) return null;
  const parts: Array<{ label: string; node: ReactNode }> = [];
  if (source) parts.push({ label: 'Source', node: <Linked text={source} href={sourceHref(source)} /> });
  if (pack.maintainer) parts.push({ label: 'Maintainer', node: <Linked text={pack.maintainer} href={contactHref(pack.maintainer)} /> });
  if (pack.license) parts.push({ label: 'License', node: <>{pack.license}</> });
  return (
    <p className={className} data-pack-home="">
      {parts.map((p, i) => (
        <span key={p.label}>
          {i > 0 && ' · '}
          {p.label}: {p.node}
        </span>
      ))}
    </p>
  );
}
