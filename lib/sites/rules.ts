// Region rules: the simple selectors an adapter excludes, compiled into a test that costs one regular
// expression on the class string and, only for elements with other attributes, a few lookups. The
// scanner asks `exclude(el)` for every element of the page, so this test must cost less than the walk's
// own work per node: `el.matches()` with a long selector list, or iterating `classList` with several
// `getAttribute`s, costs more than that (bench/notes.md has the figures).
// Each compiled rule set also keeps the equivalent selector list: documentation, and the unit tests
// check that the fast test and `el.matches(selector)` agree on every element of the saved pages.

export interface RegionRules {
  /** `.name` */
  classes?: readonly string[];
  /** Element names (`file-tree`, `pre`). */
  tags?: readonly string[];
  /** `#id` */
  ids?: readonly string[];
  /** `[name="value"]` for each listed value, or `[name]` (presence) when `true`. */
  attributes?: Readonly<Record<string, readonly string[] | true>>;
  /** `[name^="prefix"]` */
  attributePrefixes?: Readonly<Record<string, readonly string[]>>;
  /** `[class*="part"]`: CSS-module class names such as `prc-BranchName-BranchName-jFVxe`. */
  classParts?: readonly string[];
  /** Anything else, with the selector it stands for. Kept rare: it runs on every element. */
  custom?: ReadonlyArray<{ selector: string; test(el: Element): boolean }>;
  /**
   * Not a rule but a shortcut: an element whose only class starts with one of these prefixes is never
   * excluded, without looking at its attributes (GitHub's syntax-highlighting spans, `span.pl-k`, are
   * most of the elements of a diff and carry nothing else).
   */
  plainClassPrefixes?: readonly string[];
}

export interface CompiledRules {
  /** Does `el` itself match one of the rules? */
  test(el: Element): boolean;
  /** The same rules as a CSS selector list. */
  readonly selector: string;
}

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** Several rule sets as one (one pass per element when none matches). */
export function mergeRules(...sets: readonly RegionRules[]): RegionRules {
  const merged: Required<Omit<RegionRules, 'attributes' | 'attributePrefixes'>> & Pick<RegionRules, 'attributes' | 'attributePrefixes'> = {
    classes: [],
    tags: [],
    ids: [],
    classParts: [],
    custom: [],
    plainClassPrefixes: [],
  };
  const attributes: Record<string, string[] | true> = {};
  const prefixes: Record<string, string[]> = {};
  for (const set of sets) {
    merged.classes = [...merged.classes, ...(set.classes ?? [])];
    merged.tags = [...merged.tags, ...(set.tags ?? [])];
    merged.ids = [...merged.ids, ...(set.ids ?? [])];
    merged.classParts = [...merged.classParts, ...(set.classParts ?? [])];
    merged.custom = [...merged.custom, ...(set.custom ?? [])];
    merged.plainClassPrefixes = [...merged.plainClassPrefixes, ...(set.plainClassPrefixes ?? [])];
    for (const [name, values] of Object.entries(set.attributes ?? {})) {
      const had = attributes[name];
      attributes[name] = values === true || had === true ? true : [...(had ?? []), ...values];
    }
    for (const [name, values] of Object.entries(set.attributePrefixes ?? {})) prefixes[name] = [...(prefixes[name] ?? []), ...values];
  }
  return { ...merged, attributes, attributePrefixes: prefixes };
}

export function compileRules(rules: RegionRules): CompiledRules {
  const classes = new Set(rules.classes ?? []);
  const tags = new Set(rules.tags ?? []);
  const ids = new Set(rules.ids ?? []);
  const classParts = [...(rules.classParts ?? [])];
  const custom = [...(rules.custom ?? [])];
  // Per attribute name: the exact values (or presence), and the prefixes.
  const attributeNames = [...new Set([...Object.keys(rules.attributes ?? {}), ...Object.keys(rules.attributePrefixes ?? {})])];
  const checks = attributeNames.map((name) => {
    const exact = rules.attributes?.[name];
    return {
      name,
      present: exact === true,
      values: new Set(exact === true || exact === undefined ? [] : exact),
      prefixes: [...(rules.attributePrefixes?.[name] ?? [])],
    };
  });

  // One pass over the class string: whole class names, or parts of one (`[class*=…]`).
  const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const alternatives = [
    ...(classes.size > 0 ? [`(?:^|\\s)(?:${[...classes].map(escape).join('|')})(?=\\s|$)`] : []),
    ...classParts.map(escape),
  ];
  const classPattern = alternatives.length > 0 ? new RegExp(alternatives.join('|')) : null;
  const hasAttributeRules = ids.size > 0 || checks.length > 0;
  const plain = [...(rules.plainClassPrefixes ?? [])];

  // Built when read (tests, documentation): the content script evaluates every adapter's rules while
  // the page is being parsed, and only `test` runs there.
  let selector: string | null = null;
  const selectorList = () =>
    [
      ...[...classes].map((c) => `.${c}`),
      ...tags,
      ...[...ids].map((id) => `#${id}`),
      ...checks.flatMap((c) => [
        ...(c.present ? [`[${c.name}]`] : []),
        ...[...c.values].map((v) => `[${c.name}=${quote(v)}]`),
        ...c.prefixes.map((p) => `[${c.name}^=${quote(p)}]`),
      ]),
      ...classParts.map((p) => `[class*=${quote(p)}]`),
      ...custom.map((c) => c.selector),
    ].join(',');

  return {
    get selector() {
      return (selector ??= selectorList());
    },
    test(el: Element): boolean {
      // `className` is a string on HTML elements (an object on SVG ones: read the attribute then).
      const raw = (el as HTMLElement).className;
      const cls = typeof raw === 'string' ? raw : el.getAttribute('class');
      if (classPattern !== null && cls && classPattern.test(cls)) return true;
      if (cls && plain.length > 0 && cls.indexOf(' ') < 0) {
        for (let p = 0; p < plain.length; p++) if (cls.startsWith(plain[p]!)) return false;
      }
      if (tags.size > 0 && tags.has(el.localName)) return true;
      for (let i = 0; i < custom.length; i++) if (custom[i]!.test(el)) return true;
      if (!hasAttributeRules) return false;
      // Most elements carry a class and nothing else (syntax-highlighting spans, table cells): done.
      if (el.attributes.length <= (cls ? 1 : 0)) return false;
      if (ids.size > 0 && el.id !== '' && ids.has(el.id)) return true;
      for (let i = 0; i < checks.length; i++) {
        const check = checks[i]!;
        const value = el.getAttribute(check.name);
        if (value === null) continue;
        if (check.present || check.values.has(value)) return true;
        for (let p = 0; p < check.prefixes.length; p++) if (value.startsWith(check.prefixes[p]!)) return true;
      }
      return false;
    },
  };
}
