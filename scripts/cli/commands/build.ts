import { UserError } from '../../model/errors.js';
import type { Command } from '../runtime.js';

// Placeholder until the issue that owns "ladder build" lands.
export const command: Command = {
  summary: 'not built yet',
  usage: 'ladder build',
  async run() {
    throw new UserError('"ladder build" is not available yet');
  },
};
