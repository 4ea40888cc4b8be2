// What a restore would change, said before it happens: the user packs it removes and adds.
import { describe, expect, it } from 'vitest';
import { describeChanges, restoreChanges } from '../../entrypoints/options/auto-backup';

const current = [
  { id: 'k8s', name: 'Kubernetes production guide', bundled: true },
  { id: 'payments', name: 'Payments team glossary', bundled: false },
  { id: 'other', name: 'Other team glossary', bundled: false },
];

describe('restoreChanges', () => {
  it('names the packs a restore removes and adds; bundled packs are never counted', () => {
    const text = JSON.stringify({
      userPacks: [{ pack: { id: 'payments', name: 'Payments team glossary' } }, { pack: { id: 'infra', name: 'Infra' } }],
    });
    const changes = restoreChanges(text, current)!;
    expect(changes).toEqual({ removes: ['Other team glossary'], adds: ['Infra'] });
    expect(describeChanges(changes)).toBe(
      'This restore removes 1 pack: Other team glossary; adds 1 pack: Infra. Settings and known terms are replaced too.',
    );
  });

  it('is null for what is not a backup', () => {
    expect(restoreChanges('{"userPacks": ', current)).toBeNull();
    expect(restoreChanges('{}', current)).toBeNull();
  });
});
