import { describe, expect, it } from 'vitest';
import { leadingExpansion } from '../../../lib/glossary/importers/docs-site';
import { fixture, headwords, imported, seed, SEEDS, termNamed } from './helpers';

describe('leadingExpansion', () => {
  it('finds a Title Case name before an em dash, not an ordinary sentence', () => {
    expect(leadingExpansion('Write-Ahead Log — Postgres’s stream of every change.')?.name).toBe('Write-Ahead Log');
    expect(leadingExpansion('Proof Key for Code Exchange — the secure OAuth2 flow')?.name).toBe('Proof Key for Code Exchange');
    expect(leadingExpansion('GitHub Container Registry (ghcr.io) — where CI publishes')?.name).toBe('GitHub Container Registry (ghcr.io)');
    expect(leadingExpansion('A lightweight, single-binary Kubernetes distribution — ideal for one small node.')).toBeUndefined();
    expect(leadingExpansion('The protocol Let’s Encrypt uses to issue TLS certificates.')).toBeUndefined();
  });
});

describe('docs-site importer: fixture', () => {
  it('reads headword + "Section titled" entries and keeps headword-less paragraphs with a warning', () => {
    const { pack, format, warnings } = imported(fixture('docs-site.txt'));
    expect(format).toBe('docs-site');
    expect(pack.name).toBe('Glossary');
    expect(pack.description).toBe('Plain definitions for this guide.');
    expect(headwords(pack)).toEqual(['Argo CD', 'Write-Ahead Log', 'Canary', '[missing headword, line 9]', 'Secret']);
    expect(termNamed(pack, 'Argo CD').definition).toBe('The GitOps engine. It watches a Git repo and keeps the cluster in sync.');
    expect(termNamed(pack, 'Secret', 'Kubernetes').definition).toBe('An object holding sensitive data.');
    expect(warnings).toEqual([
      'fixtures/docs-site.txt:6:1: headword missing in the source: used the expansion "Write-Ahead Log" as the term: restore the acronym by hand',
      'fixtures/docs-site.txt:9:1: definition without a headword ("A package manager for Kubernetes (installs charts)…"): kept as "[missing headword, line 9]": restore the headword by hand',
    ]);
  });
});

describe('docs-site importer: seed 000', () => {
  const { pack, warnings } = imported(seed(SEEDS.platformGuide));

  it('keeps all 32 entries: 20 with a headword, 12 whose headword the rendering lost', () => {
    expect(pack.terms).toHaveLength(32);
    expect(warnings).toHaveLength(12);
    const expansions = [
      'CloudNativePG',
      'Destination NAT',
      'GitHub Container Registry',
      'OpenID Connect',
      'Point-In-Time Recovery',
      'Proof Key for Code Exchange',
      'AWS Signature Version 4',
      'Transport Layer Security',
      'Write-Ahead Log',
    ];
    for (const name of expansions) expect(headwords(pack)).toContain(name);
    expect(headwords(pack).filter((h) => h.startsWith('[missing headword'))).toEqual([
      '[missing headword, line 3]',
      '[missing headword, line 30]',
      '[missing headword, line 37]',
    ]);
    expect(warnings.filter((w) => w.includes('restore the acronym by hand'))).toHaveLength(9);
  });

  it('joins wrapped definitions and splits headwords', () => {
    expect(termNamed(pack, 'CR').aliases).toEqual(['CRD']);
    expect(termNamed(pack, 'CR').definition).toBe(
      'Custom Resource — a Kubernetes object type added by an operator (e.g. a CNPG Cluster, a Keycloak Keycloak). CRD = Custom Resource Definition, the schema that registers that new type.',
    );
    expect(termNamed(pack, 'barman').aliases).toEqual(['barman-cloud']);
    expect(termNamed(pack, 'ServiceLB').aliases).toEqual(['klipper']);
    expect(termNamed(pack, 'Secret', 'Kubernetes').definition).toMatch(/^An object holding sensitive data/);
    expect(termNamed(pack, 'GitHub Container Registry').aliases).toEqual(['ghcr.io']);
    expect(termNamed(pack, 'CloudNativePG').definition).toBe(
      'CloudNativePG — the Postgres operator. You declare a Cluster resource; CNPG provisions and manages the actual Postgres pods, failover, backups, and a connection Secret.',
    );
    expect(termNamed(pack, '[missing headword, line 3]').definition).toMatch(/^The protocol Let’s Encrypt uses/);
  });
});
