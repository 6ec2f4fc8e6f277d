import { UserError } from '../../model/errors.js';
import type { Command } from '../runtime.js';

// Placeholder until the issue that owns "ladder fmt" lands.
export const command: Command = {
  summary: 'not built yet',
  usage: 'ladder fmt',
  async run() {
    throw new UserError('"ladder fmt" is not available yet');
  },
};
