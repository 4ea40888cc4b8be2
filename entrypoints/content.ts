import { defineContentScript } from 'wxt/utils/define-content-script';

export default defineContentScript({
  matches: ['https://github.com/*'],
  main() {
    // The scanner, highlighter and hover card arrive with the "find, highlight and explain" issue.
  },
});
