/** Time and timers, passed in: tests move a fake clock through daylight-saving changes in milliseconds. */
export interface Clock {
  now(): Date;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real one, given by src/compose.ts; an unref'd timer never keeps a stopping process alive. */
export const systemClock: Clock = {
  now: () => new Date(),
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
