import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { openApiDocument } from '../../src/server/openapi/document.js';
import { runInProcess } from './in-process.js';
import { PAGES, REPO, runParley } from './run-parley.js';

/**
 * Help texts and usage errors. They do no work, so all but the first run in this process (runInProcess):
 * the first runs the built `parley` for real, to show the installed command answers.
 */

const STORY = join(PAGES, 'harbor-bridge.html');
const OTHER = join(PAGES, 'council-budget.htm');

describe('parley --help and --version', () => {
  it('prints the version from package.json and exits 0', async () => {
    const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
    const run = await runParley(['--version']);
    expect(run).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('lists the commands with examples', async () => {
    const run = await runInProcess(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: parley /);
    expect(run.stdout).toMatch(/^\s+extract \[options\] <input\.\.\.>/m);
    expect(run.stdout).toContain('$ parley extract story.html');
  });

  it('explains extract: every format, the defaults, examples and exit statuses', async () => {
    const run = await runInProcess(['extract', '--help']);
    expect(run.code).toBe(0);
    for (const format of ['json', 'jsonl', 'markdown', 'text', 'html']) expect(run.stdout).toMatch(new RegExp(`^  ${format} +\\S`, 'm'));
    for (const flag of ['--format', '--url', '--output', '--no-captions', '--max-bytes', '--timeout', '--jobs', '--quiet']) expect(run.stdout).toContain(flag);
    expect(run.stdout).toContain('(default: 10MB)');
    expect(run.stdout).toContain('Examples:');
    expect(run.stdout).toContain('Exit status: 0');
  });

  it('lays out every command\'s lists of names and meanings with a gap, so no name runs into its text', async () => {
    for (const { name } of COMMANDS) {
      const help = (await runInProcess([name, '--help'])).stdout;
      const choices = /--format <format>[^(]*\(choices: ([^)]*)\)/.exec(help.replace(/\s+/g, ' '))?.[1];
      if (choices === undefined || !help.includes('Formats:')) continue;
      for (const format of [...choices.split('default:')[0]!.matchAll(/"([^"]+)"/g)].map((match) => match[1]!)) {
        expect(help, `${name} ${format}`).toMatch(new RegExp(`^ {2}${format} {2,}\\S`, 'm'));
      }
    }
    expect((await runInProcess(['export', '--help'])).stdout).toMatch(/^ {2}gdelt-events {2}the coded events/m);
  });

  it('lists every route of the API in serve --help, from the OpenAPI document', async () => {
    const help = (await runInProcess(['serve', '--help'])).stdout;
    const paths = Object.keys((openApiDocument() as { paths: Record<string, unknown> }).paths);
    expect(paths.length).toBeGreaterThanOrEqual(10);
    for (const path of paths) expect(help, path).toMatch(new RegExp(`^ {2}${path.replace(/[.?{}]/g, '\\$&')} +\\S`, 'm'));
  });

  it('shows the help on stderr and exits 2 when no command is given', async () => {
    const run = await runInProcess([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Usage: parley /);
  });
});

describe('usage errors exit 2 and say what to do', () => {
  const cases: [string, string[], RegExp][] = [
    ['no input', ['extract'], /missing required argument 'input'/],
    ['an unknown command', ['extrct', STORY], /unknown command 'extrct'[\s\S]*Did you mean extract\?/],
    ['an unknown flag', ['extract', '--fromat', 'json', STORY], /unknown option '--fromat'[\s\S]*Did you mean --format\?/],
    ['an unknown format', ['extract', '--format', 'xml', STORY], /Allowed choices are json, jsonl, markdown, text, html/],
    ['a bad size', ['extract', '--max-bytes', '10XB', STORY], /--max-bytes[\s\S]*such as 10MB, 512KB/],
    ['a zero size', ['extract', '--max-bytes', '0', STORY], /--max-bytes/],
    ['a bad duration', ['extract', '--timeout', 'soon', STORY], /such as 10s, 500ms/],
    ['zero jobs', ['extract', '--jobs', '0', STORY], /whole number of at least 1/],
    ['a relative --url', ['extract', '--url', 'news/a.html', STORY], /absolute URL/],
    ['a javascript: --url', ['extract', '--url', 'javascript:alert(1)', STORY], /http:\/\/ or https:\/\//],
    ['--url with two inputs', ['extract', '--url', 'https://example.com/a', STORY, OTHER], /--url is the address of one page/],
    ['--url with a directory', ['extract', '--url', 'https://example.com/a', PAGES], /--url is the address of one page/],
    ['markdown for several pages on stdout', ['extract', '--format', 'markdown', STORY, OTHER], /add --output DIR[\s\S]*--format jsonl/],
    ['html for a directory on stdout', ['extract', '--format', 'html', PAGES], /add --output DIR/],
    ['stdin twice', ['extract', '-', '-'], /standard input\) can be given only once/],
    ['an --output that is a file', ['extract', '--output', STORY, OTHER], /exists and is not a directory/],
    ['two inputs with one output name', ['extract', '--output', '/tmp/parley-never-written', STORY, join(PAGES, '..', 'pages', 'harbor-bridge.html')], /would both be written to/],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const run = await runInProcess(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/run "parley (extract )?--help"/);
  });
});
