import { UsageError } from '../../model/errors.js';
import { verifyPdf } from '../../verify/check.js';
import { formatVerifyJson, formatVerifyText } from '../../verify/verdict.js';
import { oneOf, parse } from '../args.js';
import type { Command } from '../runtime.js';
export const command: Command = {
  summary: `Check a downloaded ladder PDF: which release it came from (its metadata: ladder, version, date,
commit, content hash), whether its bytes match that release's SHA256SUMS, and whether a newer release
(a newer vX.Y.Z tag of the repository here) changes that ladder.

  --sums <file>        the SHA256SUMS of the PDF's release
  --dist <dir>         a built release folder to take SHA256SUMS from when its copy of the file is of the
                       same version (default dist)
  --remote             download SHA256SUMS from the GitHub release of that version (GITHUB_TOKEN,
                       GITHUB_REPOSITORY or --repo)
  --repo <owner/name>  with --remote
  --format text|json   text (default) or the verdict as JSON

Exit codes: 0 current and intact; 1 not a ladder release PDF (or unreadable); 3 superseded by a newer
release that changes the ladder; 4 modified, or not a file of that release; 5 current as far as the tags
tell, but no SHA256SUMS was found to check the bytes. A newer release that leaves the ladder unchanged
(same source, or formatting only) does not supersede it.`,
  usage: 'ladder verify <file.pdf> [--sums SHA256SUMS | --dist dir | --remote [--repo owner/name]] [--format text|json]',
  async run(args, rt) {
    const { values, positionals } = parse(args, {
      sums: { type: 'string' },
      dist: { type: 'string', default: 'dist' },
      remote: { type: 'boolean', default: false },
      repo: { type: 'string' },
      format: { type: 'string' },
    });
    const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
    if (positionals.length !== 1) throw new UsageError(`expected one PDF file, got ${positionals.length}`);
    if (values.sums !== undefined && values.remote) throw new UsageError('--sums and --remote exclude each other');
    const remote = values.remote
      ? async (version: string) => {
          const [{ connect }, { releaseAsset }] = await Promise.all([import('../github.js'), import('../../github/releases.js')]);
          return releaseAsset(await connect(rt, values.repo), version, 'SHA256SUMS');
        }
      : undefined;
    const verdict = await verifyPdf(rt.cwd, positionals[0]!, { ...(values.sums !== undefined ? { sums: values.sums } : {}), dist: values.dist, ...(remote ? { remote } : {}) });
    rt.stdout.write(format === 'json' ? formatVerifyJson(verdict) : formatVerifyText(verdict));
    return verdict.exit;
  },
};

