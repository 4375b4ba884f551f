import { renderAnswer } from '../blocks/answer.ts';
import { renderHome } from '../blocks/home.ts';
import { renderPersonalDigest } from '../blocks/personal.ts';
import { renderSharedTalk } from '../blocks/share.ts';
import type { Answer } from '../bot/answer.ts';
import { parseCommand } from '../bot/command.ts';
import { topicNamer } from '../bot/topic-names.ts';
import type { Language } from '../catalogue/vocabulary.ts';
import type { Composition } from '../compose.ts';
import type { PersonalStatus } from '../digest/personal-commands.ts';
import { type DigestState, type DigestStore, EMPTY_STATE } from '../digest/store.ts';
import { silentLogger } from '../log/logger.ts';
import { renderPage, type Surface } from './page.ts';

/** What to draw: the answer to `/kubecon <text>` (and the talk its first Share button posts), the Home tab, or the digest preview. */
export type PreviewRequest =
  | {
      readonly kind: 'command';
      readonly text: string;
      /** Also the message the first talk's Share button posts. */
      readonly shared?: boolean;
      /** As a mention in a channel is answered, in its thread, for everyone: no Share nor Dismiss. */
      readonly mention?: boolean;
    }
  | { readonly kind: 'home' }
  | { readonly kind: 'digest' }
  /** The weekly DM of someone following these topics (names as typed), and their Home tab. */
  | { readonly kind: 'dm'; readonly topics: string };

export interface PreviewOptions {
  readonly language: Language;
  /** The week the Home tab features and the time beside each message; now unless a test fixes it. */
  readonly now?: Date;
}

/** A request the preview cannot draw without Slack itself; the message says why. */
export class NotPreviewableError extends Error {
  override readonly name = 'NotPreviewableError';
}

/** Whoever typed the command, as the shared talk names them; the page shows the name Slack would. */
const ASKER = { userId: 'U0PREVIEW', name: 'you', channelId: 'C0PREVIEW' } as const;

/** The digest's state for one preview, never written to DATA_DIR: a preview subscribes and sees nothing for real. */
function memoryStore(): DigestStore {
  let state: DigestState = EMPTY_STATE;
  return {
    location: 'memory (preview)',
    read: async () => state,
    update: async (change) => {
      state = change(state);
      return state;
    },
  };
}

/** The surfaces Slack would show for a request, built by the bot's own composition and Block Kit builders. */
export async function previewSurfaces(composition: Composition, request: PreviewRequest, options: PreviewOptions): Promise<Surface[]> {
  const { language } = options;
  const { bot, catalogue } = composition;
  const digest = () => composition.digest(silentLogger, { store: memoryStore() });
  const asker = { userId: ASKER.userId, channelId: ASKER.channelId, language };
  const ephemeral = (label: string, answer: Answer, isEphemeral = true): Surface => ({
    kind: isEphemeral ? 'ephemeral' : 'message',
    label,
    blocks: renderAnswer(answer, { language, catalogue, ephemeral: isEphemeral }).blocks,
  });

  const now = options.now ?? new Date();
  const home = async (personal?: PersonalStatus): Promise<Surface> => {
    const topics = bot.answer({ kind: 'topics' }, 'topics');
    const view = renderHome({
      language,
      catalogue,
      topics: topics.kind === 'topics' ? topics.topics : [],
      digest: (await digest().commands.nextRun()) ?? null,
      personal: personal ?? { topics: [], next: undefined },
      now,
    });
    return { kind: 'home', label: 'Home tab', blocks: view.blocks };
  };

  switch (request.kind) {
    case 'home':
      return [await home()];
    case 'dm': {
      // Read as /kubecon follow reads them.
      const { ids, unknown } = topicNamer(catalogue)(request.topics);
      if (unknown.length > 0 || ids.length === 0)
        throw new NotPreviewableError(`"${unknown.join('", "') || request.topics}" is not a topic`);
      const { planner, schedule } = digest();
      const slot = schedule.next(now) ?? now;
      const picked = planner.pick('D0PREVIEW', undefined, slot.toISOString(), now, ids);
      if (picked === undefined) throw new NotPreviewableError('the catalogue has no talk on these topics');
      const dm = renderPersonalDigest(planner.content(picked, ids), language, catalogue);
      return [
        { kind: 'message', label: 'The weekly direct message', blocks: dm.blocks },
        await home({ topics: ids, next: { at: slot, timezone: schedule.timezone } }),
      ];
    }
    case 'digest': {
      const reply = await digest().commands.preview(asker);
      return [ephemeral('/kubecon digest preview', { kind: 'digest', reply })];
    }
    case 'command': {
      const command = parseCommand(request.text);
      let answer: Answer;
      if (command.kind === 'digest') {
        // Subscribing asks Slack whether the bot may post in the channel: there is no channel here.
        if (command.action === 'subscribe')
          throw new NotPreviewableError('"digest subscribe" needs a Slack channel; try --digest or "digest status"');
        answer = { kind: 'digest', reply: await digest().commands[command.action](asker) };
      } else {
        answer = bot.answer(command, request.text);
      }
      const surfaces = request.mention
        ? [ephemeral(`@kubecon ${request.text} (the answer in the thread)`, answer, false)]
        : [ephemeral(`/kubecon ${request.text}`.trim(), answer)];
      if (request.shared) {
        const talk = answer.kind === 'talks' ? answer.talks[0] : undefined;
        if (talk === undefined) throw new NotPreviewableError(`--shared needs an answer with talks; "${request.text}" has none`);
        const message = renderSharedTalk(talk, { language, catalogue, userId: ASKER.userId });
        surfaces.push({ kind: 'message', label: `Share: ${talk.title}`, blocks: message.blocks });
      }
      return surfaces;
    }
  }
}

/** The whole page for a request: what `npm run preview` writes. */
export async function previewPage(composition: Composition, request: PreviewRequest, options: PreviewOptions): Promise<string> {
  const surfaces = await previewSurfaces(composition, request, options);
  const title = `kubecon-bot preview: ${surfaces[0]?.label ?? ''}`;
  return renderPage(surfaces, {
    title,
    language: options.language,
    users: [{ id: ASKER.userId, name: ASKER.name }],
    ...(options.now ? { time: options.now } : {}),
  });
}
