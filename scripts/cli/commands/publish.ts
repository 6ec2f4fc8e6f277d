import { UserError } from '../../model/errors.js';
import type { Command } from '../runtime.js';

// Placeholder until the issue that owns "ladder publish" lands.
export const command: Command = {
  summary: 'not built yet',
  usage: 'ladder publish',
  async run() {
    throw new UserError('"ladder publish" is not available yet');
  },
};
