import type { Element, ElementContent, Properties } from 'hast';

/** What `el` takes as children: text, nodes and lists of them; null and undefined add nothing. */
export type Child = ElementContent | string | null | undefined | readonly Child[];

/**
 * An element built directly, with its properties already as hast names them (`className` a list,
 * `dataLabel`, `htmlFor`): for the nodes a page repeats per compared item, thousands per ladder.
 * hastscript's h() parses a selector and looks every property up in the HTML schema on each call,
 * a tenth of a ladder page's rendering; this does neither, so it is for fixed names and plain values
 * only (the serializer still escapes every text and attribute value). Anything else goes through h().
 */
export function el(tagName: string, properties: Properties, children: readonly Child[] = []): Element {
  const out: ElementContent[] = [];
  for (const c of children) add(out, c);
  return { type: 'element', tagName, properties, children: out };
}

function add(out: ElementContent[], child: Child): void {
  if (child === null || child === undefined) return;
  if (typeof child === 'string') out.push({ type: 'text', value: child });
  else if (Array.isArray(child)) for (const c of child as readonly Child[]) add(out, c);
  else out.push(child as ElementContent);
}
