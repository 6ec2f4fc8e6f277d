import { UserError } from '../../model/errors.js';
import type { Command } from '../runtime.js';

// Placeholder until the issue that owns "ladder diff" lands.
export const command: Command = {
  summary: 'not built yet',
  usage: 'ladder diff',
  async run() {
    throw new UserError('"ladder diff" is not available yet');
  },
};
