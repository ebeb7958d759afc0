// Performance budget measurement (not a test: nothing here asserts timings).
// Prints one table and writes target/bench/latest.json (and a dated copy).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { serve, browser, dist } from '../browser/harness.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const cli = path.join(root, 'target/release/mirrorsmith');
const work = fs.mkdtempSync('/tmp/mirrorsmith-bench-');
const median = a => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const p90 = a => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(s.length * 0.9))]; };
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

// --- profiles -----------------------------------------------------------------
const china = execFileSync(cli, ['profile', 'china-mainland'], { encoding: 'utf8' });
const proxy = '\n[proxy]\nhttps = "http://proxy.example.com:3128"\npresets = ["loopback", "cluster-domains", "kubeadm-services"]\n';
// China mainland: the first nine registries (those with DaoCloud mirrors) and a proxy.
const chinaRegs = china.split('\n[[registry]]').slice(1, 10).map(r => '[[registry]]' + r).join('\n');
const chinaHead = china.split('\n[[registry]]')[0];
const extra = [];
for (let i = 12; i < 50; i++) {
  // A Harbor-style project mirror (override_path, as MS305 asks) and an in-network cache, as in benches/render.rs.
  extra.push(`[[registry]]\nhost = "registry${i}.example.com:5000"\n[[registry.mirror]]\nurl = "https://mirror${i}.example.com/v2/proj"\noverride_path = true\n[[registry.mirror]]\nurl = "http://10.0.${Math.floor(i / 250)}.${i % 250}:5000"\n`);
}
const profiles = {
  small: '[containerd]\nversion = "1.7"\n[[registry]]\nhost = "docker.io"\n[[registry.mirror]]\nurl = "https://docker.m.daocloud.io"\nprovider = "daocloud"\n',
  typical: chinaHead + '\n' + chinaRegs + proxy,
  fifty: china + '\n' + extra.join('\n') + proxy,
};
const files = {};
for (const [name, text] of Object.entries(profiles)) {
  files[name] = path.join(work, `${name}.toml`);
  fs.writeFileSync(files[name], text);
}
const link = (source, base) => execFileSync(cli, ['link', source, '--app-url', base], { encoding: 'utf8' }).trim();

// --- bundle -------------------------------------------------------------------
// The first visit loads everything in dist/ except the archive worker, which
// the app starts on the first archive or one-liner (its own line below).
const onDemand = f => /^(archive-worker\.js|mirrorsmith-archive[._])/.test(f);
const bundle = {};
const later = { files: [], raw: 0, gzip: 0, brotli: 0 };
for (const f of fs.readdirSync(dist)) {
  const buf = fs.readFileSync(path.join(dist, f));
  if (!fs.statSync(path.join(dist, f)).isFile()) continue;
  const type = path.extname(f).slice(1) || 'other';
  const gz = zlib.gzipSync(buf, { level: 9 }).length;
  const br = zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const into = onDemand(f) ? later : (bundle[type] ??= { files: [], raw: 0, gzip: 0, brotli: 0 });
  into.files.push(f);
  into.raw += buf.length; into.gzip += gz; into.brotli += br;
}
const total = Object.values(bundle).reduce((t, b) => ({ raw: t.raw + b.raw, gzip: t.gzip + b.gzip, brotli: t.brotli + b.brotli }), { raw: 0, gzip: 0, brotli: 0 });

// --- links --------------------------------------------------------------------
const app = 'http://127.0.0.1:8080/';
const links = {
  typical: link(files.typical, app),
  fifty: link(files.fifty, app),
};
// The first-visit (starter) profile, through stdin.
links.starter = execFileSync(cli, ['link', '-', '--app-url', app], {
  input: 'kubernetes = true\nsystemd_cgroup = true\n[containerd]\nversion = "1.7"\n[[registry]]\nhost = "docker.io"\n', encoding: 'utf8',
}).trim();

// --- browser ------------------------------------------------------------------
const srv = await serve();
const loads = [];
for (let i = 0; i < 5; i++) {
  const b = await browser();
  const page = await b.context.newPage();
  await page.goto(srv.base);
  await page.waitForFunction(() => performance.getEntriesByName('mirrorsmith-output').length > 0, null, { timeout: 20000 });
  loads.push(await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    // The prerendered first visit shown: the start of the frame that paints it.
    prerendered: performance.getEntriesByName('mirrorsmith-prerendered')[0]?.startTime ?? NaN,
    interactive: performance.getEntriesByName('mirrorsmith-interactive')[0].startTime,
    output: performance.getEntriesByName('mirrorsmith-output')[0].startTime,
  })));
  await b.close();
}

async function edits(name) {
  const b = await browser();
  const page = await b.context.newPage();
  await page.goto(link(files[name], srv.base));
  await page.waitForSelector('#preview');
  await page.click('#file-list button.file[data-path="/etc/containerd/certs.d/docker.io/hosts.toml"]');
  const times = await page.evaluate(async (n) => {
    const input = document.querySelector('#f-r0-m0-url');
    const preview = document.querySelector('#preview');
    const out = [];
    for (let i = 0; i < n + 3; i++) {
      const url = `https://edit${i}.example.com`;
      // The preview and the findings come from one memoised computation and
      // are committed in the same render pass: the preview showing the new
      // URL means both are on screen.
      const done = new Promise((resolve, reject) => {
        const check = () => preview.textContent.includes(url);
        if (check()) return resolve();
        const obs = new MutationObserver(() => { if (check()) { obs.disconnect(); resolve(); } });
        obs.observe(document.body, { subtree: true, childList: true, characterData: true });
        setTimeout(() => { obs.disconnect(); reject(new Error(`no preview update for ${url}`)); }, 5000);
      });
      const t0 = performance.now();
      input.value = url;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await done;
      if (i >= 3) out.push(performance.now() - t0);
    }
    return out;
  }, 20);
  await b.close();
  return { median: round(median(times)), p90: round(p90(times)), n: times.length };
}
const edit = { small: await edits('small'), typical: await edits('typical'), fifty: await edits('fifty') };
srv.server.close();

// --- native -------------------------------------------------------------------
const native = JSON.parse(execFileSync('cargo', ['bench', '--quiet', '--bench', 'render', '--', '--json'], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop());

// --- report -------------------------------------------------------------------
const result = {
  date: new Date().toISOString(),
  bundle: { ...bundle, total },
  on_demand: later,
  load_ms: { fcp: round(median(loads.map(l => l.fcp))), prerendered_output: round(median(loads.map(l => l.prerendered))), interactive: round(median(loads.map(l => l.interactive))), output: round(median(loads.map(l => l.output))), runs: loads.length },
  edit_ms: edit,
  native_us: native,
  link_chars: Object.fromEntries(Object.entries(links).map(([k, v]) => [k, v.length])),
};
const kb = n => (n / 1024).toFixed(1);
const rows = [
  ['Bundle (first visit)', 'raw KB', 'gzip -9 KB', 'brotli KB'],
  ...Object.entries(bundle).map(([t, b]) => [`  ${t} (${b.files.length})`, kb(b.raw), kb(b.gzip), kb(b.brotli)]),
  ['  total', kb(total.raw), kb(total.gzip), kb(total.brotli)],
  [`On first archive: worker (${later.files.length})`, kb(later.raw), kb(later.gzip), kb(later.brotli)],
  [],
  ['Cold load (median of 5)', 'ms'],
  ['  first contentful paint', result.load_ms.fcp],
  ['  generated output visible (prerendered)', result.load_ms.prerendered_output],
  ['  app rendered: form interactive', result.load_ms.interactive],
  ['  app rendered: its output visible', result.load_ms.output],
  [],
  ['Edit to preview + findings', 'median ms', 'p90 ms'],
  ['  small (1 registry)', edit.small.median, edit.small.p90],
  ['  typical (9 registries + proxy)', edit.typical.median, edit.typical.p90],
  ['  50 registries + proxy', edit.fifty.median, edit.fifty.p90],
  [],
  ['Native render + check', 'render µs', 'check µs', 'both µs'],
  ...native.map(n => [`  ${n.registries} registries (${n.files} files)`, round(n.render_us, 1), round(n.check_us, 1), round(n.render_check_us, 1)]),
  [],
  ['Share link', 'characters'],
  ...Object.entries(result.link_chars).map(([k, v]) => [`  ${k}`, v]),
];
for (const r of rows) console.log(r.length ? r[0].padEnd(44) + r.slice(1).map(c => String(c).padStart(12)).join('') : '');
const outDir = path.join(root, 'target/bench');
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'latest.json'), JSON.stringify(result, null, 2));
fs.writeFileSync(path.join(outDir, `${result.date.replace(/[:.]/g, '-')}.json`), JSON.stringify(result, null, 2));
console.log(`\nwritten: ${path.join(outDir, 'latest.json')}`);
fs.rmSync(work, { recursive: true, force: true });
