/** Preloaded into src/main.ts by process.test.ts: a rejection nobody awaits, once the bot runs. */
setTimeout(() => {
  Promise.reject(new Error('a stray rejection'));
}, 500);
