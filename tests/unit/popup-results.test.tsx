// Popup search results: one row per headword with a tag per pack, the alias that matched, and a tag
// choosing that pack's sense.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { groupHits, ResultList } from '../../components/ResultList';
import type { SearchHit } from '../../lib/search';

const hit = (id: string, term: string, packName: string, aliases: string[] = []): SearchHit => ({
  id,
  term,
  aliases,
  packId: id.split('/')[0]!,
  packName,
  snippet: `${term} in ${packName}`,
  match: 'exact',
});

const hits = [
  hit('k8s/kubectl', 'kubectl', 'Kubernetes production guide'),
  hit('homelab/kubectl', 'kubectl', 'Homelab infrastructure'),
  hit('k8s/pdb', 'PodDisruptionBudget', 'Kubernetes production guide', ['PDB']),
  hit('platform/kubectl', 'Kubectl', 'Platform guide'),
];

afterEach(cleanup);

describe('grouped search results', () => {
  it('groups one headword across packs and names the matched alias', () => {
    const groups = groupHits(hits, 'kubectl');
    expect(groups.map((g) => [g.term, g.hits.length])).toEqual([
      ['kubectl', 3],
      ['PodDisruptionBudget', 1],
    ]);
    expect(groupHits(hits, 'pdb').find((g) => g.term === 'PodDisruptionBudget')?.alias).toBe('PDB');
  });

  it('renders one option per headword with a pack tag each; a tag opens that sense', () => {
    const onChoose = vi.fn();
    render(<ResultList id="r" groups={groupHits(hits, 'pdb')} active={0} onActivate={vi.fn()} onChoose={onChoose} />);
    const options = screen.getAllByRole('option');
    expect(options).toHaveLength(2);
    expect([...options[0]!.querySelectorAll('.result-pack')].map((t) => t.textContent)).toEqual([
      'Kubernetes production guide',
      'Homelab infrastructure',
      'Platform guide',
    ]);
    expect(within(options[1]!).getByText('matched alias PDB')).toBeTruthy();
    fireEvent.click(options[0]!.querySelectorAll('.result-pack')[2]!);
    expect(onChoose).toHaveBeenCalledWith(0, hits[3]);
  });
});
