/**
 * pdfkit keeps every object it has written: a PDFReference holds its dictionary (`data`) after the
 * object is in the output, and the page tree, the structure parent tree, the outline and the named
 * destinations keep those references until the document ends. Only their `id` and `gen` are read
 * again (`toString()`, "12 0 R"). In a document of every ladder that was most of the heap at its end
 * (130,000 references and their dictionaries at 200 ladders, a heap snapshot). These patches let a
 * written object's dictionary go, in documents that opt in (`SLIM` set on the document).
 *
 * What pdfkit 0.20 still does with a written object, checked in its source: it writes `K = null` into a
 * structure element's dictionary right after writing it (harmless on the shared empty one), and asks a
 * written child element `dictionary.data.P` through `_isFlushable`, answered here from `_flushed`; and
 * it ends the catalog before reading its /Pages and /Names, so the catalog keeps its dictionary.
 */

export const SLIM = Symbol('ladder.slim');

/** What a written object's `data` becomes: shared, never read for output again. */
const WRITTEN: Record<string, unknown> = {};

interface RefLike {
  document: { [SLIM]?: boolean; _root: unknown };
  data: Record<string, unknown>;
  buffer: unknown;
  compress: boolean;
  uncompressedLength: number;
  /** Operators written since the last binary chunk, joined as one string (slim documents only). */
  ladderText: string | undefined;
  write(chunk: unknown): void;
  finalize(): void;
}

/** Hands the pending operator text to pdfkit's own write as one chunk of bytes. */
function flushText(ref: RefLike, write: (this: RefLike, chunk: unknown) => void): void {
  const text = ref.ladderText;
  if (text === undefined) return;
  ref.ladderText = undefined;
  // pdfkit's fromBinaryString keeps the low byte of each code unit; so does latin1.
  write.call(ref, Buffer.from(text, 'latin1'));
}

interface StructLike {
  _flushed: boolean;
  _isFlushable(): boolean;
  _addContentToParentTree(content: { refs: Array<{ pageRef: { data: { StructParents: number } }; mcid: number }> }): void;
  document: { [SLIM]?: boolean; getStructParentTree(): { get(key: number): unknown[] } };
  dictionary: { id: number; gen: number };
}

/** A reference as the parent tree writes it ("12 0 R"): the number and generation, nothing else. */
type RefToken = object;
let Token: (new (id: number, gen: number) => RefToken) | undefined;

/**
 * What the structure parent tree keeps for a marked-content sequence: a token that writes as its
 * element's reference does. pdfkit keeps the element's PDFReference there until the document ends, one
 * per sequence: at 2,000 ladders, millions of them, long after their elements were written. The token
 * is a PDFAbstractReference (so pdfkit writes it with its toString) holding two numbers.
 */
function tokenOf(ref: { id: number; gen: number }): RefToken {
  if (!Token) {
    const Abstract = (Object.getPrototypeOf(Object.getPrototypeOf(ref)) as { constructor: new () => object }).constructor;
    Token = class extends Abstract {
      constructor(
        readonly id: number,
        readonly gen: number,
      ) {
        super();
      }
      override toString(): string {
        return `${this.id} ${this.gen} R`;
      }
    };
  }
  return new Token(ref.id, ref.gen);
}

const patched = new WeakSet<object>();

/** Makes written references of slim documents drop their dictionary (once per prototype). */
export function slimReferences(proto: object): void {
  if (patched.has(proto)) return;
  patched.add(proto);
  const ref = proto as RefLike;
  const finalize = ref.finalize;
  const write = ref.write;
  // A page's content is written one operator at a time ("1 0 0 1 72 700 cm"), each made a Uint8Array of
  // its own by pdfkit: thousands of small arrays a page, kept until the page ends. Slim documents join
  // the text instead and convert it once; the bytes (and /Length) are the same. The string here is what
  // pdfkit's write makes of a string chunk: the chunk and a newline.
  ref.write = function (this: RefLike, chunk: unknown) {
    if (!this.document[SLIM] || chunk instanceof Uint8Array) {
      flushText(this, write);
      return write.call(this, chunk);
    }
    this.ladderText = this.ladderText === undefined ? `${chunk as string}\n` : `${this.ladderText}${chunk as string}\n`;
  };
  ref.finalize = function (this: RefLike) {
    flushText(this, write);
    finalize.call(this);
    // The catalog is the exception: pdfkit ends it, then reads its /Pages and /Names to end them.
    if (this.document[SLIM] && this !== this.document._root) {
      this.data = WRITTEN;
      this.buffer = undefined;
    }
  };
}

/** A flushed structure element is flushable (as pdfkit would find from the dictionary it no longer keeps). */
export function slimStructures(proto: object): void {
  if (patched.has(proto)) return;
  patched.add(proto);
  const el = proto as StructLike;
  const isFlushable = el._isFlushable;
  el._isFlushable = function (this: StructLike) {
    return this._flushed || isFlushable.call(this);
  };
  // pdfkit's own, with the token in place of the reference (slim documents only).
  const addContent = el._addContentToParentTree;
  el._addContentToParentTree = function (this: StructLike, content) {
    if (!this.document[SLIM]) return addContent.call(this, content);
    const token = tokenOf(this.dictionary);
    for (const { pageRef, mcid } of content.refs) this.document.getStructParentTree().get(pageRef.data.StructParents)[mcid] = token;
  };
}
