import fc from 'fast-check';

/**
 * What a user, a paste or a prankster may type after `/kubecon`: pieces of every kind of
 * trouble, mixed with the words that steer the parser into each answer kind.
 */

/** Slack's own markup, and look-alikes: each would ping, link or render if echoed unescaped. */
export const slackMarkup = fc.constantFrom(
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!here|here>',
  '<@U1>',
  '<@U123ABC|alice>',
  '<@W1>',
  '<#C1>',
  '<#C1|general>',
  '<!subteam^S1|@team>',
  '<!date^1700000000^{date}|x>',
  '<http://x|y>',
  '<https://evil.example/|click me>',
  '<mailto:a@b.c|mail>',
  '<javascript:alert(1)|x>',
  '&lt;!channel&gt;',
  '&amp;lt;',
  '&',
  '<',
  '>',
  '<<>>',
  '<!',
  '<@',
  '<#',
  '|',
  '@channel',
  '@here',
  '*bold*',
  '_it_',
  '~s~',
  '`code`',
  '```',
  '> quote',
);

/** C0 and C1 controls, terminal escapes, separators and invisibles. */
export const controlChars = fc.constantFrom(
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\u000B',
  '\f',
  '\u001B[2J',
  '\u001B]0;pwned\u0007',
  '\u001B[31m',
  '\u007F',
  '\u0085',
  '\u009B',
  '\u2028',
  '\u2029',
  '\uFEFF',
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\u00AD',
  '\uFFFD',
  '\uFFFF',
);

/** Right-to-left scripts and bidirectional overrides. */
export const rightToLeft = fc.constantFrom(
  '\u202E',
  '\u202B',
  '\u202A',
  '\u2066',
  '\u2067',
  '\u2069',
  '\u200F',
  'שלום עולם',
  'مرحبا بالعالم',
  'کوبرنتیز',
  '\u202Ekubernetes\u202C',
);

/** Emoji sequences, combining marks, lone surrogates, case-folding oddities. */
export const emojiAndUnicode = fc.constantFrom(
  '🚀',
  '☸️',
  '👩‍👩‍👧‍👦',
  '🏳️‍🌈',
  '🇫🇷',
  '👍🏽',
  '\uD83D',
  '\uDE00',
  '\uDBFF\uDFFF',
  'e\u0301',
  'é',
  'ß',
  'İ',
  'ı',
  'ﬁ',
  'Ω',
  'Å',
  '\u0300\u0301\u0302',
  'Z̴̡̛a̷l̸g̶o̵',
  '𝕜𝕦𝕓𝕖',
  'ｋｕｂｅ',
);

/** Regular-expression and replacement metacharacters, and JSON/URL-significant characters. */
export const regexMeta = fc.constantFrom(
  '.*',
  '(a+)+$',
  '(',
  ')',
  '[',
  ']',
  '[^',
  '\\',
  '\\u',
  '^',
  '$',
  '$&',
  "$'",
  '$1',
  '|',
  '?',
  '+',
  '*',
  '{1,}',
  '(?:',
  '(?<x>',
  '%',
  '%00',
  '%F0',
  '"',
  "'",
  '\\"',
  '{}',
  '&=',
  '+/=',
);

/** Horizontal spaces of every kind. */
export const spaces = fc.constantFrom(' ', '  ', '\t', '\u00A0', '\u2003', '\u2009', '\u3000', '\u1680', '\u180E', '\u202F');

/** Words that pick an answer kind, and real query words. */
export const steering = fc.constantFrom(
  'help',
  'aide',
  '?',
  'topics',
  'topic',
  'sujet',
  'theme',
  'edition',
  'year',
  'takeaways',
  'bilan',
  'random',
  'hasard',
  'surprise me',
  'digest',
  'subscribe',
  'status',
  'more',
  'plus',
  'kubernetes',
  'prometheus',
  'autoscaling',
  'observability',
  'security',
  'costs',
  'ebpf',
  'gitops',
  'platform',
  'topic:security',
  'topic:nope',
  '2018',
  '2022',
  '2024',
  '1999',
  'valencia',
  'paris',
  'copenhague',
);

const piece = fc.oneof(
  { weight: 5, arbitrary: steering },
  { weight: 2, arbitrary: slackMarkup },
  { weight: 2, arbitrary: controlChars },
  { weight: 1, arbitrary: rightToLeft },
  { weight: 2, arbitrary: emojiAndUnicode },
  { weight: 2, arbitrary: regexMeta },
  { weight: 2, arbitrary: spaces },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);

/** A few pieces, space-separated or glued. */
const mixed = fc
  .tuple(fc.array(piece, { minLength: 1, maxLength: 10 }), fc.constantFrom(' ', ''))
  .map(([pieces, glue]) => pieces.join(glue));

/** One piece, or a mix, repeated to `length` UTF-16 units: pastes, floods, a whole log file. */
const huge = fc.tuple(fc.oneof(piece, mixed), fc.integer({ min: 501, max: 40_000 })).map(([unit, length]) => {
  const seed = unit.length === 0 ? 'x' : unit;
  return seed.repeat(Math.ceil(length / seed.length)).slice(0, length);
});

/** A real query drowned in one kind of trouble: it still finds talks, so every button gets the flood. */
const flooded = fc
  .tuple(steering, piece, fc.integer({ min: 50, max: 2000 }))
  .map(([query, unit, times]) => `${query} ${unit.repeat(times)}`);

const onlySpaces = fc
  .array(fc.oneof(spaces, fc.constantFrom('\n', '\r', '\t', '\u200B')), { maxLength: 40 })
  .map((parts) => parts.join(''));

/** A /kubecon text: mostly short mixes, some huge, some only spaces, some arbitrary. */
export const hostileText = fc.oneof(
  { weight: 10, arbitrary: mixed },
  { weight: 2, arbitrary: huge },
  { weight: 2, arbitrary: flooded },
  { weight: 1, arbitrary: onlySpaces },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
);

/** The seed of every property run: fixed, so a failure replays; FC_SEED=<n> explores another. */
export const SEED = Number(process.env.FC_SEED ?? 20_300_401);
