// The page opened once, on install: where Termlens runs (github.com at once, other sites only when the
// user turns them on), and the step that makes it useful, the team's own glossary, first.
import { browser } from 'wxt/browser';

/** The options page's "Add a glossary" section (entrypoints/options/panels/ImportPanel.tsx). */
export const IMPORT_SECTION = '/options.html#import';

export function App() {
  const importUrl = browser.runtime.getURL(IMPORT_SECTION);
  return (
    <main className="welcome">
      <header className="welcome-head">
        <img src="/icon/128.png" alt="" />
        <h1>Termlens is ready</h1>
      </header>
      <p>
        Termlens highlights your team’s terms on the pages where you read them. Rest the pointer on a highlighted word for its definition.
      </p>

      <section className="welcome-step" aria-labelledby="glossary-title">
        <h2 id="glossary-title">Add your team’s glossary</h2>
        <p>
          Termlens comes with a few public glossaries (Kubernetes, deployment, self-hosted platforms). Your team’s own words are what make
          it useful:
        </p>
        <ul>
          <li>
            <strong>A file</strong>: a Markdown glossary (bold headwords, a table, one heading per term, a CONTEXT.md), YAML or JSON.
          </li>
          <li>
            <strong>A URL</strong>: Termlens subscribes to it and refreshes it, keeping the last good version if a refresh fails.
          </li>
          <li>
            <strong>A file in a private GitHub repository</strong>: paste its github.com address; Termlens reads it with your github.com
            session and never asks for a token.
          </li>
        </ul>
        <a className="ui-button primary welcome-cta" href={importUrl}>
          Add your team’s glossary
        </a>
      </section>

      <section aria-labelledby="where-title">
        <h2 id="where-title">Where Termlens runs</h2>
        <ul>
          <li>
            <strong>github.com</strong>, from now on: pull requests, issues, code and wikis.
          </li>
          <li>
            <strong>Any other site</strong> (Grafana, Argo CD, GitHub Enterprise, your docs) only once you turn it on: open Termlens from
            the toolbar on that site and switch “This site” on. Your browser asks you for access to that one site; nothing else is read.
          </li>
        </ul>
        <p className="ui-muted">
          Pin Termlens to the toolbar (the puzzle-piece menu) to reach its search and switches. “Pause Termlens everywhere” there stops it
          on every site until you resume.
        </p>
      </section>

      <section aria-labelledby="keys-title">
        <h2 id="keys-title">From the keyboard</h2>
        <p>
          Select a word and press <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>G</kbd> to explain it.
        </p>
      </section>
    </main>
  );
}
