// The popup's "Updated since your last visit": what subscription refreshes added, removed and changed,
// shown once (the background marks them seen as the popup shows them).
import { useEffect, useState } from 'react';
import { FIELD_NAMES } from '../lib/settings/updates';
import type { PackChange } from '../lib/settings';
import { send } from '../utils/messaging';

export function RecentChangesList({ changes }: { changes: readonly PackChange[] }) {
  if (changes.length === 0) return null;
  return (
    <section className="panel recent-changes" aria-labelledby="recent-changes-title">
      <h2 id="recent-changes-title" className="panel-title">
        Updated since your last visit
      </h2>
      <ul>
        {changes.map((c) => (
          <li key={`${c.packId}@${c.at}`}>
            <strong>{c.packName}</strong>
            {c.version ? ` (version ${c.version})` : ''}
            <span className="ui-muted"> · {new Date(c.at).toLocaleDateString()}</span>
            <ul>
              {c.added.length > 0 && <li>New: {c.added.join(', ')}</li>}
              {c.changed.map((t) => (
                <li key={t.term}>
                  {t.term}: {[...new Set(t.fields.map((f) => FIELD_NAMES[f] ?? f))].join(', ')} changed
                </li>
              ))}
              {c.removed.length > 0 && <li>Removed: {c.removed.join(', ')}</li>}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Mounted as one line in the popup: asks once, and the changes count as seen from then on. */
export function RecentChanges() {
  const [changes, setChanges] = useState<PackChange[]>([]);
  useEffect(() => {
    send('changes', { markSeen: true }).then(
      (r) => setChanges(r.changes),
      () => setChanges([]),
    );
  }, []);
  return <RecentChangesList changes={changes} />;
}
