// Real public glossaries of each shape (tests/fixtures/glossaries/<shape>/, origins in ORIGINS.md):
// the exact number of terms, and a few headwords, definitions and aliases of each.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportInput } from '../../../lib/glossary/importers/types';
import { imported, repoRoot, termNamed } from './helpers';

const dir = join(repoRoot, 'tests/fixtures/glossaries');
const file = (path: string): ImportInput => ({ kind: 'text', name: path, text: readFileSync(join(dir, path), 'utf8') });
const folder = (path: string): ImportInput => ({
  kind: 'files',
  name: path,
  files: readdirSync(join(dir, path))
    .sort()
    .map((f) => ({ path: f, text: readFileSync(join(dir, path, f), 'utf8') })),
});

describe('real glossaries', () => {
  it('bullets: Argo CD core concepts (`* **Term** definition`, no colon)', () => {
    const { pack, format, warnings } = imported(file('bullets/argo-cd-core-concepts.md'));
    expect(format).toBe('bullets');
    expect(pack.terms).toHaveLength(12);
    expect(pack.name).toBe('Core Concepts');
    expect(termNamed(pack, 'Application').definition).toBe(
      'A group of Kubernetes resources as defined by a manifest. This is a Custom Resource Definition (CRD).',
    );
    expect(termNamed(pack, 'Application source type').definition).toBe('Which **Tool** is used to build the application.');
    expect(termNamed(pack, 'Configuration management tool').definition).toBe('See **Tool**.');
    expect(warnings).toEqual([]);
  });

  it('headings: Prometheus glossary (`### Term`, front matter)', () => {
    const { pack, format } = imported(file('headings/prometheus-glossary.md'));
    expect(format).toBe('headings');
    expect(pack.terms).toHaveLength(27);
    expect(termNamed(pack, 'Alertmanager').definition).toMatch(
      /^The \[Alertmanager\]\(\/docs\/alerting\/latest\/overview\/\) takes in alerts/,
    );
    expect(termNamed(pack, 'PromQL').definition).toContain('is the Prometheus Query Language.');
    expect(termNamed(pack, 'Sample').details).toBeDefined();
  });

  it('html: Grafana glossary (an HTML <table> without a header row inside Markdown with TOML front matter)', () => {
    const { pack, format, warnings } = imported(file('html/grafana-glossary.md'));
    expect(format).toBe('html');
    expect(pack.terms.map((t) => t.term)).toEqual([
      'Dashboard',
      'Data source',
      'Graph',
      'Panel',
      'Plugin',
      'Query',
      'Time series',
      'Visualization',
    ]);
    expect(termNamed(pack, 'Graph').definition).toBe('A commonly-used visualization that displays data as points, lines, or bars.');
    expect(termNamed(pack, 'Plugin').definition).toContain(
      '**Data source plugin:** Extends Grafana with support for additional data sources.',
    );
    expect(termNamed(pack, 'Dashboard').category).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('folder: the CNCF glossary (Hugo, one file per term, `Title:` keys in either case)', () => {
    const { pack, format } = imported(folder('folder/cncf-glossary'));
    expect(format).toBe('folder');
    // 90 files; the search page has no definition.
    expect(pack.terms).toHaveLength(89);
    const api = termNamed(pack, 'Application Programming Interface');
    expect(api.aliases).toEqual(['API']);
    expect(api.definition).toMatch(/^An API is a way for computer programs to interact with each other\./);
    expect(termNamed(pack, 'Serverless').definition.length).toBeGreaterThan(40);
    expect(termNamed(pack, 'GitOps').definition).toMatch(/^GitOps is a set of practices for managing software applications/);
  });

  it('sphinx: Proxmox Backup glossary (`.. glossary::`, link-target terms)', () => {
    const { pack, format, warnings } = imported(file('sphinx/proxmox-backup-glossary.rst'));
    expect(format).toBe('sphinx');
    expect(pack.terms.map((t) => t.term)).toEqual([
      'Virtual machine',
      'Container',
      'Datastore',
      'Rust',
      'Sphinx',
      'reStructuredText',
      'FUSE',
      'Remote',
    ]);
    expect(termNamed(pack, 'Datastore').definition).toBe(
      'A place to store backups. A directory which contains the backup data. The current implementation is file-system based.',
    );
    expect(pack.name).toBe('Glossary');
    expect(warnings).toEqual([]);
  });

  it('abbr: LoRaWAN starter kit abbreviations (MkDocs `*[ABBR]: Expansion`)', () => {
    const { pack, format, warnings } = imported(file('abbr/lorawan-starterkit-abbreviations.md'));
    expect(format).toBe('abbr');
    expect(pack.terms).toHaveLength(8);
    expect(termNamed(pack, 'OTAA')).toMatchObject({ definition: 'Over The Air Activation', aliases: ['Over The Air Activation'] });
    expect(termNamed(pack, 'LBS').definition).toBe('LoRa Basics™ Station');
    expect(warnings).toEqual([]);
  });

  it('data: Hextra termbase (a YAML list of `term`, `abbr`, `definition`)', () => {
    const { pack, format } = imported(file('data/termbase.yaml'));
    expect(format).toBe('data');
    expect(pack.terms.map((t) => t.term)).toEqual(['seo', 'static site generator']);
    expect(termNamed(pack, 'static site generator').definition).toBe('Software engines processing text input to generate static web pages');
  });

  it('folder, held out: four Kubernetes glossary files (text before <!--more--> is the definition, shortcodes as text)', () => {
    const { pack, format, warnings } = imported(folder('folder/kubernetes-glossary'));
    expect(format).toBe('folder');
    expect(pack.terms.map((t) => t.term)).toEqual(['Cluster', 'Horizontal Pod Autoscaler', 'Kubelet', 'Pod']);
    expect(termNamed(pack, 'Horizontal Pod Autoscaler')).toMatchObject({
      aliases: ['HPA'],
      definition:
        'An API resource that automatically scales the number of pod replicas based on targeted CPU utilization or custom metric targets.',
      see: ['/docs/tasks/run-application/horizontal-pod-autoscale/'],
    });
    expect(termNamed(pack, 'Pod').definition).toBe(
      'The smallest and simplest Kubernetes object. A Pod represents a set of running containers on your cluster.',
    );
    expect(termNamed(pack, 'Cluster').details).toBe('A cluster has a control plane and several nodes.');
    expect(warnings).toEqual([]);
  });

  it('headings, held out: the OpenTelemetry glossary (`### Term` under `## Terms`, front matter)', () => {
    const { pack, format, warnings } = imported(file('headings/opentelemetry-glossary.md'));
    expect(format).toBe('headings');
    expect(pack.terms).toHaveLength(68);
    expect(termNamed(pack, 'DAG').definition).toBe('Directed Acyclic Graph.');
    expect(termNamed(pack, 'OTLP').definition).toBe('Short for [OpenTelemetry Protocol](/docs/specs/otlp/).');
    expect(termNamed(pack, 'Span').category).toBe('Terms');
    expect(warnings).toEqual([]);
  });

  it('sphinx, held out: the MetalK8s glossary (several term lines per entry, ``literal`` terms, `|substitutions|`)', () => {
    const { pack, format, warnings } = imported(file('sphinx/metalk8s-glossary.rst'));
    expect(format).toBe('sphinx');
    expect(pack.terms).toHaveLength(29);
    expect(termNamed(pack, 'API Server').aliases).toEqual(['kube-apiserver']);
    expect(termNamed(pack, 'API Server').details).toBe(
      'See also the official Kubernetes documentation for [kube-apiserver](https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/).',
    );
    expect(termNamed(pack, 'Bootstrap').aliases).toEqual(['Bootstrap node']);
    expect(termNamed(pack, 'Alertmanager').definition).toBe(
      'The Alertmanager is a service for handling alerts sent by client applications, such as Prometheus.',
    );
    expect(warnings).toEqual([]);
  });

  it('asciidoc, held out: the RISC-V glossary (`[[anchor]]Term:: definition` under `[glossary]`)', () => {
    const { pack, format, warnings } = imported(file('asciidoc/riscv-glossary.adoc'));
    expect(format).toBe('asciidoc');
    // 189 entries, "SBI" twice: merged into one.
    expect(pack.terms).toHaveLength(188);
    expect(termNamed(pack, 'ABI').definition).toBe(
      'Application Binary Interface. Abstractions and interfaces between applications and the AEE that control interactions. See 1.1. RISC-V Privileged Software Stack Terminology.',
    );
    expect(termNamed(pack, 'IRC').definition).toContain('See [Internet Relay Chat](https://tools.ietf.org/html/rfc2812).');
    expect(termNamed(pack, 'XLEN').category).toBe('RISC-V terms');
    expect(warnings).toEqual([expect.stringMatching(/"SBI" is defined twice/)]);
  });

  it('tbx: a Weblate test term base (TBX 2 `martif`, English with Czech, no definitions)', () => {
    const { pack, format, warnings } = imported(file('tbx/weblate-cs.tbx'));
    expect(format).toBe('tbx');
    expect(pack.terms.map((t) => t.term)).toEqual(['address bar', 'administrator', 'administrate', 'always on top']);
    expect(termNamed(pack, 'address bar').definition).toBe('Translations: cs: adresní řádek.');
    expect(warnings).toEqual([]);
  });
});
