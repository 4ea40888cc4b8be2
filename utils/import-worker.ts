// Names the background, the offscreen document and the import Worker share (WXT output paths).
export const IMPORT_WORKER_FILE = 'import-worker.js';
export const OFFSCREEN_FILE = 'offscreen.html';
/** The runtime port from the offscreen document to the background. */
export const IMPORT_PORT = 'termlens:import-worker';
