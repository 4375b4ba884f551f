import { describe, expect, it } from 'vitest';
import { mrkdwnToText } from '../../src/console/render-text.ts';

describe('mrkdwn as terminal text', () => {
  it('turns links into "label (url)", drops bold and italic marks, and undoes escapes', () => {
    expect(mrkdwnToText('*<https://www.youtube.com/watch?v=YX0sql_3dt8|Deep Dive>*')).toBe(
      'Deep Dive (https://www.youtube.com/watch?v=YX0sql_3dt8)',
    );
    expect(mrkdwnToText('_Stance: adopt_\n*Team’s takeaway:* fine')).toBe('Stance: adopt\nTeam’s takeaway: fine');
    expect(mrkdwnToText('&lt;!channel&gt; &amp; <https://example.com>')).toBe('<!channel> & https://example.com');
  });

  it('leaves underscores and asterisks inside words alone', () => {
    expect(mrkdwnToText('snake_case_name and 2*3*4')).toBe('snake_case_name and 2*3*4');
  });
});
