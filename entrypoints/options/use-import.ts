// Adding a glossary: a file (or a folder of files) or a URL to subscribe to, previewed first, then
// stored. A server without CORS headers needs host access for the background to read it.
import { useState, type ChangeEvent } from 'react';
import { browser } from 'wxt/browser';
import type { ImportOptions, ImportPreview, ImportSource } from '../../lib/protocol';
import { send } from '../../utils/messaging';
import { githubFile, GITHUB_RAW_ORIGIN } from '../../lib/glossary/github-file';
import { sizeProblem } from '../../lib/glossary/limits';
import { useActionErrors, type Runner } from './use-runner';

export type Pending =
  | { kind: 'file'; source: ImportSource; options: ImportOptions; preview: ImportPreview }
  | { kind: 'url'; url: string; options: ImportOptions; preview: ImportPreview };

async function readSource(files: FileList): Promise<ImportSource> {
  const list = [...files];
  // Refused before the file is read: a 50 MB file would be read whole only to be refused.
  const total = list.reduce((n, f) => n + f.size, 0);
  const tooLarge = sizeProblem(list.length === 1 ? list[0]!.name : `${list.length} files`, total);
  if (tooLarge) throw new Error(tooLarge);
  if (list.length === 1 && list[0]) return { kind: 'text', name: list[0].name, text: await list[0].text() };
  // Several files: the "folder of one Markdown file per term" shape.
  const withPaths = await Promise.all(list.map(async (f) => ({ path: f.webkitRelativePath || f.name, text: await f.text() })));
  const folder = withPaths[0]?.path.includes('/') ? withPaths[0].path.split('/')[0] : undefined;
  return { kind: 'files', name: folder ?? `${list.length} files`, files: withPaths };
}

export function useImport(runner: Runner, reload: () => Promise<void>) {
  const { run, fail, setStatus } = runner;
  const [format, setFormat] = useState('auto');
  const [packId, setPackId] = useState('');
  const [packName, setPackName] = useState('');
  const [importErrors, setImportErrors] = useActionErrors(runner);
  const [pending, setPending] = useState<Pending | null>(null);
  /** Bumped to empty the file input (a new key is a new element). */
  const [fileKey, setFileKey] = useState(0);
  const [url, setUrl] = useState('');
  const [urlErrors, setUrlErrors] = useActionErrors(runner);
  const [needsAccess, setNeedsAccess] = useState<string | null>(null);

  const importOptions = (): ImportOptions => ({
    ...(format !== 'auto' ? { format } : {}),
    ...(packId.trim() ? { id: packId.trim() } : {}),
    ...(packName.trim() ? { name: packName.trim() } : {}),
  });

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const files = e.target.files;
    if (!files || files.length === 0) return;
    void run(async () => {
      setPending(null);
      let source: ImportSource;
      try {
        source = await readSource(files);
      } catch (e) {
        setImportErrors([e instanceof Error ? e.message : String(e)]);
        setFileKey((k) => k + 1);
        return;
      }
      const options = importOptions();
      const result = await send('importPack', { source, options, commit: false });
      if (!result.ok) {
        setImportErrors(result.errors);
        setFileKey((k) => k + 1);
        return;
      }
      setPending({ kind: 'file', source, options, preview: result.preview });
    });
  };

  const previewUrl = (target = url) =>
    run(async () => {
      setPending(null);
      setNeedsAccess(null);
      const options = importOptions();
      const result = await send('subscribe', { url: target, options, commit: false });
      if (!result.ok) {
        setUrlErrors(result.errors);
        // With access already granted the failure is the server's: asking again would not help.
        if (result.errors.some((e) => e.includes('could not fetch'))) {
          try {
            // A github.com file is read through raw.githubusercontent.com, where GitHub redirects.
            const origin = githubFile(target) ? GITHUB_RAW_ORIGIN : `${new URL(target).origin}/*`;
            if (!(await browser.permissions.contains({ origins: [origin] }))) setNeedsAccess(origin);
          } catch {
            /* not a URL: the error says so */
          }
        }
        return;
      }
      setPending({ kind: 'url', url: target, options, preview: result.preview });
    });

  const grantAndRetry = async () => {
    if (!needsAccess) return;
    const granted = await browser.permissions.request({ origins: [needsAccess] });
    // Access to read a glossary is not a wish to see highlights there: a granted site counts as turned
    // on (its content script is registered), so this one is turned off in its site settings.
    if (granted)
      await send('setSiteSettings', { host: new URL(needsAccess.replace(/\*$/, '')).hostname, patch: { enabled: false } }).catch(fail);
    if (granted) await previewUrl();
    else setUrlErrors((e) => [...e, `Access to ${needsAccess} was not granted.`]);
  };

  const commit = () =>
    run(async () => {
      if (!pending) return;
      const result =
        pending.kind === 'file'
          ? await send('importPack', { source: pending.source, options: pending.options, commit: true })
          : await send('subscribe', { url: pending.url, options: pending.options, commit: true, previewed: pending.preview });
      if (!result.ok) {
        (pending.kind === 'file' ? setImportErrors : setUrlErrors)(result.errors);
        setPending(null);
        return;
      }
      setStatus(
        `${pending.kind === 'url' ? 'Subscribed to' : 'Imported'} “${result.preview.pack.name}”: ${result.preview.pack.termCount} terms.`,
      );
      setPending(null);
      setFileKey((k) => k + 1);
      if (pending.kind === 'url') setUrl('');
      await reload();
    });

  const cancel = () => {
    setPending(null);
    setFileKey((k) => k + 1);
  };

  return {
    fields: { format, setFormat, packId, setPackId, packName, setPackName },
    file: { fileKey, onFile, importErrors },
    subscription: { url, setUrl, urlErrors, needsAccess, previewUrl, grantAndRetry },
    pending: { pending, commit, cancel },
  };
}
