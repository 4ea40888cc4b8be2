// How the options page runs a change: with the controls disabled, an error of its own at the top, and
// the errors a panel showed for an earlier action cleared when another one starts.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Runner {
  busy: boolean;
  /** The last change's outcome, for the page's live status line. */
  status: string;
  setStatus(status: string): void;
  /** An unexpected failure (the background did not answer, storage failed), shown at the top. */
  error: string | null;
  fail(e: unknown): void;
  run(what: () => Promise<void>): Promise<void>;
  /** Calls `clear` whenever a change starts; returns the unsubscribe. */
  onRun(clear: () => void): () => void;
}

export function useRunner(): Runner {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const clearers = useRef(new Set<() => void>());
  const fail = useCallback((e: unknown) => setError(e instanceof Error ? e.message : String(e)), []);
  const onRun = useCallback((clear: () => void) => {
    clearers.current.add(clear);
    return () => void clearers.current.delete(clear);
  }, []);
  const run = useCallback(
    async (what: () => Promise<void>) => {
      setBusy(true);
      setError(null);
      for (const clear of clearers.current) clear();
      try {
        await what();
      } catch (e) {
        fail(e);
      } finally {
        setBusy(false);
      }
    },
    [fail],
  );
  return { busy, status, setStatus, error, fail, run, onRun };
}

/** A panel's own error list for its last action (an import's errors, a restore's): cleared when any change starts. */
export function useActionErrors(runner: Pick<Runner, 'onRun'>) {
  const [errors, setErrors] = useState<string[]>([]);
  const { onRun } = runner;
  useEffect(() => onRun(() => setErrors([])), [onRun]);
  return [errors, setErrors] as const;
}
