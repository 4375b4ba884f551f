// Preloaded with `node --import` by the npm scripts: Node keeps the compiled code of the
// modules it loads, and the TypeScript it strips, in its cache folder under the system's
// temporary directory, so a second start skips that work. Where the folder cannot be
// written (a read-only container), Node says so in the status it returns and runs as before.
// JavaScript, not TypeScript: a .ts preload makes Node load its type stripper (some 50 ms)
// before the cache that would spare it is on.
import { enableCompileCache } from 'node:module';

enableCompileCache();
