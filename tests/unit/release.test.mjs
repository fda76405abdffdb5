// The workflows in .github/workflows/ and the crate's cargo-binstall
// metadata agree: the archives release.yml attaches to a release are the
// ones `cargo binstall mdbook-studyguide` asks for, for every target built.
// The metadata is read as cargo reads it (`cargo metadata`), and its
// templates expanded as cargo-binstall expands them (its SUPPORT.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './theme.mjs';

const workflow = (name) => parse(readFileSync(path.join(repoRoot, '.github', 'workflows', name), 'utf8'));

const crate = (() => {
  const json = execFileSync('cargo', ['metadata', '--no-deps', '--format-version', '1', '--offline'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  const found = JSON.parse(json).packages.find((/** @type {any} */ p) => p.name === 'mdbook-studyguide');
  assert.ok(found, 'the workspace has the mdbook-studyguide crate');
  return found;
})();

/**
 * Expands a cargo-binstall template: `{ key }` (spaces optional) is the
 * key's value, `\{`, `\}` and `\\` are the characters; a key without a
 * value is an error, as cargo-binstall makes it.
 * @param {string} template
 * @param {Record<string, string>} values
 */
function expand(template, values) {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === '\\' && '{}\\'.includes(template[i + 1] ?? '')) {
      out += template[++i];
    } else if (c === '{') {
      const end = template.indexOf('}', i);
      assert.ok(end > i, `an unclosed { in ${template}`);
      const key = template.slice(i + 1, end).trim();
      assert.ok(key in values, `${template}: no value for { ${key} }`);
      out += values[key];
      i = end;
    } else {
      assert.notEqual(c, '}', `an unopened } in ${template}`);
      out += c;
    }
  }
  return out;
}

// What each of cargo-binstall's package formats may be named with, in its
// order (binstalk-types PkgFmt::extensions): `{ archive-suffix }` is tried
// with each.
const SUFFIXES = {
  tar: ['.tar'],
  tbz2: ['.tbz2', '.tar.bz2', '.tbz', '.tar.bz'],
  tgz: ['.tgz', '.tar.gz'],
  txz: ['.txz', '.tar.xz'],
  tzstd: ['.tzstd', '.tzst', '.tar.zst'],
  zip: ['.zip'],
  bin: ['.bin', ''],
};

/**
 * What cargo-binstall looks for, for `target`: every URL it tries and the
 * path of the binary in the archive.
 * @param {any} pkg the package as `cargo metadata` reads it
 * @param {string} target
 */
function binstallLooksFor(pkg, target) {
  const meta = pkg.metadata?.binstall;
  assert.ok(meta, 'Cargo.toml has [package.metadata.binstall]');
  const overrides = meta.overrides ?? {};
  for (const key of Object.keys(overrides)) {
    assert.ok(!key.startsWith('cfg('), `${key}: this test reads overrides by exact target only`);
  }
  const settings = { 'pkg-fmt': 'tgz', ...meta, ...(overrides[target] ?? {}) };
  const fmt = settings['pkg-fmt'];
  const suffixes = SUFFIXES[/** @type {keyof SUFFIXES} */ (fmt)];
  assert.ok(suffixes, `pkg-fmt "${fmt}" is one of cargo-binstall's`);
  const bins = pkg.targets.filter((/** @type {any} */ t) => t.kind.includes('bin'));
  assert.equal(bins.length, 1, 'the crate has one binary');
  const windows = target.includes('windows');
  const values = {
    name: pkg.name,
    version: pkg.version,
    repo: pkg.repository,
    target,
    bin: bins[0].name,
    'binary-ext': windows ? '.exe' : '',
  };
  const uses = (/** @type {string} */ t) => /\{\s*(archive-suffix|archive-format|format)\s*\}/.test(t);
  const urls = uses(settings['pkg-url'])
    ? suffixes.map((suffix) =>
      expand(settings['pkg-url'], {
        ...values,
        'archive-suffix': suffix,
        'archive-format': suffix === '' ? 'bin' : suffix.slice(1),
        format: suffix === '' ? 'bin' : suffix.slice(1),
      }))
    : [expand(settings['pkg-url'], values)];
  return { urls, binary: expand(settings['bin-dir'], { ...values, format: values['binary-ext'] }) };
}

/**
 * Expands the `${{ github.ref_name }}` and `${{ matrix.… }}` expressions of
 * a workflow's string, for a push of `tag` and one entry of the matrix.
 * @param {string} text
 * @param {string} tag
 * @param {Record<string, string>} entry
 */
function expandWorkflow(text, tag, entry) {
  return text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (whole, name) => {
    if (name === 'github.ref_name') return tag;
    const key = name.startsWith('matrix.') ? name.slice('matrix.'.length) : null;
    assert.ok(key && key in entry, `${whole} is not known to this test`);
    return entry[key];
  });
}

test('the template language is cargo-binstall\'s', () => {
  assert.equal(expand('{ name }-v{version}\\{x\\}\\\\', { name: 'a', version: '1' }), 'a-v1{x}\\');
  assert.throws(() => expand('{ nope }', {}), /no value for \{ nope \}/);
});

test('the crate says where it lives and where its documentation is', () => {
  for (const key of ['repository', 'homepage', 'documentation']) {
    assert.match(crate[key] ?? '', /^https:\/\//, `Cargo.toml has ${key}`);
  }
  assert.ok(crate.homepage.startsWith(crate.repository));
  assert.ok(crate.documentation.startsWith(crate.repository) || crate.documentation.startsWith('https://docs.rs/'));
});

test('both workflows are YAML with jobs, and each job has steps', () => {
  for (const name of ['release.yml', 'pages.yml']) {
    const flow = workflow(name);
    assert.equal(typeof flow.name, 'string', name);
    assert.ok(flow.on, `${name} says when it runs`);
    const jobs = Object.entries(flow.jobs ?? {});
    assert.ok(jobs.length > 0, `${name} has jobs`);
    for (const [id, job] of jobs) assert.ok(Array.isArray(job.steps) && job.steps.length > 0, `${name}: ${id}`);
  }
});

test('a release is made from a tag v*, for Linux, macOS and Windows, on x86-64 and arm64', () => {
  const flow = workflow('release.yml');
  assert.deepEqual(flow.on.push.tags, ['v*']);
  const targets = flow.jobs.build.strategy.matrix.include.map((/** @type {any} */ e) => e.target).sort();
  assert.deepEqual(targets, [
    'aarch64-apple-darwin',
    'aarch64-unknown-linux-musl',
    'x86_64-apple-darwin',
    'x86_64-pc-windows-msvc',
    'x86_64-unknown-linux-musl',
  ]);
  assert.ok(flow.jobs.release.needs === 'build' || flow.jobs.release.needs.includes('build'));
  assert.equal(flow.jobs.release.permissions.contents, 'write');
});

test('every archive the release attaches is the one cargo binstall downloads, with the binary where it looks', () => {
  const flow = workflow('release.yml');
  const build = flow.jobs.build;
  const tag = `v${crate.version}`;
  const steps = build.steps.map((/** @type {any} */ s) => s.run ?? '').join('\n');
  // The archive is "$ASSET.$ARCHIVE", holding the folder "$ASSET" with the binary.
  assert.match(steps, /mkdir "\$ASSET"/);
  assert.match(steps, /cp "target\/\$TARGET\/release\/mdbook-studyguide\$exe" .* "\$ASSET\/"/);
  assert.match(steps, /7z a -tzip "\$ASSET\.\$ARCHIVE" "\$ASSET"/);
  assert.match(steps, /tar -czf "\$ASSET\.\$ARCHIVE" "\$ASSET"/);
  const upload = build.steps.find((/** @type {any} */ s) => s.uses?.startsWith('actions/upload-artifact'));
  assert.equal(upload.with.path, '${{ env.ASSET }}.${{ matrix.archive }}');

  const assets = [];
  for (const entry of build.strategy.matrix.include) {
    const folder = expandWorkflow(build.env.ASSET, tag, entry);
    const asset = `${folder}.${expandWorkflow(build.env.ARCHIVE, tag, entry)}`;
    assets.push(asset);
    const url = `${crate.repository}/releases/download/${tag}/${asset}`;
    const looks = binstallLooksFor(crate, entry.target);
    assert.ok(looks.urls.includes(url), `${entry.target}: cargo binstall tries ${looks.urls.join(', ')}, not ${url}`);
    const exe = entry.target.includes('windows') ? '.exe' : '';
    assert.equal(looks.binary, `${folder}/mdbook-studyguide${exe}`, entry.target);
  }
  assert.deepEqual(assets.sort(), [
    `mdbook-studyguide-${tag}-aarch64-apple-darwin.tar.gz`,
    `mdbook-studyguide-${tag}-aarch64-unknown-linux-musl.tar.gz`,
    `mdbook-studyguide-${tag}-x86_64-apple-darwin.tar.gz`,
    `mdbook-studyguide-${tag}-x86_64-pc-windows-msvc.zip`,
    `mdbook-studyguide-${tag}-x86_64-unknown-linux-musl.tar.gz`,
  ]);
});

test('the book is published with a cached build or a released binary, not compiled from nothing', () => {
  const flow = workflow('pages.yml');
  const uses = flow.jobs.build.steps.map((/** @type {any} */ s) => s.uses ?? '');
  const runs = flow.jobs.build.steps.map((/** @type {any} */ s) => s.run ?? '').join('\n');
  assert.ok(
    uses.some((u) => u.startsWith('Swatinem/rust-cache@')) || /cargo binstall/.test(runs),
    'pages.yml caches the compiled crates or downloads a release',
  );
});
