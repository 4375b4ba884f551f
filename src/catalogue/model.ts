import type { Localized } from './schema.ts';
import type { EventKind, Language, Stance } from './vocabulary.ts';

export interface Edition {
  readonly id: string;
  readonly name: string;
  readonly kind: EventKind;
  /** The event's short name, shown with the year and city: "KubeCon EU", "KCD France". */
  readonly event: string;
  readonly city: string;
  readonly year: number;
}

export interface Article {
  readonly id: string;
  readonly title: string;
  readonly url: string;
  readonly language: Language;
  readonly published: string;
  /** Videos the article links that are no conference talk, with what each one is. */
  readonly otherVideos?: readonly { readonly video: string; readonly what: string }[];
}

export interface Speaker {
  readonly name: string;
  readonly company?: string | undefined;
}

export interface Talk {
  readonly id: string;
  readonly title: string;
  readonly speakers: readonly Speaker[];
  readonly video: string | null;
  readonly edition: Edition;
  readonly article: Article;
  readonly section: string;
  /** The article URL with the anchor of the section the talk sits in. */
  readonly sectionUrl: string;
  /** Further articles citing the talk, such as a later one telling what the team did with its advice. */
  readonly alsoCitedIn?: readonly TalkSource[];
  readonly topics: readonly string[];
  readonly keywords: { readonly en: readonly string[]; readonly fr: readonly string[] };
  readonly takeaway: Localized;
  readonly stance?: Stance | undefined;
}

export interface TalkSource {
  readonly article: Article;
  readonly section: string;
  readonly sectionUrl: string;
}

export interface Conclusion {
  readonly id: string;
  readonly edition: Edition;
  readonly article: Article;
  readonly section: string;
  readonly sectionUrl: string;
  readonly theme: Localized;
  readonly summary: Localized;
  readonly points: readonly Localized[];
  /** Ids of the talks it is about; each one is in the catalogue. */
  readonly talks: readonly string[];
  readonly keywords: { readonly en: readonly string[]; readonly fr: readonly string[] };
}

export interface Topic {
  readonly id: string;
  readonly label: Localized;
  readonly synonyms: readonly string[];
}

export interface Catalogue {
  /** Newest edition first. */
  readonly editions: readonly Edition[];
  readonly talks: readonly Talk[];
  readonly conclusions: readonly Conclusion[];
  readonly topics: readonly Topic[];
  readonly talkById: ReadonlyMap<string, Talk>;
  readonly topicById: ReadonlyMap<string, Topic>;
}
