/** Everything a command may touch of the outside world, injected so commands run in-process in tests. */
export interface Runtime {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown; isTTY?: boolean };
}

export interface Command {
  summary: string;
  usage: string;
  /** Returns the exit code; throws UserError/UsageError for problems the user can fix. */
  run(args: string[], rt: Runtime): Promise<number>;
}

export function processRuntime(): Runtime {
  return { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr };
}
