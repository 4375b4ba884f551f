import type { Message } from '../blocks/message.ts';

/** How text reaches its reader: ANSI styles only for a terminal, so that pipes and files get plain text. */
export interface TextStyle {
  readonly ansi?: boolean;
  /** Rows of buttons and menu options wrap at this many columns. */
  readonly width?: number;
}

/** What a numbered button or menu option does when picked: the action Slack would send. */
export interface Choice {
  readonly actionId: string;
  readonly value: string;
}

export interface RenderedMessage {
  readonly text: string;
  /** Choice n is printed as `[n]`. */
  readonly choices: readonly Choice[];
}

const DEFAULT_WIDTH = 80;

const ANSI = {
  bold: ['\x1b[1m', '\x1b[22m'],
  italic: ['\x1b[3m', '\x1b[23m'],
  strike: ['\x1b[9m', '\x1b[29m'],
  code: ['\x1b[36m', '\x1b[39m'],
  dim: ['\x1b[2m', '\x1b[22m'],
} as const;

type Ansi = keyof typeof ANSI;

export function paint(text: string, ansi: Ansi, style: TextStyle): string {
  return style.ansi ? `${ANSI[ansi][0]}${text}${ANSI[ansi][1]}` : text;
}

/**
 * Private-use characters stand for style marks while the text is parsed: a mark must be seen as
 * a boundary by the next one (`*_both_*`), which ANSI codes would not be.
 */
const MARKS = [
  { mark: '*', style: 'bold', open: '\uE000', close: '\uE001' },
  { mark: '_', style: 'italic', open: '\uE002', close: '\uE003' },
  { mark: '~', style: 'strike', open: '\uE004', close: '\uE005' },
] as const;
const OPENS = MARKS.map((m) => m.open).join('');
const CLOSES = MARKS.map((m) => m.close).join('');
/** A link or a code span, set aside while the marks are read: a URL may hold `_` or `*`. */
const ATOM = /\uE010(\d+)\uE011/g;

// Slack opens a mark at the start of a word and closes it at the end of one, so `snake_case` and `2*3*4` stay as typed.
const OPEN_AFTER = String.raw`(?<=^|[\s([{"'“‘«/\-*_~${OPENS}])`;
const CLOSE_BEFORE = String.raw`(?=$|[\s)\]}"'”’».,:;!?/\-*_~${CLOSES}])`;
const MARK_PATTERNS = MARKS.map(({ mark, open, close }) => {
  const m = `\\${mark}`;
  // A zero-width space before a mark is how the builders write a literal one (see plain() in blocks/text.ts).
  const edge = `[^\\s${m}\\u200B]`;
  return { open, close, pattern: new RegExp(`${OPEN_AFTER}${m}(${edge}|${edge}[^${m}\\n]*?${edge})${m}${CLOSE_BEFORE}`, 'gm') };
});

function markToAnsi(mark: string, style: TextStyle): string {
  const found = MARKS.find(({ open, close }) => mark === open || mark === close);
  if (found === undefined || !style.ansi) return '';
  return ANSI[found.style][mark === found.open ? 0 : 1];
}

function unescapeMrkdwn(text: string): string {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

export interface MrkdwnOptions extends TextStyle {
  /** URLs already shown for this talk: a link to one of them keeps only its label. */
  readonly seen?: Set<string>;
}

/** One `<...>` of Slack mrkdwn as a reader sees it: a link's label and URL, a mention's name. */
function renderAngle(inner: string, options: MrkdwnOptions): string {
  const bar = inner.indexOf('|');
  const target = unescapeMrkdwn(bar === -1 ? inner : inner.slice(0, bar));
  const label = bar === -1 ? '' : inner.slice(bar + 1);
  if (target.startsWith('@')) return label ? `@${label.replace(/^@/, '')}` : target;
  if (target.startsWith('#')) return `#${label || target.slice(1)}`;
  // <!channel>, <!here>, <!date^…|fallback>, <!subteam^…|@team>: what the reader would read.
  if (target.startsWith('!')) return label || `@${target.slice(1).split('^')[0]}`;
  if (options.seen?.has(target)) return label || target;
  options.seen?.add(target);
  return label && unescapeMrkdwn(label) !== target ? `${label} (${target})` : target;
}

/**
 * Slack mrkdwn as terminal text: bold, italic and strikethrough as ANSI styles or dropped,
 * code without its backticks, links as "label (url)" (the label alone when the URL was shown
 * already), mentions by name, escapes undone. Emoji shortcodes stay as typed: they read well.
 */
export function mrkdwnToText(text: string, options: MrkdwnOptions = {}): string {
  const atoms: string[] = [];
  const setAside = (rendered: string) => `\uE010${atoms.push(rendered) - 1}\uE011`;
  let parsed = text
    .replace(/```\n?([\s\S]*?)\n?```/g, (_m, code: string) => setAside(paint(code, 'code', options)))
    .replace(/(?<!\u200B)`([^`\n]*[^`\n\u200B])`/g, (_m, code: string) => setAside(paint(code, 'code', options)))
    .replace(/<([^<>\n]+)>/g, (_m, inner: string) => setAside(renderAngle(inner, options)));
  for (const { open, close, pattern } of MARK_PATTERNS) parsed = parsed.replace(pattern, `${open}$1${close}`);
  return unescapeMrkdwn(parsed.replace(ATOM, (_m, index: string) => atoms[Number(index)]!))
    .replace(/[\uE000-\uE005]/g, (mark) => markToAnsi(mark, options))
    .replaceAll('\u200B', '');
}

/** The parts of Block Kit elements the console reads; any element, known or not, fits it. */
interface TextObject {
  readonly type: string;
  readonly text: string;
}
interface OptionObject {
  readonly text: TextObject;
  readonly value?: string;
  readonly url?: string;
}
interface Element {
  readonly type: string;
  readonly action_id?: string;
  readonly text?: TextObject | string;
  readonly value?: string;
  readonly url?: string;
  readonly placeholder?: TextObject;
  readonly options?: readonly OptionObject[];
  readonly option_groups?: readonly { readonly label: TextObject; readonly options: readonly OptionObject[] }[];
  readonly alt_text?: string;
}

interface Renderer {
  readonly style: MrkdwnOptions & { readonly seen: Set<string> };
  readonly numbered: boolean;
  readonly choices: Choice[];
}

function textOf(object: TextObject | undefined, r: Renderer): string {
  if (object === undefined) return '';
  // plain_text is shown as it is written: a `*` there is a star, not bold.
  return object.type === 'mrkdwn' ? mrkdwnToText(object.text, r.style) : object.text;
}

/** `[n] label` for something the console can do, `[label]` where nothing numbers it. */
function choice(label: string, actionId: string, value: string, r: Renderer): string {
  if (!r.numbered) return `[${label}]`;
  r.choices.push({ actionId, value });
  return `${paint(`[${r.choices.length}]`, 'bold', r.style)} ${label}`;
}

/** A URL button or option opens its URL in Slack; here the URL is printed, once per talk. */
function urlPiece(label: string, url: string, r: Renderer): string | undefined {
  if (r.style.seen.has(url)) return undefined;
  r.style.seen.add(url);
  return `[${label}] ${url}`;
}

function optionPieces(element: Element, options: readonly OptionObject[], r: Renderer): string[] {
  return options.flatMap((option) => {
    const label = textOf(option.text, r);
    const piece = option.url !== undefined ? urlPiece(label, option.url, r) : choice(label, element.action_id ?? '', option.value ?? '', r);
    return piece === undefined ? [] : [piece];
  });
}

/** An interactive element as lines of pieces, each piece one button or option. */
function elementLines(element: Element, r: Renderer): string[][] {
  const label = textOf(typeof element.text === 'object' ? element.text : undefined, r);
  if (element.type === 'image') return [[element.alt_text ?? '']];
  if (element.type === 'button') {
    const piece =
      element.url !== undefined ? urlPiece(label, element.url, r) : choice(label, element.action_id ?? '', element.value ?? '', r);
    return piece === undefined ? [] : [[piece]];
  }
  const placeholder = textOf(element.placeholder, r);
  const lines: string[][] = [];
  if (element.options) lines.push(optionPieces(element, element.options, r));
  for (const group of element.option_groups ?? []) lines.push([`${textOf(group.label, r)}:`], optionPieces(element, group.options, r));
  // A menu without options to print (users, channels, dates) is something only Slack can offer.
  if (lines.length === 0) return placeholder || label ? [[`[${placeholder || label}]`]] : [];
  return placeholder ? [[`${placeholder}:`], ...lines] : lines;
}

/** Pieces laid out on lines of `width`, never split: a button row reads as one or more rows of buttons. */
function wrap(pieces: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces) {
    if (line && visibleLength(line) + 2 + visibleLength(piece) > width) {
      lines.push(line);
      line = piece;
    } else {
      line = line ? `${line}  ${piece}` : piece;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function visibleLength(text: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI codes take no room on screen.
  return text.replace(/\x1b\[\d+m/g, '').length;
}

function elementsText(elements: readonly Element[], r: Renderer): string[] {
  const width = r.style.width ?? DEFAULT_WIDTH;
  const rows: string[][] = [[]];
  for (const element of elements) {
    const [first = [], ...rest] = elementLines(element, r);
    // Buttons side by side, as Slack lays out a row; a menu's options after its own label.
    if (rest.length === 0 && element.type === 'button') rows[rows.length - 1]!.push(...first);
    else rows.push(first, ...rest, []);
  }
  return rows.flatMap((row) => wrap(row, width));
}

function indent(lines: readonly string[], prefix: string): string[] {
  return lines.flatMap((line) => line.split('\n')).map((line) => `${prefix}${line}`);
}

function render(message: Message, style: TextStyle, numbered: boolean): RenderedMessage {
  const r: Renderer = { style: { ...style, seen: new Set() }, numbered, choices: [] };
  const lines: string[] = [];
  // Each talk shows each of its URLs once. A talk is a block with its own id (`talk:<id>`) and the
  // blocks after it that have none, up to a header or divider; its own sub-blocks (`talk:<id>:…`) too.
  let item: string | undefined;
  const newItem = (id: string | undefined) => {
    item = id;
    r.style.seen.clear();
  };
  for (const block of message.blocks) {
    if (block.type === 'header' || block.type === 'divider') newItem(undefined);
    else if (block.block_id !== undefined && !(item !== undefined && block.block_id.startsWith(`${item}:`))) newItem(block.block_id);
    switch (block.type) {
      case 'header':
        lines.push('', paint(`== ${textOf(block.text, r)} ==`, 'bold', r.style));
        break;
      case 'section':
        lines.push('');
        if (block.text) lines.push(textOf(block.text, r));
        for (const field of block.fields ?? []) lines.push(textOf(field, r));
        if (block.accessory) lines.push(...elementsText([block.accessory], r));
        break;
      case 'context':
        lines.push(...indent(block.elements.map((element) => contextText(element, r)).filter(Boolean), '   '));
        break;
      case 'divider':
        lines.push('');
        break;
      case 'actions':
        lines.push('', ...elementsText(block.elements, r));
        break;
      default:
        break;
    }
  }
  const text = `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
  return { text, choices: r.choices };
}

/** A context element is a text object itself, or an image read by its alt text. */
function contextText(element: Element, r: Renderer): string {
  if (element.type === 'image') return element.alt_text ?? '';
  return typeof element.text === 'string' ? textOf({ type: element.type, text: element.text }, r) : '';
}

/**
 * The Block Kit the Slack app would post, as text, with its buttons and menu options numbered
 * so that the console can press them: the same answers as in Slack, from the same builders.
 */
export function renderMessage(message: Message, style: TextStyle = {}): RenderedMessage {
  return render(message, style, true);
}

/** The same text without numbers, for output nobody answers (a dry run, a comparison). */
export function renderMessageAsText(message: Message, style: TextStyle = {}): string {
  return render(message, style, false).text;
}
