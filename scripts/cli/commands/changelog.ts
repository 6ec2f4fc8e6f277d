import { UserError } from '../../model/errors.js';
import type { Command } from '../runtime.js';

// Placeholder until the issue that owns "ladder changelog" lands.
export const command: Command = {
  summary: 'not built yet',
  usage: 'ladder changelog',
  async run() {
    throw new UserError('"ladder changelog" is not available yet');
  },
};
