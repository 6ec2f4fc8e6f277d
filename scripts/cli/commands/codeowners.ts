import { UserError } from '../../model/errors.js';
import type { Command } from '../runtime.js';

// Placeholder until the issue that owns "ladder codeowners" lands.
export const command: Command = {
  summary: 'not built yet',
  usage: 'ladder codeowners',
  async run() {
    throw new UserError('"ladder codeowners" is not available yet');
  },
};
