import { UserError } from '../../model/errors.js';
import type { Command } from '../runtime.js';

// Placeholder until the issue that owns "ladder validate" lands.
export const command: Command = {
  summary: 'not built yet',
  usage: 'ladder validate',
  async run() {
    throw new UserError('"ladder validate" is not available yet');
  },
};
