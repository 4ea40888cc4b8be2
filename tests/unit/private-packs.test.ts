// Private packs as a page receives them: the background's real service and page handlers against
// fakeBrowser's storage, with the real bundled packs. A page outside a private pack's scope gets a
// matcher (decoded here as the content script decodes it), a relevance table and lookup answers in
// which none of the pack's terms, aliases, senses or name appear; inside its scope it gets them.
import { resolve } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { compileIndex, type CompiledIndex } from '../../lib/glossary/compile';
import { unpackMatcher } from '../../lib/matcher';
import type { Protocol, RequestType } from '../../lib/protocol';
import { createGlossaryService, type GlossaryService } from '../../entrypoints/background/glossary-service';
import { pageHandlers } from '../../entrypoints/background/page-support';
import { listen, send } from '../../utils/messaging';
import { loadPackFiles, packFiles } from '../../scripts/load-packs';

let bundled: CompiledIndex;
beforeAll(() => {
  const { packs, errors } = loadPackFiles(packFiles(resolve(import.meta.dirname, '../../glossary')));
  expect(errors).toEqual([]);
  bundled = compileIndex(packs);
});

/** A private pack whose author gave it a home: the acme org on github.com. */
const SCOPED = `id: payments-team
name: Payments codenames
version: "1"
description: Internal names.
private: true
scope: [github.com/acme]
terms:
  - term: Zorblax
    aliases: [ZBX migration]
    definition: "SECRET: our internal codename for the payments migration."
  - term: Quillfeather
    definition: The ledger service's internal name.
`;

/** A private pack with no scope: it applies nowhere until the user gives it one. */
const UNSCOPED = `id: infra-codenames
name: Infra codenames
version: "1"
description: Internal names.
private: true
terms:
  - term: Marrowgate
    definition: The new edge proxy.
`;

/** What a page at `url` can read of what Termlens sends it: every pattern of the decoded matcher, the relevance table, and lookups. */
async function pageView(service: GlossaryService, url: string) {
  const host = new URL(url).hostname;
  const sender = { url, tab: { url } as Browser.tabs.Tab } as Browser.runtime.MessageSender;
  const page = pageHandlers(service);
  const setup = await page.matcher({ type: 'matcher', host, url }, sender);
  const transfer = setup.matcher!;
  const chunks: string[] = [transfer.first];
  for (let i = 1; i < transfer.chunkLengths.length; i++)
    chunks.push((await page.matcherChunk({ type: 'matcherChunk', host, id: transfer.id, index: i }, sender)).data);
  const matcher = unpackMatcher(JSON.parse(JSON.stringify(transfer)), chunks);
  const keys = Array.from({ length: matcher.patternCount }, (_, i) => matcher.keyOf(i));
  const lookup = (key: string) => page.lookup({ type: 'lookup', key, host, url }, sender);
  return { setup, matcher, keys, lookup };
}

const PRIVATE_TEXT =
  /zorblax|zbx|quillfeather|marrowgate|payments codenames|infra codenames|payments-team|infra-codenames|internal codename|edge proxy|ledger service/i;

describe('private packs', () => {
  let service: GlossaryService;
  const ask = <T extends RequestType>(type: T, request: Protocol[T]['request']) => send(type, request);

  beforeEach(async () => {
    fakeBrowser.reset();
    service = createGlossaryService({ bundled });
    listen(service.handlers() as Parameters<typeof listen>[0]);
    for (const [name, text] of [
      ['payments.yaml', SCOPED],
      ['infra.yaml', UNSCOPED],
    ] as const) {
      const result = await ask('importPack', { source: { kind: 'text', name, text }, commit: true });
      expect(result.ok).toBe(true);
    }
  });

  it('are in no matcher, relevance table or lookup of a page outside their scope', async () => {
    for (const url of [
      'https://github.com/other-org/repo/pull/3',
      'https://github.com/',
      'https://grafana.example.com/d/abc',
      'https://github.com/acmeco/app',
    ]) {
      const { setup, matcher, keys, lookup } = await pageView(service, url);
      // The page still gets the bundled packs' terms.
      expect(matcher.findAll('the kubelet restarts').length).toBe(1);
      // Neither the keys nor a match on the private words.
      expect(keys.filter((k) => PRIVATE_TEXT.test(k))).toEqual([]);
      expect(matcher.findAll('Zorblax, the ZBX migration, Quillfeather and Marrowgate')).toEqual([]);
      // Nothing in what is sent names them: not the relevance table's topics, not the matcher's bytes.
      expect(JSON.stringify(setup)).not.toMatch(PRIVATE_TEXT);
      // Asking for their keys (a content script lied to, or a guessed key) gives no sense and no pack name.
      for (const key of ['term:zorblax', 'term:zbx migration', 'term:quillfeather', 'term:marrowgate']) {
        const answer = await lookup(key);
        expect(answer.senses).toEqual([]);
        expect(JSON.stringify(answer)).not.toMatch(PRIVATE_TEXT);
      }
    }
  });

  it('are matched and explained inside their scope, and only the scoped one', async () => {
    const { matcher, keys, lookup } = await pageView(service, 'https://github.com/acme/payments/pull/12');
    expect(matcher.findAll('Zorblax and the ZBX migration').map((m) => matcher.keyOf(m.pattern))).toEqual([
      'term:zorblax',
      'term:zbx migration',
    ]);
    expect(keys).toContain('term:quillfeather');
    // The unscoped private pack applies nowhere, the pack's home included.
    expect(matcher.findAll('Marrowgate')).toEqual([]);
    const answer = await lookup('term:zorblax');
    expect(answer.senses.map((s) => s.packId)).toEqual(['payments-team']);
    expect(answer.senses[0]?.definition).toMatch(/^SECRET/);
    expect(answer.packNames).toEqual({ 'payments-team': 'Payments codenames' });
  });

  it('follow the scope the user gives them: a new home, and out of the old one', async () => {
    await ask('setPackScope', { id: 'payments-team', scope: ['grafana.example.com'] });
    await ask('setPackScope', { id: 'infra-codenames', scope: ['grafana.example.com'] });
    const grafana = await pageView(service, 'https://grafana.example.com/d/abc');
    expect(grafana.matcher.findAll('Zorblax near Marrowgate').map((m) => grafana.matcher.keyOf(m.pattern))).toEqual([
      'term:zorblax',
      'term:marrowgate',
    ]);
    const acme = await pageView(service, 'https://github.com/acme/payments/pull/12');
    expect(acme.keys.filter((k) => PRIVATE_TEXT.test(k))).toEqual([]);
    expect((await acme.lookup('term:zorblax')).senses).toEqual([]);
  });
});
