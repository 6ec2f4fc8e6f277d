import { UserError } from '../../model/errors.js';
import type { Command } from '../runtime.js';

// Placeholder until the issue that owns "ladder schema" lands.
export const command: Command = {
  summary: 'not built yet',
  usage: 'ladder schema',
  async run() {
    throw new UserError('"ladder schema" is not available yet');
  },
};
