import { describe, expect, it } from 'vitest';
import { detectFormat, importGlossary } from '../../../lib/glossary/importers/index';
import { fixtureFolder, headwords, imported, termNamed } from './helpers';

describe('folder importer', () => {
  const { pack, format, warnings } = imported(fixtureFolder('folder'));

  it('reads one term per Markdown file with front matter, and the README as title and description', () => {
    expect(format).toBe('folder');
    expect(detectFormat(fixtureFolder('folder'))).toBe('folder');
    expect(pack.name).toBe('Networking terms');
    expect(pack.description).toBe('One file per term, front matter first.');
    expect(headwords(pack)).toEqual(['Gateway API', 'CNI', 'ingress']);
  });

  it('maps title, description, aka, tags, link and body', () => {
    expect(termNamed(pack, 'CNI')).toMatchObject({
      aliases: ['Container Network Interface', 'network plugin'],
      definition: 'The plugin API that wires Pod network namespaces.',
      details: 'Calico and Cilium implement it.\n\nEach node runs the plugin binary.',
      category: 'networking',
      related: ['plugins'],
      see: ['https://www.cni.dev/'],
    });
    expect(termNamed(pack, 'Gateway API')).toMatchObject({ category: 'Networking', related: ['Ingress'], avoid: ['Ingress v2'] });
  });

  it('uses id when there is no title, and the body when there is no description, saying so', () => {
    expect(termNamed(pack, 'ingress')).toMatchObject({
      aliases: ['ingress rule', 'ing'],
      definition: 'Routes HTTP from outside the cluster to Services.',
      details: 'More detail here.',
      category: 'networking',
      see: ['https://kubernetes.io/docs/concepts/services-networking/ingress/'],
    });
    expect(warnings).toContain(
      'folder/networking/ingress.md:6:1: no description in the front matter: used the first paragraph as the definition',
    );
  });

  it('skips broken front matter and non-Markdown files with a warning', () => {
    expect(warnings.some((w) => w.startsWith('folder/broken.md:2:1: front matter is not valid YAML'))).toBe(true);
    expect(warnings).toContain('folder/notes.txt:1:1: not a Markdown file: skipped');
  });

  it('fails on a folder with no front matter at all, naming the shapes tried', () => {
    const result = importGlossary(fixtureFolder('folder-empty'));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toContain('matches no glossary shape');
      expect(result.error).toContain('folder: folder of one Markdown file per term');
    }
    const forced = importGlossary(fixtureFolder('folder-empty'), { format: 'folder' });
    expect(forced.ok).toBe(false);
    if (!forced.ok) expect(forced.error).toContain('folder-empty/plain.md:1:1: no YAML front matter: skipped');
  });

  it('refuses a single file', () => {
    const result = importGlossary({ kind: 'text', name: 'one.md', text: '---\ntitle: X\n---\n' }, { format: 'folder' });
    expect(result).toEqual({ ok: false, error: 'one.md: the folder shape reads a folder of Markdown files, not one file' });
  });
});
