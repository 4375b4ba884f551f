import type { PostResult } from '../digest/poster.ts';

/** What `npm run digest -- --now` prints for one channel: words that match what happened. */
export const describePost = (result: PostResult): string => {
  switch (result.status) {
    case 'posted':
      return `posted (ts ${result.ts})`;
    case 'already-posted':
      return `already posted (ts ${result.ts}): left alone`;
    case 'failed':
      return result.maybePosted
        ? `NOT CONFIRMED (${result.reason}): it may have reached the channel; the next run checks before posting again`
        : `FAILED (${result.reason}): see the log above`;
    case 'in-progress-elsewhere':
      return `left alone: another process is posting it (its claim holds until ${result.until})`;
    case 'empty-catalogue':
      return 'nothing to post: the catalogue is empty';
  }
};
