export { EDIT_CLASSES, EDIT_CLASS_IDS, type EditClass, type Verdict } from './classes.js';
export { assessRewording, classifyRewording, classifyRewordingKept, defaultLexiconCompiled, typoReasons, type Assessment } from './classify.js';
export { SIGNALS, SIGNAL_IDS, DEFAULT_LEXICON_INPUT, buildLexicon, compileLexicon, type SignalWords, type Evidence, type Lexicon, type LexiconInput, type SignalId, type ScaleId, type ListId } from './signals.js';
export { SCALES, LISTS, SYNONYMS } from './lexicon.js';
