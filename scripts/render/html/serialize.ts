import type { Element, ElementContent, Properties, Root, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { stringify as commas } from 'comma-separated-tokens';
import { htmlVoidElements } from 'html-void-elements';
import { find, html } from 'property-information';
import { stringify as spaces } from 'space-separated-tokens';
import { stringifyEntities } from 'stringify-entities';

/**
 * hast-util-to-html's output with its default options, for the HTML trees the pages are made of, at a
 * fraction of its cost. A ladder page repeats its expectations in every level comparison (thousands of
 * table rows and tags a page); the library resolves each attribute's name in the HTML schema and builds
 * an options object per text and attribute escaped, a third of a page's rendering. This resolves each
 * property name once per process and escapes only what holds a character to escape, with the library's
 * own escaper (stringify-entities) and its subsets. A frozen element (the Markdown fragments a page
 * shares between its levels and its comparisons) is serialized once.
 *
 * Comments, SVG and template contents go to the library itself; raw nodes are escaped as text, as the
 * library does without `allowDangerousHtml`. The tests hold this to `toHtml` on the pages of the site
 * fixtures and the real ladders, and on generated trees with every character class that needs escaping.
 */
export function serializeHtml(tree: Root): string {
  return all(tree.children, undefined);
}

/** The library's subsets (hast-util-to-html lib/handle/text.js and element.js, HTML, no parse errors allowed). */
const TEXT_SUBSET = ['<', '&'];
const TEXT_NEEDS = /[<&]/;
const NAME_SUBSET = ['\0', '\t', '\n', '\f', '\r', ' ', '"', '&', "'", '/', '<', '=', '>', '`'];
const VALUE_SUBSET = ['\0', '"', '&', "'", '`'];
const VALUE_NEEDS = /[\0"&'`]/;

const VOIDS = new Set<string>(htmlVoidElements);
/** Serialized frozen elements: immutable, and an element's HTML does not depend on where it stands. */
const frozen = new WeakMap<Element, string>();

interface Attribute {
  name: string;
  boolean: boolean;
  overloadedBoolean: boolean;
  attribute: string;
  commaSeparated: boolean;
}
const attributes = new Map<string, Attribute>();

function attributeInfo(key: string): Attribute {
  let a = attributes.get(key);
  if (!a) {
    const info = find(html, key);
    a = {
      name: stringifyEntities(info.attribute, { subset: NAME_SUBSET }),
      boolean: info.boolean,
      overloadedBoolean: info.overloadedBoolean,
      attribute: info.attribute,
      commaSeparated: info.commaSeparated,
    };
    attributes.set(key, a);
  }
  return a;
}

function all(children: ReadonlyArray<RootContent | ElementContent>, parent: Element | undefined): string {
  let out = '';
  for (const child of children) out += one(child, parent);
  return out;
}

function one(node: RootContent | ElementContent, parent: Element | undefined): string {
  const raw = node as unknown as { type: string; value: string };
  // Raw HTML is not trusted: the library (without allowDangerousHtml) escapes it as text.
  if (raw.type === 'raw') return one({ type: 'text', value: raw.value }, parent);
  switch (node.type) {
    case 'text':
      if (parent && (parent.tagName === 'script' || parent.tagName === 'style')) return node.value;
      return TEXT_NEEDS.test(node.value) ? stringifyEntities(node.value, { subset: TEXT_SUBSET }) : node.value;
    case 'element':
      return element(node);
    case 'doctype':
      return '<!doctype html>';
    default:
      // Comments: the library's own handler, which does not look at where they stand.
      return toHtml({ type: 'root', children: [node] } as Root);
  }
}

function element(node: Element): string {
  const done = frozen.get(node);
  if (done !== undefined) return done;
  // The library switches schema inside SVG and serializes a template's content: its own job.
  if (node.tagName === 'svg' || node.tagName === 'template') return toHtml(node);
  const attrs = serializeAttributes(node.properties);
  const content = all(node.children, node);
  const open = attrs ? `<${node.tagName} ${attrs}>` : `<${node.tagName}>`;
  const out = content === '' && VOIDS.has(node.tagName.toLowerCase()) ? open : `${open}${content}</${node.tagName}>`;
  if (Object.isFrozen(node)) frozen.set(node, out);
  return out;
}

function serializeAttributes(properties: Properties | undefined): string {
  if (!properties) return '';
  let out = '';
  for (const key in properties) {
    const value = properties[key];
    if (value === null || value === undefined) continue;
    const one = serializeAttribute(key, value);
    if (one) out = out ? `${out} ${one}` : one;
  }
  return out;
}

function serializeAttribute(key: string, given: Properties[string]): string {
  const info = attributeInfo(key);
  let value: unknown = given;
  if (info.overloadedBoolean && (value === info.attribute || value === '')) value = true;
  else if ((info.boolean || info.overloadedBoolean) && (typeof value !== 'string' || value === info.attribute || value === '')) value = Boolean(value);
  if (value === null || value === undefined || value === false || (typeof value === 'number' && Number.isNaN(value))) return '';
  if (value === true) return info.name;
  const text = Array.isArray(value) ? (info.commaSeparated ? commas : spaces)(value as Array<string | number>, { padLeft: true }) : String(value);
  return `${info.name}="${VALUE_NEEDS.test(text) ? stringifyEntities(text, { subset: VALUE_SUBSET, attribute: true }) : text}"`;
}
