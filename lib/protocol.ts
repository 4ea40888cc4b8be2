// The one typed message protocol between content scripts, the popup/options pages and the background.
// Each request type maps to its response type; the background is the only responder.
import type { IndexEntry, PackMeta } from './glossary/compile';

export interface Stats {
  packs: Array<Pick<PackMeta, 'id' | 'name' | 'version' | 'termCount'>>;
  termCount: number;
}

export interface Protocol {
  stats: { request: Record<string, never>; response: Stats };
  lookup: { request: { key: string; site?: string }; response: { senses: IndexEntry[] } };
}

export type RequestType = keyof Protocol;
export type Message<T extends RequestType = RequestType> = { type: T } & Protocol[T]['request'];
export type Reply<T extends RequestType> = { ok: true; value: Protocol[T]['response'] } | { ok: false; error: string };
