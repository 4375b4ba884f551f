// The catalogue's closed lists, apart from its zod schemas: code that only needs to know
// the languages or the stances must not load zod (some 100 ms of a command line's start).

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export const STANCES = ['adopt', 'trial', 'assess', 'hold'] as const;
export type Stance = (typeof STANCES)[number];

/** The kinds of event the team writes about: KubeCon itself, or a Kubernetes Community Days. */
export const EVENT_KINDS = ['kubecon', 'kcd'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
/** The event's short name when an edition file gives none; only KubeCon files may leave it out. */
export const DEFAULT_EVENT_NAMES: Readonly<Partial<Record<EventKind, string>>> = { kubecon: 'KubeCon EU' };
