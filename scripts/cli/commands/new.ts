import { UserError } from '../../model/errors.js';
import type { Command } from '../runtime.js';

// Placeholder until the issue that owns "ladder new" lands.
export const command: Command = {
  summary: 'not built yet',
  usage: 'ladder new',
  async run() {
    throw new UserError('"ladder new" is not available yet');
  },
};
