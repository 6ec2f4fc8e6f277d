import { UserError } from '../../model/errors.js';
import type { Command } from '../runtime.js';

// Placeholder until the issue that owns "ladder check" lands.
export const command: Command = {
  summary: 'not built yet',
  usage: 'ladder check',
  async run() {
    throw new UserError('"ladder check" is not available yet');
  },
};
