// The answers posted to response_url, told apart by server and checked by shape. Every server
// measured posts to the same fake Slack, so a response_url names the run it was sent to.

/** The id in a response_url: the run's key, then the request's index in that run. */
export const responseId = (runKey: string, i: number): string => `${runKey}.${i}`;

export const runKeyOf = (id: string): string => id.slice(0, id.lastIndexOf('.'));

/** A post's shape: whether it is private, and Block Kit or which (short) text; what a check needs, nothing more. */
export function answerShape(args: Record<string, unknown>): string {
  const visibility = typeof args.response_type === 'string' ? args.response_type : 'no response_type';
  const content =
    Array.isArray(args.blocks) && args.blocks.length > 0 ? 'Block Kit' : `text ${JSON.stringify(String(args.text ?? '').slice(0, 20))}`;
  return `${visibility}, ${content}`;
}

/** What the bot answers every /kubecon with: a private Block Kit message. */
export const BOT_ANSWER = 'ephemeral, Block Kit';
/** What the no-op Bolt app answers. */
export const NO_OP_ANSWER = 'ephemeral, text "ok"';
