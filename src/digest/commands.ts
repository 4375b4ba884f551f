import type { Message } from '../blocks/answer.ts';
import type { Language } from '../catalogue/schema.ts';

/** Who asked, where: what the Slack layer knows when `/kubecon digest ...` arrives. */
export interface DigestRequest {
  readonly teamId: string;
  readonly channelId: string;
  readonly userId: string;
  readonly language: Language;
}

/**
 * What the Slack layer needs from the weekly digest; the digest module implements it.
 * Each call answers with the ephemeral message to show the user, never throws for a
 * user mistake (that is a message too).
 */
export interface DigestCommands {
  subscribe(request: DigestRequest): Promise<Message>;
  unsubscribe(request: DigestRequest): Promise<Message>;
  status(request: DigestRequest): Promise<Message>;
  preview(request: DigestRequest): Promise<Message>;
  /** For the App Home tab: when the next digest goes out, and to how many channels. */
  nextRun(): Promise<{ readonly at: Date; readonly channels: number } | undefined>;
}
