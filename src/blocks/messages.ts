import type { Language, Stance } from '../catalogue/vocabulary.ts';

/** Every sentence the bot says, in both languages; builders pick one, never write their own. */
export interface Messages {
  readonly resultsFor: (query: string) => string;
  readonly topicHeader: (topic: string) => string;
  readonly editionHeader: (edition: string) => string;
  /** Other editions the same words name, each with the command that lists it. */
  readonly alsoEditions: (editions: string) => string;
  readonly randomHeader: string;
  readonly pageInfo: (from: number, to: number, total: number) => string;
  readonly noResults: (query: string) => string;
  readonly unknownTopic: (topic: string) => string;
  readonly unknownEdition: (edition: string, known: string) => string;
  readonly tryTopics: string;
  /** The placeholder of a topic menu. */
  readonly pickTopic: string;
  /** The language an article is written in, said after its name when it is not the reader's. */
  readonly writtenIn: Record<Language, string>;
  /** An article named in the reader's language: its event, and which part of the team's series it is. */
  readonly articlePart: (event: string, part: number) => string;
  readonly watch: string;
  /** The button of a talk with no video: the team's write-up instead. */
  readonly readArticle: string;
  readonly share: string;
  readonly more: string;
  readonly anotherOne: string;
  readonly dismiss: string;
  /** The first line of a talk shared in a channel: who shared it, from which edition. */
  readonly sharedTalkFrom: (user: string, edition: string) => string;
  /** In a list, the link to the article section a talk comes from. */
  readonly writeUp: string;
  /** Where a talk's Share button was, once it is shared. */
  readonly sharedMark: string;
  /** Under the last page of a list. */
  readonly thatWasAll: (total: number) => string;
  readonly speakersUnknown: string;
  readonly takeaway: string;
  readonly stance: Record<Stance, string>;
  readonly stanceLabel: string;
  /** A label's colon: French sets it off with a no-break space. */
  readonly colon: string;
  readonly topicsHeader: string;
  readonly topicsIntro: (talks: number) => string;
  readonly takeawaysHeader: (year?: number) => string;
  readonly noTakeaways: string;
  /** The private thanks for a 👍 or 👎, a first vote or one that replaces the voter's other one. */
  readonly rated: (value: 'up' | 'down', outcome: 'counted' | 'changed' | 'same') => string;
  readonly radar: {
    /** The stance alone, as a group's title: "Adopt". */
    readonly stance: Record<Stance, string>;
    readonly timelineHeader: (subject: string) => string;
    readonly timelineIntro: string;
    readonly conclusion: string;
    /** A step: its linked title, then what the team said, with the language's punctuation between. */
    readonly step: (title: string, text: string) => string;
    readonly none: (subject: string) => string;
    readonly noneHint: (subject: string) => string;
    readonly overviewHeader: string;
    readonly overviewIntro: string;
  };
  readonly help: {
    readonly header: string;
    /** `editions` are the catalogue's, so that a new edition needs no new text. */
    readonly intro: (editions: string) => string;
    readonly commands: readonly (readonly [string, string])[];
    /** One command of the list and what it does: the punctuation between them is the language's. */
    readonly line: (command: string, meaning: string) => string;
    readonly mentions: string;
  };
  readonly home: {
    readonly header: string;
    /** `events` are the catalogue's ("KubeCon EU, KCD France"), so that a new kind of event needs no new text. */
    readonly intro: (talks: number, withVideo: number, events: string) => string;
    readonly browseEditions: string;
    readonly browseTopics: string;
    readonly featured: string;
    readonly howToUse: string;
    /** Two lines: the Home tab is for browsing; `/kubecon help` has the rest. */
    readonly howTo: string;
    readonly nextDigest: (when: string, channels: number) => string;
    readonly noDigest: string;
  };
  readonly digest: {
    readonly header: (theme: string) => string;
    readonly intro: (theme: string, talks: number) => string;
    readonly footer: string;
    /** `when` is a formatted date and time with its time zone. */
    readonly preview: (when: string) => string;
    readonly previewUnsubscribed: (when: string) => string;
    readonly subscribed: (when: string) => string;
    readonly alreadySubscribed: (when: string) => string;
    readonly configured: (when: string) => string;
    readonly cannotUnsubscribeConfigured: string;
    readonly unsubscribed: string;
    readonly notSubscribed: string;
    readonly subscribedBy: (user: string) => string;
    readonly nextDigest: (when: string) => string;
    readonly lastDigest: (when: string) => string;
    readonly featured: (seen: number, total: number, round: number) => string;
    readonly notInChannel: string;
    readonly privateChannel: string;
    readonly archived: string;
    readonly missingPermission: string;
    readonly notInDirectMessages: string;
    readonly emptyCatalogue: string;
    readonly onlyInSlack: string;
    /** The public line in a channel whose subscription someone changed; `user` is a mention, `when` says when digests come. */
    readonly announceSubscribed: (user: string, when: string) => string;
    readonly announceUnsubscribed: (user: string) => string;
    readonly everyWeek: (weekday: string, time: string, timezone: string) => string;
    readonly everyDay: (time: string, timezone: string) => string;
    /** For a cron with no weekly or daily rhythm: the next digest's date and time. */
    readonly nextOn: (when: string) => string;
    /** Added to the confirmation when the public line could not be posted. */
    readonly notAnnounced: string;
  };
  readonly personal: {
    readonly header: string;
    /** `topics` are labels joined in the language's way; `again`: the talks come round a second time. */
    readonly intro: (topics: string, talks: number, again: boolean) => string;
    readonly footer: string;
    readonly snooze: string;
    readonly stop: string;
    /** The dialog Slack shows before Stop, which drops every followed topic at once. */
    readonly stopConfirm: { readonly title: string; readonly text: string; readonly confirm: string; readonly deny: string };
    readonly resume: string;
    /** `when` is a formatted date in the person's time zone. */
    readonly followed: (topics: string) => string;
    readonly alreadyFollowed: (topics: string) => string;
    readonly following: (topics: string) => string;
    readonly nothing: string;
    readonly next: (when: string) => string;
    readonly snoozedNext: (when: string) => string;
    /** The answer to Snooze itself. */
    readonly snoozed: (when: string) => string;
    /** Snooze again while snoozed: four weeks from today, not from the first snooze. */
    readonly snoozeExtended: (when: string) => string;
    readonly guessedTimezone: (zone: string) => string;
    readonly unfollowed: (topics: string) => string;
    readonly notFollowed: (topics: string) => string;
    readonly leftOut: (names: string) => string;
    readonly whichTopic: string;
    /** `again` is the command that brings the DMs back. */
    readonly stopped: (again: string) => string;
    readonly resumed: string;
    /** Quotes around a name as typed. */
    readonly quote: (text: string) => string;
    /** For a long list of topics: "Security, Costs and 20 more". */
    readonly more: (count: number) => string;
    readonly cannotDm: Record<'try-again' | 'permission' | 'refused', (reason: string) => string>;
    readonly unknownTopic: (names: string, suggestions: string) => string;
    readonly onlyInSlack: string;
    readonly homeHeader: string;
    readonly homeNothing: string;
    readonly homeMenu: string;
    readonly and: string;
  };
  readonly apology: string;
  readonly digestDisabled: string;
  readonly tooLong: (max: number) => string;
  readonly console: {
    readonly banner: string;
    readonly prompt: string;
    readonly connect: string;
  };
}

const en: Messages = {
  resultsFor: (query) => `Talks for “${query}”`,
  topicHeader: (topic) => `Talks on ${topic}`,
  editionHeader: (edition) => `Talks from ${edition}`,
  alsoEditions: (editions) => `These words also name ${editions}.`,
  randomHeader: 'A talk picked at random',
  pageInfo: (from, to, total) => `Showing ${from}–${to} of ${total}`,
  noResults: (query) => `No talk matches “${query}”.`,
  unknownTopic: (topic) => `There is no topic called “${topic}”.`,
  unknownEdition: (edition, known) => `There is no edition “${edition}”. Editions: ${known}.`,
  tryTopics: 'Try one of these topics:',
  pickTopic: 'Pick a topic',
  writtenIn: { en: 'in English', fr: 'in French' },
  articlePart: (event, part) => `${event}, part ${part}`,
  watch: '▶ Watch',
  readArticle: '📝 Read the article',
  share: 'Share',
  more: 'More results',
  anotherOne: 'Another one',
  dismiss: 'Dismiss',
  sharedTalkFrom: (user, edition) => `${user} shared a talk from ${edition}`,
  writeUp: '📝 write-up',
  sharedMark: '*shared ✓*',
  thatWasAll: (total) => (total === 1 ? 'That was the only one.' : `That was all ${total}.`),
  speakersUnknown: 'Speakers not listed',
  takeaway: "Team's takeaway",
  stance: {
    adopt: 'Adopt: we use it or are rolling it out',
    trial: 'Trial: we plan to try it',
    assess: 'Assess: worth watching',
    hold: 'Hold: not for us for now',
  },
  stanceLabel: 'Stance',
  colon: ':',
  topicsHeader: 'Topics',
  topicsIntro: (talks) => `${talks} talks, by topic. Pick one to see its talks.`,
  takeawaysHeader: (year) => (year ? `What the team took away in ${year}` : 'What the team took away from each event'),
  noTakeaways: 'The team wrote no conclusion for that edition.',
  rated: (value, outcome) =>
    outcome === 'same'
      ? 'Already counted, thanks.'
      : `${value === 'up' ? '👍' : '👎'} ${outcome === 'changed' ? 'Changed your vote, thanks.' : 'Thanks: only the count is kept, not who voted.'}`,
  radar: {
    stance: { adopt: 'Adopt', trial: 'Trial', assess: 'Assess', hold: 'Hold' },
    timelineHeader: (subject) => `The team on ${subject}, edition after edition`,
    timelineIntro: 'From the stance the team gave each talk and the conclusions of each event, oldest first.',
    conclusion: 'Conclusion',
    step: (title, text) => `${title}: ${text}`,
    none: (subject) => `The team never took a position on “${subject}” in its write-ups.`,
    noneHint: (subject) => `Search the talks with \`/kubecon ${subject}\`, or see the whole picture with \`/kubecon radar\`.`,
    overviewHeader: 'The team’s radar: where it stands today',
    overviewIntro:
      'Each technology at the stance the team gave it last, with the event where it said so. `/kubecon radar <technology>` for its history.',
  },
  help: {
    header: 'KubeCon talks, with the team’s takeaways',
    intro: (editions) =>
      `I recommend conference talks our platform team saw (${editions}), with what the team thought of each and the video when there is one. French or English, typos forgiven.`,
    commands: [
      ['/kubecon <anything>', 'the best talks for your words, e.g. `/kubecon debug a pod in production`'],
      ['/kubecon 2024 cilium', 'filter by edition (a year, a city, an event such as `kcd`) or `topic:security`'],
      ['/kubecon topics', 'every topic, with how many talks'],
      ['/kubecon topic <name>', 'the talks on one topic'],
      ['/kubecon edition <year>', 'the talks of one edition'],
      ['/kubecon random', 'a talk picked at random'],
      ['/kubecon takeaways [year]', 'the team’s conclusions per edition'],
      ['/kubecon radar [technology]', 'what the team thought of it, edition after edition; alone, where it stands today'],
      ['/kubecon digest subscribe | unsubscribe | status | preview', 'the weekly digest in this channel'],
      [
        '/kubecon follow <topic>',
        'talks on it each week, by direct message (several at once: `follow security, costs`); `/kubecon unfollow` and the topic drops it, `unfollow all` stops, `/kubecon following` lists yours; the Home tab too',
      ],
    ],
    line: (command, meaning) => `• ${command}: ${meaning}`,
    mentions: 'Mention me in a channel (`@kubecon what about prometheus?`) and I answer in a thread, or send me a direct message.',
  },
  home: {
    header: 'KubeCon talks, with the team’s takeaways',
    intro: (talks, withVideo, events) =>
      `${talks} talks our platform team saw (${events}), each with what the team thought of it; ${withVideo} with a video.`,
    browseEditions: 'Browse by edition',
    browseTopics: 'Browse by topic',
    featured: 'This week’s talk',
    howToUse: 'How to use it',
    howTo:
      'Type `/kubecon` and what you are looking for, in English or French: `/kubecon debug a pod in production`.\nMention me in a channel or send me a direct message for the same answers; `/kubecon help` lists every command.',
    nextDigest: (when, channels) => `Next weekly digest: ${when}, to ${channels} channel${channels === 1 ? '' : 's'}.`,
    noDigest: 'No channel receives the weekly digest yet: type `/kubecon digest subscribe` in one.',
  },
  digest: {
    header: (theme) => `🗞 KubeCon digest of the week: ${theme}`,
    intro: (theme, talks) =>
      `Theme of the week: *${theme}*. ${talks === 1 ? 'A talk' : `${talks} talks`} our platform team saw, with what the team thought.`,
    footer: 'More talks any time with `/kubecon <anything>` · `/kubecon digest unsubscribe` stops this digest',
    preview: (when) => `Preview of the digest due in this channel on ${when}. Only you can see it.`,
    previewUnsubscribed: (when) =>
      `Preview: this channel is not subscribed (\`/kubecon digest subscribe\`); on ${when} it would get this. Only you can see it.`,
    subscribed: (when) => `Done: this channel gets a weekly digest of three KubeCon talks. The next one: ${when}.`,
    alreadySubscribed: (when) => `This channel already gets the weekly digest. The next one: ${when}.`,
    configured: (when) => `This channel gets the weekly digest from the bot’s configuration (DIGEST_CHANNELS). The next one: ${when}.`,
    cannotUnsubscribeConfigured:
      'This channel gets the weekly digest from the bot’s configuration (DIGEST_CHANNELS): ask whoever runs the bot to remove it there.',
    unsubscribed: 'Done: this channel no longer gets the weekly digest.',
    notSubscribed: 'This channel does not get the weekly digest: type `/kubecon digest subscribe` to start it.',
    subscribedBy: (user) => `This channel gets the weekly digest (subscribed by ${user}).`,
    nextDigest: (when) => `Next digest: ${when}.`,
    lastDigest: (when) => `Last digest: ${when}.`,
    featured: (seen, total, round) => `Talks featured here so far: ${seen} of ${total}${round > 1 ? ` (round ${round})` : ''}.`,
    notInChannel:
      'I am not a member of this channel, so I could not post the digest here. Invite me with `/invite @kubecon`, then type `/kubecon digest subscribe` again.',
    privateChannel:
      'This is a private channel I have not been added to, so I could not post the digest here. Add me with `/invite @kubecon`, then type `/kubecon digest subscribe` again.',
    archived: 'This channel is archived: no digest can be posted here.',
    missingPermission:
      'I cannot check this channel: the Slack app lacks a permission. Ask whoever runs the bot to reinstall it with the scopes in manifest.yml.',
    notInDirectMessages:
      'The weekly digest goes to channels: type `/kubecon digest subscribe` in the channel that should get it. For talks of your own each week by direct message: `/kubecon follow` and a topic.',
    emptyCatalogue: 'The catalogue is empty: there is nothing to put in a digest.',
    onlyInSlack: '`/kubecon digest` works in a Slack channel.',
    announceSubscribed: (user, when) =>
      `${user} subscribed this channel to the weekly KubeCon digest: three talks our platform team saw, ${when}. To stop it: \`/kubecon digest unsubscribe\`.`,
    announceUnsubscribed: (user) =>
      `${user} unsubscribed this channel from the weekly KubeCon digest. To get it again: \`/kubecon digest subscribe\`.`,
    everyWeek: (weekday, time, timezone) => `every ${weekday} at ${time} (${timezone})`,
    everyDay: (time, timezone) => `every day at ${time} (${timezone})`,
    nextOn: (when) => `the next one on ${when}`,
    notAnnounced: 'I could not tell the channel, though: let the others know yourself.',
  },
  personal: {
    header: '📬 Your KubeCon talks of the week',
    intro: (topics, talks, again) =>
      `${talks === 1 ? 'A talk' : `${talks} talks`} on what you follow (${topics}), with what the team thought.${again ? ' You have had every talk on these topics once, so they come round again: `/kubecon follow` another topic for new ones.' : ''}`,
    footer: 'You get this because you follow these topics: `/kubecon following` shows them, `/kubecon unfollow <topic>` drops one.',
    snooze: 'Snooze 4 weeks',
    stop: 'Stop',
    stopConfirm: {
      title: 'Stop your talks by DM?',
      text: 'You will follow no topic and get no more direct messages. `/kubecon follow` and a topic starts them again.',
      confirm: 'Stop',
      deny: 'Keep them',
    },
    resume: 'Resume',
    followed: (topics) => `Done: you follow ${topics}.`,
    alreadyFollowed: (topics) => `You already follow ${topics}.`,
    following: (topics) => `You follow ${topics}.`,
    nothing:
      'You follow no topic. `/kubecon follow` and a topic (for example `/kubecon follow security`) brings you talks on it each week by direct message; `/kubecon topics` lists the topics.',
    next: (when) => `Next direct message: ${when}.`,
    snoozedNext: (when) => `Snoozed: the next direct message comes on ${when}.`,
    snoozed: (when) => `Done: no direct message for 4 weeks; the next one comes on ${when}.`,
    snoozeExtended: (when) => `Snooze extended: no direct message for 4 weeks from today; the next one comes on ${when}.`,
    guessedTimezone: (zone) => `Slack did not tell me your time zone, so I use ${zone}.`,
    unfollowed: (topics) => `Done: you no longer follow ${topics}.`,
    notFollowed: (topics) => `You did not follow ${topics}.`,
    leftOut: (names) => `I know no topic called ${names}: left out.`,
    whichTopic: 'Which topic? For example `/kubecon follow security` or `/kubecon unfollow security`; `/kubecon topics` lists them.',
    stopped: (again) => `Done: no more weekly talks by direct message. To get them back: \`${again}\`.`,
    resumed: 'Resumed: your weekly talks come again.',
    quote: (text) => `“${text}”`,
    more: (count) => `${count} more`,
    cannotDm: {
      'try-again': (reason) =>
        `Slack did not answer when I opened a direct message with you (${reason}), so nothing changed: please try again in a moment.`,
      permission: (reason) =>
        `I am not allowed to open a direct message with you (Slack said: ${reason}), so nothing changed. Ask whoever runs the bot to reinstall it with the scopes in manifest.yml.`,
      refused: (reason) => `Slack will not let me send you direct messages (${reason}), so nothing changed.`,
    },
    unknownTopic: (names, suggestions) =>
      `I know no topic called ${names}, so nothing changed. Topics close to it: ${suggestions}. \`/kubecon topics\` lists them all.`,
    onlyInSlack: '`/kubecon follow` works in Slack: the weekly talks come as direct messages.',
    homeHeader: '📬 Your weekly talks',
    homeNothing: 'Choose topics and I send you talks on them each week by direct message.',
    homeMenu: 'Topics to follow',
    and: 'and',
  },
  apology: 'Sorry, something went wrong while answering. Please try again in a moment.',
  digestDisabled: 'The weekly digest is not enabled on this bot.',
  tooLong: (max) => `That is a long question: I only read the first ${max} characters.`,
  console: {
    banner: 'kubecon-bot local console: type what you would type after /kubecon (help, topics, a question...). Ctrl-D to quit.',
    prompt: 'kubecon> ',
    connect:
      'To connect to Slack, set SLACK_BOT_TOKEN and either SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP); see README.md.',
  },
};

const fr: Messages = {
  resultsFor: (query) => `Conférences pour «\u00a0${query}\u00a0»`,
  topicHeader: (topic) => `Conférences sur le thème ${topic}`,
  editionHeader: (edition) => `Conférences de ${edition}`,
  alsoEditions: (editions) => `Ces mots désignent aussi ${editions}.`,
  randomHeader: 'Une conférence tirée au hasard',
  pageInfo: (from, to, total) => `${from} à ${to} sur ${total}`,
  noResults: (query) => `Aucune conférence ne correspond à «\u00a0${query}\u00a0».`,
  unknownTopic: (topic) => `Il n’y a pas de thème «\u00a0${topic}\u00a0».`,
  unknownEdition: (edition, known) => `Il n’y a pas d’édition «\u00a0${edition}\u00a0». Éditions\u00a0: ${known}.`,
  tryTopics: 'Essayez un de ces thèmes\u00a0:',
  pickTopic: 'Choisir un thème',
  writtenIn: { en: 'en anglais', fr: 'en français' },
  articlePart: (event, part) => `${event}, ${part === 1 ? '1re' : `${part}e`} partie`,
  watch: '▶ Regarder',
  readArticle: '📝 Lire l’article',
  share: 'Partager',
  more: 'Plus de résultats',
  anotherOne: 'Une autre',
  dismiss: 'Fermer',
  sharedTalkFrom: (user, edition) => `${user} a partagé une conférence de ${edition}`,
  writeUp: '📝 compte rendu',
  sharedMark: '*partagée ✓*',
  thatWasAll: (total) => (total === 1 ? 'C’était la seule.' : `Vous avez tout vu\u00a0: les ${total}\u00a0conférences.`),
  speakersUnknown: 'Intervenants non indiqués',
  takeaway: 'Ce que l’équipe en retient',
  stance: {
    adopt: 'Adopté\u00a0: nous l’utilisons ou le déployons',
    trial: 'À l’essai\u00a0: nous prévoyons de le tester',
    assess: 'À évaluer\u00a0: à surveiller',
    hold: 'En attente\u00a0: pas pour nous pour l’instant',
  },
  stanceLabel: 'Position',
  colon: '\u00a0:',
  topicsHeader: 'Thèmes',
  topicsIntro: (talks) => `${talks} conférences, par thème. Choisissez-en un pour voir ses conférences.`,
  takeawaysHeader: (year) => (year ? `Ce que l’équipe a retenu en ${year}` : 'Ce que l’équipe a retenu de chaque événement'),
  noTakeaways: 'L’équipe n’a pas écrit de conclusion pour cette édition.',
  rated: (value, outcome) =>
    outcome === 'same'
      ? 'Déjà compté, merci.'
      : `${value === 'up' ? '👍' : '👎'} ${outcome === 'changed' ? 'Vote modifié, merci.' : 'Merci\u00a0: seul le nombre de votes est gardé, pas qui a voté.'}`,
  radar: {
    stance: { adopt: 'Adopté', trial: 'À l’essai', assess: 'À évaluer', hold: 'En attente' },
    timelineHeader: (subject) => `L’équipe et ${subject}, d’une édition à l’autre`,
    timelineIntro:
      'D’après la position donnée à chaque conférence et les conclusions de chaque événement, de la plus ancienne à la plus récente.',
    conclusion: 'Conclusion',
    step: (title, text) => `${title}\u00a0: ${text}`,
    none: (subject) => `L’équipe n’a jamais pris position sur «\u00a0${subject}\u00a0» dans ses comptes rendus.`,
    noneHint: (subject) => `Cherchez parmi les conférences avec \`/kubecon ${subject}\`, ou voyez l’ensemble avec \`/kubecon radar\`.`,
    overviewHeader: 'Le radar de l’équipe\u00a0: où elle en est aujourd’hui',
    overviewIntro:
      'Chaque technologie avec la dernière position que l’équipe lui a donnée, et l’événement où elle l’a dit. `/kubecon radar <technologie>` pour son historique.',
  },
  help: {
    header: 'Les conférences KubeCon, avec le retour de l’équipe',
    intro: (editions) =>
      `Je recommande des conférences vues par notre équipe plateforme (${editions}), avec l’avis de l’équipe sur chacune et la vidéo quand il y en a une. En français ou en anglais, fautes de frappe pardonnées.`,
    commands: [
      ['/kubecon <ce que vous voulez>', 'les meilleures conférences pour vos mots, par ex. `/kubecon débugger un pod en production`'],
      ['/kubecon 2024 cilium', 'filtrer par édition (une année, une ville, un événement comme `kcd`) ou `topic:security`'],
      ['/kubecon topics', 'tous les thèmes, avec le nombre de conférences'],
      ['/kubecon topic <nom>', 'les conférences d’un thème'],
      ['/kubecon edition <année>', 'les conférences d’une édition'],
      ['/kubecon random', 'une conférence au hasard'],
      ['/kubecon takeaways [année]', 'les conclusions de l’équipe par édition'],
      ['/kubecon radar [technologie]', 'ce que l’équipe en a pensé, édition après édition\u00a0; seul, où elle en est aujourd’hui'],
      ['/kubecon digest subscribe | unsubscribe | status | preview', 'le résumé hebdomadaire dans ce canal'],
      [
        '/kubecon follow <thème>',
        'des conférences sur ce thème chaque semaine, en message direct (ou `/kubecon suivre`), plusieurs à la fois\u202f; `/kubecon unfollow` (`ne plus suivre`) et le thème l’arrête, `unfollow all` arrête tout, `/kubecon following` (`suivis`) liste les vôtres',
      ],
    ],
    line: (command, meaning) => `• ${command}\u00a0: ${meaning}`,
    mentions: 'Mentionnez-moi dans un canal (`@kubecon et prometheus\u202f?`) et je réponds dans un fil, ou écrivez-moi en message direct.',
  },
  home: {
    header: 'Les conférences KubeCon, avec le retour de l’équipe',
    intro: (talks, withVideo, events) =>
      `${talks} conférences vues par notre équipe plateforme (${events}), chacune avec l’avis de l’équipe\u202f; ${withVideo} avec une vidéo.`,
    browseEditions: 'Parcourir par édition',
    browseTopics: 'Parcourir par thème',
    featured: 'La conférence de la semaine',
    howToUse: 'Comment s’en servir',
    howTo:
      'Tapez `/kubecon` et ce que vous cherchez, en français ou en anglais\u00a0: `/kubecon débugger un pod en production`.\nMentionnez-moi dans un canal ou écrivez-moi en message direct pour les mêmes réponses\u202f; `/kubecon help` liste toutes les commandes.',
    nextDigest: (when, channels) => `Prochain résumé hebdomadaire\u00a0: ${when}, dans ${channels} ${channels === 1 ? 'canal' : 'canaux'}.`,
    noDigest: 'Aucun canal ne reçoit encore le résumé hebdomadaire\u00a0: tapez `/kubecon digest subscribe` dans l’un d’eux.',
  },
  digest: {
    header: (theme) => `🗞 Le résumé KubeCon de la semaine\u00a0: ${theme}`,
    intro: (theme, talks) =>
      `Thème de la semaine\u00a0: *${theme}*. ${talks === 1 ? 'Une conférence vue' : `${talks} conférences vues`} par notre équipe plateforme, avec ce qu’elle en a retenu.`,
    footer: 'D’autres conférences à tout moment avec `/kubecon <ce que vous voulez>` · `/kubecon digest unsubscribe` arrête ce résumé',
    preview: (when) => `Aperçu du résumé prévu dans ce canal le ${when}. Vous seul le voyez.`,
    previewUnsubscribed: (when) =>
      `Aperçu\u00a0: ce canal n’est pas abonné (\`/kubecon digest subscribe\`)\u202f; le ${when}, il recevrait ceci. Vous seul le voyez.`,
    subscribed: (when) =>
      `C’est fait\u00a0: ce canal recevra chaque semaine un résumé de trois conférences KubeCon. Le prochain\u00a0: ${when}.`,
    alreadySubscribed: (when) => `Ce canal reçoit déjà le résumé hebdomadaire. Le prochain\u00a0: ${when}.`,
    configured: (when) =>
      `Ce canal reçoit le résumé hebdomadaire par la configuration du bot (DIGEST_CHANNELS). Le prochain\u00a0: ${when}.`,
    cannotUnsubscribeConfigured:
      'Ce canal reçoit le résumé hebdomadaire par la configuration du bot (DIGEST_CHANNELS)\u00a0: demandez à qui gère le bot de l’y retirer.',
    unsubscribed: 'C’est fait\u00a0: ce canal ne recevra plus le résumé hebdomadaire.',
    notSubscribed: 'Ce canal ne reçoit pas le résumé hebdomadaire\u00a0: tapez `/kubecon digest subscribe` pour le recevoir.',
    subscribedBy: (user) => `Ce canal reçoit le résumé hebdomadaire (abonné par ${user}).`,
    nextDigest: (when) => `Prochain résumé\u00a0: ${when}.`,
    lastDigest: (when) => `Dernier résumé\u00a0: ${when}.`,
    featured: (seen, total, round) => `Conférences déjà présentées ici\u00a0: ${seen} sur ${total}${round > 1 ? ` (tour ${round})` : ''}.`,
    notInChannel:
      'Je ne suis pas membre de ce canal\u00a0: je ne pourrais pas y publier le résumé. Invitez-moi avec `/invite @kubecon`, puis tapez à nouveau `/kubecon digest subscribe`.',
    privateChannel:
      'Ce canal privé ne m’a pas été ajouté\u00a0: je ne pourrais pas y publier le résumé. Ajoutez-moi avec `/invite @kubecon`, puis tapez à nouveau `/kubecon digest subscribe`.',
    archived: 'Ce canal est archivé\u00a0: aucun résumé ne peut y être publié.',
    missingPermission:
      'Je ne peux pas vérifier ce canal\u00a0: il manque une autorisation à l’application Slack. Demandez à qui gère le bot de la réinstaller avec les scopes de manifest.yml.',
    notInDirectMessages:
      'Le résumé hebdomadaire est publié dans des canaux\u00a0: tapez `/kubecon digest subscribe` dans le canal qui doit le recevoir. Pour recevoir vos propres conférences chaque semaine en message direct\u00a0: `/kubecon follow` et un thème.',
    emptyCatalogue: 'Le catalogue est vide\u00a0: il n’y a rien à mettre dans un résumé.',
    onlyInSlack: '`/kubecon digest` fonctionne dans un canal Slack.',
    announceSubscribed: (user, when) =>
      `${user} a abonné ce canal au résumé KubeCon hebdomadaire\u00a0: trois conférences vues par notre équipe plateforme, ${when}. Pour l’arrêter\u00a0: \`/kubecon digest unsubscribe\`.`,
    announceUnsubscribed: (user) =>
      `${user} a désabonné ce canal du résumé KubeCon hebdomadaire. Pour le recevoir à nouveau\u00a0: \`/kubecon digest subscribe\`.`,
    everyWeek: (weekday, time, timezone) => `chaque ${weekday} à ${time} (${timezone})`,
    everyDay: (time, timezone) => `chaque jour à ${time} (${timezone})`,
    nextOn: (when) => `prochain envoi le ${when}`,
    notAnnounced: 'Je n’ai pas pu l’annoncer dans le canal\u00a0: prévenez les autres vous-même.',
  },
  personal: {
    header: '📬 Vos conférences KubeCon de la semaine',
    intro: (topics, talks, again) =>
      `${talks === 1 ? 'Une conférence' : `${talks} conférences`} sur ce que vous suivez (${topics}), avec l’avis de l’équipe.${again ? ' Vous avez déjà reçu chaque conférence de ces thèmes une fois, elles reviennent donc\u00a0: `/kubecon suivre` un autre thème pour de nouvelles.' : ''}`,
    footer:
      'Vous recevez ceci parce que vous suivez ces thèmes\u00a0: `/kubecon suivis` les montre, `/kubecon ne plus suivre <thème>` en retire un.',
    snooze: 'Pause de 4 semaines',
    stop: 'Arrêter',
    stopConfirm: {
      title: 'Arrêter vos conférences en DM ?',
      text: 'Vous ne suivrez plus aucun thème et ne recevrez plus de message direct. `/kubecon suivre` et un thème les relance.',
      confirm: 'Arrêter',
      deny: 'Les garder',
    },
    resume: 'Reprendre',
    followed: (topics) => `C’est fait\u00a0: vous suivez ${topics}.`,
    alreadyFollowed: (topics) => `Vous suivez déjà ${topics}.`,
    following: (topics) => `Vous suivez ${topics}.`,
    nothing:
      'Vous ne suivez aucun thème. `/kubecon suivre` et un thème (par exemple `/kubecon suivre sécurité`) vous envoie chaque semaine des conférences sur ce thème en message direct\u202f; `/kubecon topics` liste les thèmes.',
    next: (when) => `Prochain message direct\u00a0: ${when}.`,
    snoozedNext: (when) => `En pause\u00a0: le prochain message direct arrive le ${when}.`,
    snoozed: (when) => `C’est fait\u00a0: pas de message direct pendant 4 semaines\u202f; le prochain arrive le ${when}.`,
    snoozeExtended: (when) =>
      `Pause prolongée\u00a0: pas de message direct pendant 4 semaines à partir d’aujourd’hui\u202f; le prochain arrive le ${when}.`,
    guessedTimezone: (zone) => `Slack ne m’a pas donné votre fuseau horaire\u00a0: j’utilise ${zone}.`,
    unfollowed: (topics) => `C’est fait\u00a0: vous ne suivez plus ${topics}.`,
    notFollowed: (topics) => `Vous ne suiviez pas ${topics}.`,
    leftOut: (names) => `Je ne connais pas de thème ${names}\u00a0: laissé de côté.`,
    whichTopic:
      'Quel thème\u202f? Par exemple `/kubecon suivre sécurité` ou `/kubecon ne plus suivre sécurité`\u202f; `/kubecon topics` les liste.',
    stopped: (again) => `C’est fait\u00a0: plus de conférences hebdomadaires en message direct. Pour les retrouver\u00a0: \`${again}\`.`,
    resumed: 'C’est reparti\u00a0: vos conférences hebdomadaires reviennent.',
    quote: (text) => `«\u00a0${text}\u00a0»`,
    more: (count) => `${count} autres`,
    cannotDm: {
      'try-again': (reason) =>
        `Slack n’a pas répondu quand j’ai voulu ouvrir un message direct avec vous (${reason})\u202f; rien n’a changé. Réessayez dans un instant.`,
      permission: (reason) =>
        `Je n’ai pas le droit d’ouvrir un message direct avec vous (Slack a répondu\u00a0: ${reason})\u202f; rien n’a changé. Demandez à qui fait tourner le bot de le réinstaller avec les permissions de manifest.yml.`,
      refused: (reason) => `Slack ne me laisse pas vous envoyer de messages directs (${reason})\u202f; rien n’a changé.`,
    },
    unknownTopic: (names, suggestions) =>
      `Je ne connais pas de thème ${names}\u202f; rien n’a changé. Thèmes proches\u00a0: ${suggestions}. \`/kubecon topics\` les liste tous.`,
    onlyInSlack: '`/kubecon follow` fonctionne dans Slack\u00a0: les conférences hebdomadaires arrivent en message direct.',
    homeHeader: '📬 Vos conférences de la semaine',
    homeNothing: 'Choisissez des thèmes et je vous envoie chaque semaine des conférences sur ces thèmes en message direct.',
    homeMenu: 'Thèmes à suivre',
    and: 'et',
  },
  apology: 'Désolé, une erreur est survenue pendant la réponse. Réessayez dans un instant.',
  digestDisabled: 'Le résumé hebdomadaire n’est pas activé sur ce bot.',
  tooLong: (max) => `Question bien longue\u00a0: je n’en lis que les ${max} premiers caractères.`,
  console: {
    banner:
      'Console locale de kubecon-bot\u00a0: tapez ce que vous taperiez après /kubecon (help, topics, une question...). Ctrl-D pour quitter.',
    prompt: 'kubecon> ',
    connect:
      'Pour se connecter à Slack, définissez SLACK_BOT_TOKEN et SLACK_APP_TOKEN (Socket Mode) ou SLACK_SIGNING_SECRET (HTTP)\u202f; voir README.md.',
  },
};

const MESSAGES: Record<Language, Messages> = { en, fr };

export function messages(language: Language): Messages {
  return MESSAGES[language];
}
