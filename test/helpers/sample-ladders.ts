import { fileURLToPath } from 'node:url';

/**
 * The tests' own copy of the sample ladders (ladders/ at the time they were written). Tests read this,
 * never ladders/: an organization replaces ladders/ with its own, and the tool's tests must not care.
 */
export const SAMPLE_LADDERS = fileURLToPath(new URL('../fixtures/sample-ladders', import.meta.url));
