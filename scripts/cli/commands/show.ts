import { UserError } from '../../model/errors.js';
import type { Command } from '../runtime.js';

// Placeholder until the issue that owns "ladder show" lands.
export const command: Command = {
  summary: 'not built yet',
  usage: 'ladder show',
  async run() {
    throw new UserError('"ladder show" is not available yet');
  },
};
