import { useEffect, useState } from 'react';
import type { Stats } from '../../lib/protocol';
import { send } from '../../utils/messaging';

export function App() {
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    send('stats', {}).then(setStats, (e: unknown) => setError(String(e)));
  }, []);
  return (
    <main>
      <h1>Termlens</h1>
      {error && <p role="alert">{error}</p>}
      {stats && (
        <p data-testid="stats">
          {stats.termCount} terms in {stats.packs.length} packs
        </p>
      )}
    </main>
  );
}
