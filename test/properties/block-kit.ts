import type { Message } from '../../src/blocks/message.ts';

/**
 * Slack's Block Kit limits, from its reference pages (see ../shared/SLACK-NOTES.md beside the project), written
 * out again rather than imported from src/blocks/text.ts: a check must not share the numbers
 * it checks.
 */
export const SLACK = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  messageText: 40_000,
  textObject: 3000,
  sectionField: 2000,
  sectionFields: 10,
  header: 150,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  actionId: 255,
  blockId: 255,
  actionsElements: 25,
  contextElements: 10,
  selectOptions: 100,
  selectGroups: 100,
  optionText: 75,
  optionValue: 150,
  placeholder: 150,
} as const;

export interface CheckOptions {
  /** 50 for a message, 100 for a Home tab or a modal. */
  readonly maxBlocks?: number;
  /** Every link a message may carry: the catalogue's own URLs. A link to anything else came from user text. */
  readonly allowedUrls: ReadonlySet<string>;
  /** Slack markup the bot writes itself, such as `<!date^` in the Home tab; none by default. */
  readonly ownMarkup?: readonly string[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Everything Slack would reject in `message`, or that would ping someone or forge a link,
 * as readable problems (empty when the message is fine). Only mrkdwn is checked for markup:
 * Slack shows plain_text (headers, button labels) as typed, without parsing mentions.
 */
export function blockKitProblems(
  message: Message,
  { maxBlocks = SLACK.blocksPerMessage, allowedUrls, ownMarkup = [] }: CheckOptions,
): string[] {
  const problems: string[] = [];
  const problem = (where: string, what: string) => problems.push(`${where}: ${what}`);

  const markup = (where: string, text: string) => {
    // Every `<` opens a link we wrote (to a catalogue URL) or markup we own; anything else is user text left unescaped.
    for (const match of text.matchAll(/<([^<>]*)(>?)/g)) {
      const inner = match[1]!;
      if (ownMarkup.some((prefix) => `<${inner}`.startsWith(prefix))) continue;
      const url = inner.split('|')[0]!;
      if (match[2] !== '>') problem(where, `an unclosed "<" in mrkdwn: ${JSON.stringify(match[0].slice(0, 40))}`);
      else if (!allowedUrls.has(url)) problem(where, `markup not written by the bot: ${JSON.stringify(match[0].slice(0, 60))}`);
    }
  };

  const textObject = (where: string, value: unknown, max: number, kinds: readonly string[] = ['plain_text', 'mrkdwn']) => {
    if (!isObject(value) || typeof value.text !== 'string' || typeof value.type !== 'string') {
      problem(where, 'not a text object');
      return;
    }
    if (!kinds.includes(value.type)) problem(where, `a ${value.type} text object where only ${kinds.join(' or ')} is allowed`);
    if (value.text.length === 0) problem(where, 'empty text (Slack requires at least 1 character)');
    if (value.text.length > max) problem(where, `text of ${value.text.length} characters (max ${max})`);
    if (value.type === 'mrkdwn') markup(where, value.text);
  };

  const actionId = (where: string, element: Json) => {
    if (typeof element.action_id !== 'string' || element.action_id.length === 0 || element.action_id.length > SLACK.actionId) {
      problem(where, `action_id ${JSON.stringify(element.action_id)} (1 to ${SLACK.actionId} characters)`);
    }
  };

  const button = (where: string, element: Json) => {
    textObject(`${where}.text`, element.text, SLACK.buttonText, ['plain_text']);
    actionId(where, element);
    if (element.value !== undefined && (typeof element.value !== 'string' || element.value.length > SLACK.buttonValue)) {
      problem(where, `value of ${String(element.value).length} characters (max ${SLACK.buttonValue})`);
    }
    if (
      element.url !== undefined &&
      (typeof element.url !== 'string' || element.url.length > SLACK.url || !/^https?:\/\//.test(element.url))
    ) {
      problem(where, `url ${JSON.stringify(element.url)}`);
    }
  };

  const options = (where: string, value: unknown) => {
    const list = Array.isArray(value) ? (value as unknown[]) : [];
    if (list.length === 0 || list.length > SLACK.selectOptions) problem(where, `${list.length} options (1 to ${SLACK.selectOptions})`);
    list.forEach((option, o) => {
      const at = `${where}[${o}]`;
      if (!isObject(option)) {
        problem(at, 'not an option');
        return;
      }
      textObject(`${at}.text`, option.text, SLACK.optionText, ['plain_text']);
      if (typeof option.value !== 'string' || option.value.length === 0 || option.value.length > SLACK.optionValue)
        problem(at, `value ${JSON.stringify(option.value)} (1 to ${SLACK.optionValue} characters)`);
    });
  };

  const staticSelect = (where: string, element: Json) => {
    actionId(where, element);
    textObject(`${where}.placeholder`, element.placeholder, SLACK.placeholder, ['plain_text']);
    if ((element.options === undefined) === (element.option_groups === undefined))
      problem(where, 'needs options or option_groups, not both');
    if (element.options !== undefined) options(`${where}.options`, element.options);
    if (element.option_groups !== undefined) {
      const groups = Array.isArray(element.option_groups) ? (element.option_groups as unknown[]) : [];
      if (groups.length === 0 || groups.length > SLACK.selectGroups)
        problem(where, `${groups.length} option groups (1 to ${SLACK.selectGroups})`);
      groups.forEach((group, g) => {
        const at = `${where}.option_groups[${g}]`;
        if (!isObject(group)) {
          problem(at, 'not an option group');
          return;
        }
        textObject(`${at}.label`, group.label, SLACK.optionText, ['plain_text']);
        options(`${at}.options`, group.options);
      });
    }
  };

  /** The interactive elements the bot uses, where Slack allows them: in actions blocks and as section accessories. */
  const element = (where: string, value: Json) => {
    if (value.type === 'button') button(where, value);
    else if (value.type === 'static_select') staticSelect(where, value);
    else problem(where, `an element of type ${String(value.type)}`);
  };

  if (typeof message.text !== 'string' || message.text.length === 0) problem('text', 'missing fallback text');
  else if (message.text.length > SLACK.messageText) problem('text', `${message.text.length} characters (max ${SLACK.messageText})`);
  else markup('text', message.text);

  const blocks = message.blocks as unknown[];
  if (!Array.isArray(blocks)) return [...problems, 'blocks: not an array'];
  if (blocks.length > maxBlocks) problem('blocks', `${blocks.length} blocks (max ${maxBlocks})`);
  const blockIds = new Set<string>();

  blocks.forEach((block, b) => {
    const where = `blocks[${b}]`;
    if (!isObject(block)) {
      problem(where, 'not an object');
      return;
    }
    if (block.block_id !== undefined) {
      const id = String(block.block_id);
      if (id.length === 0 || id.length > SLACK.blockId) problem(where, `block_id of ${id.length} characters`);
      if (blockIds.has(id)) problem(where, `block_id ${JSON.stringify(id)} used twice`);
      blockIds.add(id);
    }
    switch (block.type) {
      case 'header':
        textObject(`${where}.text`, block.text, SLACK.header, ['plain_text']);
        break;
      case 'section': {
        if (block.text === undefined && block.fields === undefined) problem(where, 'a section with neither text nor fields');
        if (block.text !== undefined) textObject(`${where}.text`, block.text, SLACK.textObject);
        const fields = (block.fields ?? []) as unknown[];
        if (fields.length > SLACK.sectionFields) problem(where, `${fields.length} fields (max ${SLACK.sectionFields})`);
        fields.forEach((field, f) => {
          textObject(`${where}.fields[${f}]`, field, SLACK.sectionField);
        });
        if (isObject(block.accessory)) element(`${where}.accessory`, block.accessory);
        break;
      }
      case 'context': {
        const elements = (block.elements ?? []) as unknown[];
        if (elements.length === 0 || elements.length > SLACK.contextElements)
          problem(where, `${elements.length} context elements (1 to ${SLACK.contextElements})`);
        elements.forEach((element, e) => {
          textObject(`${where}.elements[${e}]`, element, SLACK.textObject);
        });
        break;
      }
      case 'actions': {
        const elements = (block.elements ?? []) as Json[];
        if (elements.length === 0 || elements.length > SLACK.actionsElements)
          problem(where, `${elements.length} elements (1 to ${SLACK.actionsElements})`);
        const actionIds = new Set<unknown>();
        elements.forEach((inner, e) => {
          element(`${where}.elements[${e}]`, inner);
          if (actionIds.has(inner.action_id))
            problem(`${where}.elements[${e}]`, `action_id ${JSON.stringify(inner.action_id)} used twice in one block`);
          actionIds.add(inner.action_id);
        });
        break;
      }
      case 'divider':
        break;
      default:
        problem(where, `a block of type ${String(block.type)}, which this check does not know`);
    }
  });
  return problems;
}

/** Every URL a catalogue may link to: videos, articles and their sections. */
export function catalogueUrls(catalogue: {
  readonly talks: readonly {
    readonly video: string | null;
    readonly sectionUrl: string;
    readonly article: { readonly url: string };
    readonly alsoCitedIn?: readonly { readonly sectionUrl: string; readonly article: { readonly url: string } }[];
  }[];
  readonly conclusions: readonly { readonly sectionUrl: string; readonly article: { readonly url: string } }[];
}): Set<string> {
  const urls = new Set<string>();
  for (const talk of catalogue.talks) {
    if (talk.video !== null) urls.add(talk.video);
    urls.add(talk.sectionUrl);
    urls.add(talk.article.url);
    for (const source of talk.alsoCitedIn ?? []) {
      urls.add(source.sectionUrl);
      urls.add(source.article.url);
    }
  }
  for (const conclusion of catalogue.conclusions) {
    urls.add(conclusion.sectionUrl);
    urls.add(conclusion.article.url);
  }
  return urls;
}
