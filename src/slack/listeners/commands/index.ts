import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../../deps.ts';
import { kubeconCommand } from './kubecon-command.ts';

/** Slash command -> listener; the manifest test reads the keys. */
export const commandListeners = {
  '/kubecon': kubeconCommand,
} as const;

export function register(app: App, deps: ListenerDeps): void {
  for (const [name, listener] of Object.entries(commandListeners)) app.command(name, listener(deps));
}
