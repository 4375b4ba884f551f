import { z } from 'zod';
import { invalidFields } from '../../payloads.ts';
import { buttonListener } from './action-payload.ts';
import { showTopicTalks } from './show-topic.ts';

/** A menu sends its choice in `selected_option`, which the common block_actions schema leaves out; a topic id is a short slug. */
const PickedTopicSchema = z.object({
  actions: z.array(z.object({ selected_option: z.object({ value: z.string().min(1).max(150) }) })).min(1),
});

/** The topic menu (`pick_topic`, in /kubecon topics, long suggestion lists and the Home tab): the chosen topic's talks. */
export const pickTopic = buttonListener('pick_topic', async (deps, payload, args, log) => {
  const picked = PickedTopicSchema.safeParse(args.body);
  if (!picked.success) {
    log.warn('Ignored a topic menu choice without a topic', { fields: invalidFields(picked.error) });
    return;
  }
  await showTopicTalks(deps, payload, args, log, picked.data.actions[0]!.selected_option.value);
});
