import { z } from 'zod';
import { DEFAULT_EVENT_NAMES, EVENT_KINDS, LANGUAGES, STANCES } from './vocabulary.ts';

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case slug such as "2022-ephemeral-containers"');

const text = z.string().trim().min(1, 'must not be empty');

/** Text the team wrote in both languages; neither may be missing. */
export const LocalizedSchema = z.strictObject({ en: text, fr: text });
export type Localized = z.infer<typeof LocalizedSchema>;

const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https:// URL' });

const SpeakerSchema = z.strictObject({
  name: text,
  company: text.optional(),
});

/** Another of the team's articles that discusses a talk: a later one may tell what the team did with its advice. */
const TalkSourceSchema = z.strictObject({
  article: slug,
  section: text,
});

const TalkSchema = z.strictObject({
  id: slug,
  title: text.max(200),
  speakers: z.array(SpeakerSchema),
  video: httpsUrl.nullable(),
  article: slug,
  section: text,
  /** Further articles citing the talk, besides `article`, which is the write-up of the conference. */
  alsoCitedIn: z.array(TalkSourceSchema).default([]),
  topics: z.array(slug).min(1, 'needs at least one topic'),
  keywords: z.strictObject({ en: z.array(text), fr: z.array(text) }),
  takeaway: LocalizedSchema,
  stance: z.enum(STANCES).optional(),
});

const ArticleSchema = z.strictObject({
  id: slug,
  title: text,
  url: httpsUrl,
  language: z.enum(LANGUAGES),
  published: z.iso.date(),
  /**
   * Videos the article links that are no conference talk (the team's own talk elsewhere), each
   * with what it is, so that catalogue:check does not ask for a talk entry for them.
   */
  otherVideos: z.array(z.strictObject({ video: httpsUrl, what: text })).default([]),
});

const ConclusionSchema = z.strictObject({
  id: slug,
  article: slug,
  section: text,
  theme: LocalizedSchema,
  summary: LocalizedSchema,
  points: z.array(LocalizedSchema).default([]),
  /** Ids of the talks the conclusion is about, from any edition; the loader rejects unknown ones. */
  talks: z.array(slug).default([]),
  /** Names a search should find the linked talks by: a tool the conclusion names ("mirrord"). */
  keywords: z.strictObject({ en: z.array(text), fr: z.array(text) }).default({ en: [], fr: [] }),
});

export const EditionFileSchema = z.strictObject({
  edition: z
    .strictObject({
      id: slug,
      name: text,
      /** Files written before other kinds of event existed are KubeCon Europe ones. */
      kind: z.enum(EVENT_KINDS).default('kubecon'),
      /** The short name shown with the year and city, such as "KCD France". */
      event: text.max(40).optional(),
      city: text,
      year: z.number().int().min(2014).max(2100),
    })
    .refine((edition) => edition.event !== undefined || DEFAULT_EVENT_NAMES[edition.kind] !== undefined, {
      message: 'needs "event", the short name of the event shown with its year and city (such as "KCD France")',
      path: ['event'],
    }),
  articles: z.array(ArticleSchema).min(1),
  conclusions: z.array(ConclusionSchema).default([]),
  talks: z.array(TalkSchema).min(1),
});
export type EditionFile = z.infer<typeof EditionFileSchema>;

export const TopicsFileSchema = z.strictObject({
  topics: z
    .array(
      z.strictObject({
        id: slug,
        label: LocalizedSchema,
        synonyms: z.array(text).default([]),
      }),
    )
    .min(1),
});
export type TopicsFile = z.infer<typeof TopicsFileSchema>;
