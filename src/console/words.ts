import type { Language } from '../catalogue/vocabulary.ts';

/** What only the console says: how to press its buttons, and what it answers when one cannot be pressed. */
export interface ConsoleWords {
  readonly howToPress: string;
  readonly noSuchButton: (pressed: number, count: number) => string;
  readonly nothingToPage: string;
  readonly dismissed: string;
  readonly onlyInSlack: string;
}

const en: ConsoleWords = {
  howToPress: '(type a number to press its button; m or more for the next page)',
  noSuchButton: (pressed, count) =>
    count === 0
      ? `There is no button ${pressed}: the last answer has none.`
      : `There is no button ${pressed}: pick one from 1 to ${count}.`,
  nothingToPage: 'There is no list to page through yet: ask something first.',
  dismissed: '(dismissed)',
  onlyInSlack: 'That button only works in Slack.',
};

// French typography: a no-break space before ":", a narrow one before ";", as in blocks/messages.ts.
const fr: ConsoleWords = {
  howToPress: '(tapez le numéro d’un bouton pour l’actionner\u202f; m ou plus pour la page suivante)',
  noSuchButton: (pressed, count) =>
    count === 0
      ? `Il n’y a pas de bouton ${pressed}\u00a0: la dernière réponse n’en a aucun.`
      : `Il n’y a pas de bouton ${pressed}\u00a0: choisissez entre 1 et ${count}.`,
  nothingToPage: 'Pas encore de liste à feuilleter\u00a0: posez d’abord une question.',
  dismissed: '(fermé)',
  onlyInSlack: 'Ce bouton ne fonctionne que dans Slack.',
};

export function consoleWords(language: Language): ConsoleWords {
  return language === 'fr' ? fr : en;
}
