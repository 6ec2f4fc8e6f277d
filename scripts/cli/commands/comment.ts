import { UserError } from '../../model/errors.js';
import type { Command } from '../runtime.js';

// Placeholder until the issue that owns "ladder comment" lands.
export const command: Command = {
  summary: 'not built yet',
  usage: 'ladder comment',
  async run() {
    throw new UserError('"ladder comment" is not available yet');
  },
};
