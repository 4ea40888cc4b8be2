import { defineConfig } from 'wxt';
import { glossaryIndexPlugin } from './scripts/glossary-vite-plugin';

// Least privilege: github.com is the only required host; every other site is asked for at runtime.
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  vite: () => ({ plugins: [glossaryIndexPlugin({ dir: 'glossary' })] }),
  manifest: ({ manifestVersion }) => ({
    name: 'Termlens',
    description: "Your team's glossary on the pages where you read jargon: GitHub, Grafana, Argo CD.",
    permissions: ['storage', 'scripting', 'activeTab'],
    // Firefox MV2 has no optional_host_permissions: the same patterns go in optional_permissions.
    ...(manifestVersion === 3
      ? { optional_host_permissions: ['http://*/*', 'https://*/*'] }
      : { optional_permissions: ['http://*/*', 'https://*/*'] }),
    commands: {
      'explain-selection': {
        suggested_key: { default: 'Alt+Shift+G' },
        description: 'Explain the selected term',
      },
    },
    browser_specific_settings: { gecko: { id: 'termlens@example.org' } },
  }),
});
