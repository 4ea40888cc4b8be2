import { describe, expect, it } from 'vitest';
import { cleanHeadword, isAbbreviation, splitHeadword } from '../../lib/glossary/headword';

describe('splitHeadword', () => {
  it.each([
    ['HPA (HorizontalPodAutoscaler)', { term: 'HPA', aliases: ['HorizontalPodAutoscaler'] }],
    ['CRD (Custom Resource Definition)', { term: 'CRD', aliases: ['Custom Resource Definition'] }],
    ['AOF (Append-Only File)', { term: 'AOF', aliases: ['Append-Only File'] }],
    ['Kubernetes (k8s)', { term: 'Kubernetes', aliases: ['k8s'] }],
    ['Server-Side Apply (SSA)', { term: 'Server-Side Apply', aliases: ['SSA'] }],
    ['OpenTelemetry (OTel)', { term: 'OpenTelemetry', aliases: ['OTel'] }],
    ['Backup & disaster recovery (DR)', { term: 'Backup & disaster recovery', aliases: ['DR'] }],
    ['OWASP CRS (Core Rule Set)', { term: 'OWASP CRS', aliases: ['Core Rule Set'] }],
    ['CR / CRD', { term: 'CR', aliases: ['CRD'] }],
    ['barman / barman-cloud', { term: 'barman', aliases: ['barman-cloud'] }],
    ['ServiceLB (klipper)', { term: 'ServiceLB', aliases: ['klipper'] }],
    ['pause container (sandbox)', { term: 'pause container', aliases: ['sandbox'] }],
    ['Database (db)', { term: 'Database', aliases: ['db'] }],
    ['Authentication (authn)', { term: 'Authentication', aliases: ['authn'] }],
    ['Cloud-managed Prometheus (AMP / GMP)', { term: 'Cloud-managed Prometheus', aliases: ['AMP', 'GMP'] }],
  ])('%s → term and aliases', (raw, expected) => {
    expect(splitHeadword(raw)).toEqual(expected);
  });

  it.each([
    ['Secret (Kubernetes)', 'Secret', 'Kubernetes'],
    ['Component (Kustomize)', 'Component', 'Kustomize'],
    ['VPC CNI (AWS)', 'VPC CNI', 'AWS'],
    ['kubectl apply (3-way merge)', 'kubectl apply', '3-way merge'],
    ['Scheduling (filter & score)', 'Scheduling', 'filter & score'],
    ['Alertmanager inhibition rules (production)', 'Alertmanager inhibition rules', 'production'],
    ['Impersonation (--as)', 'Impersonation', '--as'],
    ['Token (auth)', 'Token', 'auth'],
    ['Secret (k8s)', 'Secret', 'k8s'],
    ['Migration (db)', 'Migration', 'db'],
  ])('%s → context word as qualifier', (raw, term, qualifier) => {
    expect(splitHeadword(raw)).toEqual({ term, aliases: [], qualifier });
  });

  it('gives sensible results for long slash and colon headwords', () => {
    expect(splitHeadword('Cloud LoadBalancer / Service type: LoadBalancer')).toEqual({
      term: 'Cloud LoadBalancer',
      aliases: ['Service type: LoadBalancer'],
    });
    expect(splitHeadword('eksctl / gcloud container clusters create / az aks create')).toEqual({
      term: 'eksctl',
      aliases: ['gcloud container clusters create', 'az aks create'],
    });
    expect(splitHeadword('mode: global')).toEqual({ term: 'mode: global', aliases: [] });
  });

  it('lets a bare lowercase word after a two-word headword share its first word', () => {
    expect(splitHeadword('Pod lifecycle / phase')).toEqual({ term: 'Pod lifecycle', aliases: ['Pod phase'] });
    expect(splitHeadword('Sync wave / hook (Argo)')).toEqual({ term: 'Sync wave', aliases: ['Sync hook'], qualifier: 'Argo' });
  });

  it('keeps a headword with parentheses in the middle whole', () => {
    expect(splitHeadword('Full (strict) SSL')).toEqual({ term: 'Full (strict) SSL', aliases: [] });
    expect(splitHeadword('VolumeSnapshotContent (cluster-scoped) vs VolumeSnapshot (namespaced)').term).toBe(
      'VolumeSnapshotContent (cluster-scoped) vs VolumeSnapshot (namespaced)',
    );
  });

  it('reads a short dash suffix as a qualifier', () => {
    expect(splitHeadword('External Secrets Operator (ESO) — production')).toEqual({
      term: 'External Secrets Operator',
      aliases: ['ESO'],
      qualifier: 'production',
    });
  });

  it('treats a parenthetical as context when it names another term or repeats a headword', () => {
    const others = new Set(['controller-runtime', 'headless service']);
    expect(splitHeadword('Reconcile loop (controller-runtime)', { otherHeadwords: others })).toEqual({
      term: 'Reconcile loop',
      aliases: [],
      qualifier: 'controller-runtime',
    });
    expect(splitHeadword('Reconcile loop (controller-runtime)')).toEqual({ term: 'Reconcile loop', aliases: ['controller-runtime'] });
    expect(splitHeadword('Headless Service (discovery)', { otherHeadwords: others })).toEqual({
      term: 'Headless Service',
      aliases: [],
      qualifier: 'discovery',
    });
  });

  it('strips Markdown from the headword', () => {
    expect(cleanHeadword('**`kubectl`**:')).toBe('kubectl');
    expect(cleanHeadword('_helpers.tpl')).toBe('_helpers.tpl');
    expect(cleanHeadword('*emphasis*')).toBe('emphasis');
  });

  it('strips Markdown links to their text', () => {
    expect(cleanHeadword('[Pod](https://kubernetes.io/docs/concepts/workloads/pods/)')).toBe('Pod');
    expect(cleanHeadword('**[Pod](pods.md)**:')).toBe('Pod');
    expect(cleanHeadword('[`kubectl`](https://kubernetes.io/docs/reference/kubectl/ "kubectl reference")')).toBe('kubectl');
    expect(cleanHeadword('[Pod](<docs/a pod.md>) / [Job](https://en.wikipedia.org/wiki/Job_(computing))')).toBe('Pod / Job');
  });

  it('keeps an absolute http(s) link target of a headword as a reference, and drops other targets', () => {
    expect(splitHeadword('[Pod](https://kubernetes.io/docs/concepts/workloads/pods/)')).toEqual({
      term: 'Pod',
      aliases: [],
      see: ['https://kubernetes.io/docs/concepts/workloads/pods/'],
    });
    expect(splitHeadword('[Pod](pods.md)')).toEqual({ term: 'Pod', aliases: [] });
    expect(splitHeadword('[HPA](http://example.com/hpa) (HorizontalPodAutoscaler)')).toEqual({
      term: 'HPA',
      aliases: ['HorizontalPodAutoscaler'],
      see: ['http://example.com/hpa'],
    });
  });
});

describe('isAbbreviation', () => {
  it('recognises initials, letter subsequences and numeronyms', () => {
    expect(isAbbreviation('HPA', 'HorizontalPodAutoscaler')).toBe(true);
    expect(isAbbreviation('k8s', 'Kubernetes')).toBe(true);
    expect(isAbbreviation('authN', 'Authentication')).toBe(true);
    expect(isAbbreviation('LBC', 'AWS Load Balancer Controller')).toBe(true);
  });

  it('rejects ordinary words and unrelated acronyms', () => {
    expect(isAbbreviation('Kubernetes', 'Secret')).toBe(false);
    expect(isAbbreviation('AWS', 'VPC CNI')).toBe(false);
    expect(isAbbreviation('GPU', 'Time-slicing')).toBe(false);
  });
});
