import { UserError } from '../../model/errors.js';
import type { Command } from '../runtime.js';

// Placeholder until the issue that owns "ladder version" lands.
export const command: Command = {
  summary: 'not built yet',
  usage: 'ladder version',
  async run() {
    throw new UserError('"ladder version" is not available yet');
  },
};
