import { main } from '../../scripts/cli/main.js';
import type { Runtime } from '../../scripts/cli/runtime.js';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `ladder <argv>` in-process with a captured runtime (the bin's only extra is process.exit). */
export async function runLadder(
  cwd: string,
  argv: string[],
  options: { env?: Record<string, string | undefined>; tty?: boolean } = {},
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const rt: Runtime = {
    cwd,
    env: options.env ?? {},
    stdout: { write: (c: string) => (stdout += c), isTTY: options.tty ?? false },
    stderr: { write: (c: string) => (stderr += c), isTTY: options.tty ?? false },
  };
  const code = await main(argv, rt);
  return { code, stdout, stderr };
}
