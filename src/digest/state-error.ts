/**
 * The digest state cannot be read or saved (a broken file, Redis down); the message names
 * where and how to fix it. A module of its own: every command line reports it, and must not
 * load the state's schema to know it.
 */
export class DigestStateError extends Error {
  override readonly name = 'DigestStateError';
}
