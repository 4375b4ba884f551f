import { ACTIONS, decodeRating } from '../../../blocks/ids.ts';
import { messages } from '../../../blocks/messages.ts';
import { buttonListener, clickedMessage, clickedValue } from './action-payload.ts';

/**
 * 👍 / 👎 under an answer. The answer is the message the buttons sit on (its channel and
 * ts), so a second click by the same person replaces their first; the feedback store keeps
 * only counts, and the vote a week under a salted hash (src/feedback/). Thanked privately,
 * under the answer, which stays as it is.
 */
export const rateAnswer = buttonListener('rate_answer', async (deps, payload, { respond }, log) => {
  const rating = decodeRating(clickedValue(payload));
  const feedback = deps.feedback;
  if (rating === undefined || feedback === undefined) {
    log.debug('Ignored a rating the bot did not write, or with no feedback store', { user: payload.user.id });
    return;
  }
  const value = payload.actions[0]?.action_id === ACTIONS.rateUp ? 'up' : 'down';
  try {
    const outcome = await feedback.rate({
      voter: payload.user.id,
      answer: clickedMessage(payload),
      kind: rating.kind,
      talks: rating.talks,
      value,
    });
    if (payload.response_url === undefined) return;
    const language = await deps.languages.forUser(payload.user.id);
    await respond({ response_type: 'ephemeral', replace_original: false, text: messages(language).rated(value, outcome) });
  } catch (error) {
    log.warn('Could not count a rating', { error, user: payload.user.id });
  }
});
