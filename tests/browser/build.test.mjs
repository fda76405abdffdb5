// Builds with Chromium drawing the diagrams: two builds of the same sources,
// each with a cold diagram cache, write byte-identical sites. On each of the
// fixture books (tests/books/). And a build stopped by a signal while
// Chromium draws leaves nothing behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { binaryPath, buildBook, copyFixture, removeAtExit, tempDir, themeEnv } from './harness.mjs';
import { sleep } from './assertions.mjs';

function files(dir, prefix = '') {
  return readdirSync(dir).sort().flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

// Each fixture book, and how many diagrams it has.
const FIXTURES = { quiz: 0, limits: 0, diagrams: 4 };

test('two builds of the same sources, drawing every diagram afresh, are byte-identical', () => {
  for (const [name, diagrams] of Object.entries(FIXTURES)) {
    const books = [copyFixture(name, 'studyguide-repro-'), copyFixture(name, 'studyguide-repro-')];
    for (const book of books) {
      const result = buildBook(book);
      assert.equal(result.status, 0, result.stderr);
      if (diagrams) assert.match(result.log, new RegExp(`diagrams: ${diagrams} drawn, 0 from the cache`));
    }
    const [a, b] = books.map((book) => path.join(book, 'book'));
    const list = files(a);
    assert.deepEqual(files(b), list, `${name}: the same files`);
    assert.ok(list.length > 40, `${name}: ${list.length} files`);
    for (const file of list) {
      assert.ok(readFileSync(path.join(a, file)).equals(readFileSync(path.join(b, file))), `${name}: ${file} differs`);
    }
  }
});

// The processes of this machine: pid, state (Z for a dead one not yet
// reaped), process group and command line.
function processes() {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).flatMap((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      return [{ pid: +pid, state, group: +group, command }];
    } catch {
      return []; // It ended while being read.
    }
  });
}

const SIGNALS = { SIGTERM: 15, SIGINT: 2 };

for (const [signal, number] of Object.entries(SIGNALS)) {
  test(`a build stopped by ${signal} while Chromium draws leaves no Chromium running and no temporary folder`, async () => {
    const book = copyFixture('diagrams', 'studyguide-stopped-');
    // The build's temporary folders go here, where nothing else puts any.
    const tmp = removeAtExit(tempDir('studyguide-tmpdir-'));
    const build = spawn(binaryPath, ['build', book], {
      env: { ...process.env, ...themeEnv(), TMPDIR: tmp },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => build.on('exit', (code, by) => resolve({ code, by })));
    // Chromium's processes: the group of the one started with a profile in tmp.
    const profile = `--user-data-dir=${tmp}/studyguide-chromium-`;
    let groups = [];
    for (const deadline = Date.now() + 60000; groups.length === 0 && Date.now() < deadline;) {
      groups = processes().filter((p) => p.state !== 'Z' && p.command.includes(profile)).map((p) => p.group);
      if (groups.length === 0) await sleep(20);
    }
    assert.ok(groups.length > 0, 'Chromium started');
    build.kill(signal);
    assert.deepEqual(await exited, { code: 128 + number, by: null }, 'the build exits, reporting the signal');
    // SIGKILL is sent before the build exits; give the kernel a moment to end them.
    let running;
    for (const deadline = Date.now() + 5000; Date.now() < deadline; await sleep(50)) {
      running = processes().filter((p) => p.state !== 'Z' && groups.includes(p.group));
      if (running.length === 0) break;
    }
    assert.deepEqual(running, [], 'no Chromium process runs on');
    assert.deepEqual(readdirSync(tmp).filter((name) => name.startsWith('studyguide-')), [],
      'no temporary folder of the build is left');
  });
}
