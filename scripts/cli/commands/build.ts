import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../config/index.js';
import { RELEASE_TAG } from '../../git/index.js';
import { UsageError } from '../../model/errors.js';
import { buildRelease } from '../../release/build.js';
import { isoDate, stageRelease, type StagedRelease } from '../../release/release.js';
import { resolveSeverities } from '../../rules/index.js';
import { parse } from '../args.js';
import { formatStylish, wantsColor } from '../report.js';
import type { Command } from '../runtime.js';
export const command: Command = {
  summary: `Build the release of every ladder into one folder: <id>.html and <id>.pdf per ladder, ladders.pdf,
index.html, changelog.html, CHANGELOG.md and SHA256SUMS. Invalid ladders: diagnostics, exit 1, nothing written.
The folder is replaced as a whole (built beside it, then renamed), so a failed run leaves the previous one.

Options:
  --out <dir>          output folder (default dist)
  --version <vX.Y.Z>   release version (default: the next version from "ladder version")
  --html-only          only the HTML pages (plus CHANGELOG.md and SHA256SUMS)
  --pdf-only           only the PDFs (plus CHANGELOG.md and SHA256SUMS)
  --jobs <n>           worker threads for the PDFs (default 1: workers pay off only on idle cores)
  --all-versions       a site of every release: the HTML of each earlier vX.Y.Z tag under
                       versions/<tag>/, a version list on every page and a banner on earlier ones
                       (for a web site; GitHub Release assets cannot hold folders)

The release date is SOURCE_DATE_EPOCH, else the HEAD commit time, else 1970-01-01: the same commit
always gives byte-identical files.`,
  usage: 'ladder build [--out dist] [--version vX.Y.Z] [--html-only | --pdf-only] [--jobs n] [--all-versions]',
  async run(args, rt) {
    const started = performance.now();
    const { values, positionals } = parse(args, {
      out: { type: 'string', default: 'dist' },
      version: { type: 'string' },
      'html-only': { type: 'boolean', default: false },
      'pdf-only': { type: 'boolean', default: false },
      jobs: { type: 'string' },
      'all-versions': { type: 'boolean', default: false },
    });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (values['html-only'] && values['pdf-only']) throw new UsageError('--html-only and --pdf-only exclude each other');
    if (values['all-versions'] && values['pdf-only']) throw new UsageError('--all-versions builds HTML pages: it does not go with --pdf-only');
    if (values.version !== undefined && !RELEASE_TAG.test(values.version)) {
      throw new UsageError(`--version must look like v1.2.3 (got "${values.version}")`);
    }
    if (values.out === '') throw new UsageError('--out must name a folder');
    if (values.jobs !== undefined && !/^[1-9]\d*$/.test(values.jobs)) throw new UsageError(`--jobs must be a positive whole number (got "${values.jobs}")`);

    const config = loadConfig(rt.cwd);
    resolveSeverities(config.rules);
    const color = wantsColor(rt.stderr, rt.env);
    const request = { cwd: rt.cwd, config, version: values.version, html: !values['pdf-only'], pdf: !values['html-only'], allVersions: values['all-versions'] === true, epoch: rt.env.SOURCE_DATE_EPOCH };
    // Each file goes to a folder beside the output as it is rendered, swapped in whole at the end: a
    // failure anywhere removes it and leaves the previous build.
    let staged: StagedRelease | undefined;
    try {
      const built = await buildRelease({ ...request, ...(values.jobs !== undefined ? { jobs: Number(values.jobs) } : {}) }, (line) => rt.stderr.write(`${line}\n`), () => (staged = stageRelease(values.out!, rt.cwd)));
      if (built.kind === 'invalid') {
        rt.stderr.write(formatStylish(built.errors, { color, files: built.files }));
        rt.stderr.write(`ladder build: ${built.errors.length} ${built.errors.length === 1 ? 'error' : 'errors'} in the ladders; nothing was written\n`);
        return 1;
      }
      if (built.ruleWarnings > 0) rt.stderr.write(`ladder build: ${built.ruleWarnings} ${built.ruleWarnings === 1 ? 'warning' : 'warnings'} in the ladders (see "ladder validate")\n`);
      if (built.renderWarnings.length) rt.stderr.write(formatStylish(built.renderWarnings, { color }));
      staged!.commit();
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      rt.stdout.write(`Built ${built.version} (${isoDate(built.date)}): ${built.ladders} ladders, ${built.files} files in ${values.out}/ in ${seconds} s\n`);
      return 0;
    } finally {
      (staged as StagedRelease | undefined)?.abort();
    }
  },
};

