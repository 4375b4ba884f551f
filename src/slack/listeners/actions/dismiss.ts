import { publishHome } from '../../home.ts';
import { buttonListener, isHomeTab } from './action-payload.ts';

/** "Dismiss": deletes the ephemeral preview; in the Home tab, clears the results. */
export const dismiss = buttonListener('dismiss', async (deps, payload, { client, respond }, log) => {
  try {
    if (isHomeTab(payload)) {
      await publishHome(deps, client, payload.user.id);
    } else if (payload.response_url !== undefined) {
      await respond({ delete_original: true });
    }
  } catch (error) {
    log.error('Could not dismiss', { error, user: payload.user.id });
  }
});
