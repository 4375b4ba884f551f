// Preloaded with `node --import` by the npm scripts: Node keeps the compiled code of the
// modules it loads (zod's alone takes ~50 ms to compile) in its cache folder under the
// system's temporary directory, so a second start skips that work. Where the folder cannot
// be written (a read-only container), Node says so in the status it returns and runs as before.
import { enableCompileCache } from 'node:module';

enableCompileCache();
