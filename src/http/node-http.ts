import { createRequire } from 'node:module';

/**
 * node:http, required rather than imported. An ES import of node:http builds its module
 * namespace from every export, which reads the lazy getters of http.WebSocket and its
 * events and so loads Node's bundled copy of undici: 13 MB of RSS in a bare process, for a
 * WebSocket client the bot never uses. Modules of ours that need node:http's values take them here;
 * its types can still be imported with `import type`.
 */
export const http = createRequire(import.meta.url)('node:http') as typeof import('node:http');

// Types only, erased at run time: the rest of src takes node:http's types from here too, so
// that a lint rule can forbid every other import of node:http (biome.jsonc).
export type { Agent, IncomingHttpHeaders, IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
