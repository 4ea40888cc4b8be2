import { bundledIndex } from '../../utils/bundled-index';
import { defineBackground } from 'wxt/utils/define-background';
import { listen } from '../../utils/messaging';
import { createGlossaryService, registerGlossaryEvents } from './glossary-service';
import { createPolicySource } from './managed';
import { pageHandlers, registerPageSupport, withRegistrationSync } from './page-support';
import { registerFirstRun } from './first-run';
import { registerActionIcon } from './action-icon';
import { openImportChannel } from './import-channel';

export default defineBackground(() => {
  // Bundled index + user packs, settings, search, imports: state in storage, indexes rebuilt lazily.
  // The organization's policy, as last read: Chromium's first storage.managed read waits seconds.
  const policy = createPolicySource(
    () => void glossary.applyPolicy().catch((error: unknown) => console.warn('Termlens: could not apply the managed policy', error)),
  );
  const glossary = createGlossaryService({
    bundled: bundledIndex,
    readPolicy: policy.current,
    refreshPolicy: policy.refresh,
    // Imports are read in a Worker: the parse of a large file holds none of the messages below.
    importChannel: openImportChannel,
  });
  registerGlossaryEvents(glossary);
  registerPageSupport();
  registerFirstRun();
  registerActionIcon();
  listen(
    withRegistrationSync({
      // Search, settings, packs, imports, backup, and `stats` (bundled + user packs).
      ...glossary.handlers(),
      // The content script's matcher, look-ups and lazily loaded card.
      ...pageHandlers(glossary),
    }),
  );
});
