// Headless-browser test of the page served by `dateline-query serve`.
//
//   DATELINE_URL=http://127.0.0.1:PORT/ [CHROMIUM=/usr/bin/chromium] [SCREENSHOT=graph.png] node page_test.mjs
//
// The server must serve a database built from corpus/ (the checks name Lee Jae-myung, Xi Jinping and
// tariffs). Every figure the page shows is compared with what the API answers for the same request,
// fetched here from Node. One line per check, then "N passed, M failed"; exit 1 on any failure.

import puppeteer from 'puppeteer-core';

const BASE = new URL(process.env.DATELINE_URL || 'http://127.0.0.1:8080/');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SCREENSHOT = process.env.SCREENSHOT || '';
const WAIT = 15000; // ms, for any one thing to appear
const TOTAL = 90000; // ms, for the whole run

const EGO = 'Lee Jae-myung';
const OTHER = 'Xi Jinping';

const watchdog = setTimeout(() => {
  console.log(`FAIL the run took longer than ${TOTAL / 1000} s`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}, TOTAL);

let passed = 0;
let failed = 0;

class CheckError extends Error {}
function assert(cond, message) { if (!cond) throw new CheckError(message); }
function eq(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  assert(a === e, `${what}: page shows ${a}, the API says ${e}`);
}

async function check(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e instanceof CheckError ? e.message : (e && e.stack) || e}`);
  }
}

// the API, from Node: the same requests the page makes
async function api(path, params = []) {
  const u = new URL('api/' + path, BASE);
  for (const [k, v] of params) u.searchParams.append(k, v);
  const res = await fetch(u);
  const body = await res.text();
  if (!res.ok) throw new CheckError(`GET ${u.pathname}${u.search} answered ${res.status}: ${body.slice(0, 300)}`);
  return JSON.parse(body);
}

// --- browser ---------------------------------------------------------------------------------------

const browser = await puppeteer.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--font-render-hinting=none'],
  defaultViewport: { width: 1280, height: 800 },
});
const page = await browser.newPage();
page.setDefaultTimeout(WAIT);

// problems seen by the browser; `expected` holds URL parts of requests a check makes fail on purpose
const problems = [];
const expected = new Set();
const isExpected = (url) => [...expected].some((x) => url && url.includes(x));
page.on('console', (m) => {
  if (m.type() !== 'error') return;
  const loc = m.location() && m.location().url;
  if (isExpected(loc)) return;
  problems.push(`console error: ${m.text()}${loc ? ' (' + loc + ')' : ''}`);
});
page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
page.on('requestfailed', (r) => {
  if (!isExpected(r.url())) problems.push(`request failed: ${r.url()} (${r.failure() && r.failure().errorText})`);
});
page.on('response', (r) => {
  if (r.status() >= 400 && !isExpected(r.url())) problems.push(`HTTP ${r.status()} for ${r.url()}`);
});

const view = (v) => `#view-${v}`;

// Marks a container stale, does `action`, then waits until the page says it is ready again.
async function act(selector, action, what) {
  await page.$eval(selector, (e) => { e.dataset.state = 'stale'; });
  await action();
  try {
    await page.waitForFunction((s) => {
      const e = document.querySelector(s);
      return e && (e.dataset.state === 'ready' || e.dataset.state === 'error');
    }, { timeout: WAIT }, selector);
  } catch (e) {
    throw new CheckError(`${what}: ${selector} did not become ready within ${WAIT / 1000} s`);
  }
  const state = await page.$eval(selector, (e) => e.dataset.state);
  if (state === 'error') {
    const msg = await page.$eval(selector, (e) => (e.querySelector('.error-box') || e).textContent.trim());
    throw new CheckError(`${what}: the page shows an error: ${msg}`);
  }
}

// scrolls an element to the middle of the window and lets the scroll events run (Cytoscape caches the
// position of its container until it sees one)
async function scrollTo(selector) {
  await page.$eval(selector, (e) => e.scrollIntoView({ block: 'center' }));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function openTab(v) {
  await page.click(`.tab[data-view="${v}"]`);
  await page.waitForFunction((s) => !document.querySelector(s).hidden, {}, view(v));
}

async function fill(selector, value) {
  await page.$eval(selector, (e) => { e.value = ''; });
  await page.type(selector, value);
}

async function submit(v, fields) {
  await page.evaluate(() => window.scrollTo(0, 0)); // the form, not under the sticky header
  for (const [sel, value] of Object.entries(fields)) {
    const tag = await page.$eval(sel, (e) => e.tagName);
    if (tag === 'SELECT') await page.select(sel, value); else await fill(sel, value);
  }
  await act(view(v), () => page.click(`#${v}-go`), `${v} form`);
}

// --- checks ----------------------------------------------------------------------------------------

await check('(a) the page loads with its stats, no console errors and no failed requests', async () => {
  const stats = await api('stats');
  const res = await page.goto(BASE.href, { waitUntil: 'load' });
  assert(res && res.ok(), `GET ${BASE.href} answered ${res && res.status()}`);
  await page.waitForFunction(() => document.querySelector('#stats').dataset.state !== 'loading');
  const header = await page.$eval('#stats', (e) => e.textContent);
  assert(header.includes(String(stats.articles)), `the header "${header}" does not show ${stats.articles} articles`);
  if (stats.first_date) assert(header.includes(stats.first_date), `the header "${header}" does not show ${stats.first_date}`);
  await page.waitForFunction(() => ['ready', 'error'].includes(document.querySelector('#view-search').dataset.state));
  const libs = await page.evaluate(() => [typeof window.Chart, typeof window.cytoscape]);
  eq(libs, ['function', 'function'], 'Chart.js and Cytoscape.js loaded');
  await new Promise((r) => setTimeout(r, 300));
  assert(problems.length === 0, problems.join('; '));
});

await check('(b) a search for "tariffs" shows the API\'s hits, marks and paging', async () => {
  await openTab('search');
  await submit('search', { '#search-q': 'tariffs', '#search-with': '', '#search-from': '', '#search-to': '' });
  const want = await api('search', [['q', 'tariffs'], ['limit', '10'], ['offset', '0']]);
  assert(want.total > 0, 'the API has no hit for tariffs');
  const shownTotal = await page.$eval('#search-status .count', (e) => Number(e.dataset.total));
  eq(shownTotal, want.total, 'total hits');
  const ids = await page.$$eval('#search-hits li.hit', (l) => l.map((e) => e.dataset.id));
  eq(ids, want.hits.map((h) => h.id), 'hits on the first page');
  const marks = await page.$$eval('#search-hits li.hit .snippet mark', (l) => l.length);
  assert(marks > 0, 'no <mark> in the snippets');
  const raw = await page.$$eval('#search-hits li.hit .snippet', (l) => l.some((e) => e.textContent.includes('**')));
  assert(!raw, 'a snippet still shows ** marks as text');
  if (want.total > want.hits.length) {
    await act(view('search'), () => page.click('#search-more'), 'More');
    const next = await api('search', [['q', 'tariffs'], ['limit', '10'], ['offset', '10']]);
    const all = await page.$$eval('#search-hits li.hit', (l) => l.map((e) => e.dataset.id));
    eq(all, want.hits.map((h) => h.id).concat(next.hits.map((h) => h.id)), 'hits after "More"');
  }
});

async function barInfo() {
  return page.evaluate(() => {
    const chart = window.datelineCharts && window.datelineCharts.timeline;
    if (!chart) return null;
    const r = chart.canvas.getBoundingClientRect();
    return {
      labels: chart.data.labels.slice(),
      datasets: chart.data.datasets.map((ds, i) => ({
        label: ds.label,
        data: ds.data.slice(),
        bars: chart.getDatasetMeta(i).data.map((b) => {
          const p = b.getProps(['x', 'y', 'base', 'width'], true);
          return { x: r.left + p.x, y: r.top + p.y, base: r.top + p.base, width: p.width };
        }),
      })),
    };
  });
}

async function clickBar(di, j) {
  // positions are read again before each click: listing articles may have scrolled the page
  await scrollTo('#timeline-chart');
  const info = await barInfo();
  const b = info.datasets[di].bars[j];
  await act('#timeline-detail', () => page.mouse.click(b.x, (b.y + b.base) / 2), `click on bar ${info.labels[j]}`);
}

await check(`(c) the timeline of ${EGO} by month draws the API's periods; clicking bars lists their articles`, async () => {
  await openTab('timeline');
  await submit('timeline', { '#timeline-names': EGO, '#timeline-by': 'month', '#timeline-from': '', '#timeline-to': '' });
  const want = await api('timeline', [['name', EGO], ['by', 'month'], ['articles', '1']]);
  const periods = want.periods;
  const series = want.entities[0].timeline;
  await scrollTo('#timeline-chart');
  const info = await barInfo();
  assert(info, 'window.datelineCharts.timeline is not set');
  eq(info.labels, periods, 'periods on the x axis');
  eq(info.datasets.length, 1, 'datasets');
  eq(info.datasets[0].bars.length, periods.length, 'bars drawn');
  eq(info.datasets[0].data, series.map((p) => p.articles), 'articles per period');
  const visible = info.datasets[0].bars.filter((b) => Math.abs(b.base - b.y) > 0.5).length;
  eq(visible, series.filter((p) => p.articles > 0).length, 'bars with a height (periods with articles)');
  // click the tallest bar and the shortest non-empty one
  const nonEmpty = series.map((p, j) => [p.articles, j]).filter((x) => x[0] > 0).sort((a, b) => b[0] - a[0]);
  const targets = [nonEmpty[0][1], nonEmpty[nonEmpty.length - 1][1]];
  for (const j of targets) {
    await clickBar(0, j);
    const shown = await page.evaluate(() => ({
      period: document.querySelector('#timeline-detail').dataset.period,
      ids: [...document.querySelectorAll('#timeline-articles li.article')].map((e) => e.dataset.id),
      links: [...document.querySelectorAll('#timeline-articles li.article a.title')].map((a) => a.getAttribute('href')),
    }));
    eq(shown.period, periods[j], 'period listed after the click');
    eq(shown.ids, series[j].article_list.map((a) => a.id), `articles of ${periods[j]}`);
    eq(shown.links, series[j].article_list.map((a) => 'api/articles/' + encodeURIComponent(a.id)), `article links of ${periods[j]}`);
  }
});

let graphShot = false;

async function edgePoint(a, b) {
  // a point on the edge a—b (either direction) that the renderer resolves to that edge and that is on screen
  return page.evaluate((a, b) => {
    const cy = window.datelineGraph;
    const edge = cy.edges().filter((e) => (e.data('source') === a && e.data('target') === b) ||
      (e.data('source') === b && e.data('target') === a))[0];
    if (!edge) return { error: `no edge between ${a} and ${b}` };
    const rect = cy.container().getBoundingClientRect();
    const s = edge.source().position();
    const t = edge.target().position();
    const zoom = cy.zoom();
    const pan = cy.pan();
    const r = cy.renderer();
    // whole pixels (the click lands on one), and the pixels around it must all resolve to the edge
    const hits = (px, py) => {
      const h = r.findNearestElement ? r.findNearestElement((px - rect.left - pan.x) / zoom, (py - rect.top - pan.y) / zoom, true, false) : edge;
      return h && h.id() === edge.id();
    };
    const fs = [];
    for (let k = 0; k <= 28; k++) fs.push(0.5 + (k % 2 ? 1 : -1) * Math.ceil(k / 2) * 0.025); // 0.5, 0.475, 0.525 …
    for (const f of fs) {
      const cx = Math.round(rect.left + (s.x + f * (t.x - s.x)) * zoom + pan.x);
      const cyy = Math.round(rect.top + (s.y + f * (t.y - s.y)) * zoom + pan.y);
      if ([[0, 0], [1, 0], [-1, 0], [0, 1], [0, -1]].some(([dx, dy]) => !hits(cx + dx, cyy + dy))) continue;
      const top = document.elementFromPoint(cx, cyy);
      if (!top || !cy.container().contains(top)) continue;
      return { x: cx, y: cyy, id: edge.id(), source: edge.data('source'), target: edge.data('target') };
    }
    return { error: `no point of the edge ${a} — ${b} can be clicked without hitting another element` };
  }, a, b);
}

await check(`(d) the ego graph of ${EGO} has its known neighbours; clicking an edge shows the shared articles`, async () => {
  await openTab('graph');
  await submit('graph', { '#graph-name': EGO, '#graph-edges': 'comentions', '#graph-measure': 'count', '#graph-top': '15' });
  const want = await api('graph', [['name', EGO], ['top', '15']]);
  const byName = Object.fromEntries(want.nodes.map((n) => [n.name, n.id]));
  const ego = byName[EGO];
  const other = byName[OTHER];
  assert(ego && other, `the API's graph lacks ${EGO} or ${OTHER}: ${Object.keys(byName).join(', ')}`);
  const shown = await page.evaluate(() => {
    const cy = window.datelineGraph;
    return cy ? { nodes: cy.nodes().map((n) => n.id()).sort(), edges: cy.edges().length } : null;
  });
  assert(shown, 'window.datelineGraph is not set');
  eq(shown.nodes, want.nodes.map((n) => n.id).sort(), 'nodes');
  eq(shown.edges, want.links.length, 'edges');
  for (const id of [ego, other, 'country:KR']) {
    assert(shown.nodes.includes(id), `node ${id} is missing`);
  }
  const link0 = want.links.find((l) => (l.source === ego && l.target === other) || (l.source === other && l.target === ego));
  assert(link0, `the API has no edge ${ego} — ${other}`);
  await scrollTo('#graph-canvas');
  // click the edge to Xi Jinping; if other edges cover all of it in this layout, the next edge of the ego
  // that can be clicked (the layout is random; any edge's articles can be checked against the API)
  const candidates = [link0].concat(want.links.filter((l) => l !== link0 && (l.source === ego || l.target === ego)),
    want.links.filter((l) => l.source !== ego && l.target !== ego));
  let link = null;
  let pt = null;
  for (const l of candidates) {
    pt = await edgePoint(l.source, l.target);
    if (!pt.error) { link = l; break; }
  }
  assert(link, `no edge of the graph can be clicked: ${pt && pt.error}`);
  if (link !== link0) console.log(`     (the edge ${ego} — ${other} is covered in this layout; clicking ${link.source} — ${link.target})`);
  await act('#graph-detail', () => page.mouse.click(pt.x, pt.y), 'click on an edge');
  const d = await page.evaluate(() => {
    const e = document.querySelector('#graph-detail');
    const c = e.querySelector('.count');
    return {
      source: e.dataset.source, target: e.dataset.target, total: c ? Number(c.dataset.total) : null,
      ids: [...e.querySelectorAll('li.article')].map((x) => x.dataset.id),
    };
  });
  eq([d.source, d.target].sort(), [link.source, link.target].sort(), 'the edge clicked');
  // within an ego graph (depth 1) the edges count the ego's articles: the shared ones mention the ego too
  const withs = [link.source, link.target].concat([link.source, link.target].includes(ego) ? [] : [ego]);
  const shared = await api('search', withs.map((w) => ['with', w]).concat([['limit', '50']]));
  eq(d.total, shared.total, 'shared articles (total)');
  eq(d.total, link.count, 'shared articles against the edge\'s count');
  eq(d.ids, shared.hits.map((h) => h.id), 'shared articles');
  if (SCREENSHOT) { await page.screenshot({ path: SCREENSHOT }); graphShot = true; }

  // meetings mode: the edge shows the evidence of the meetings
  await submit('graph', { '#graph-edges': 'meetings' });
  const mg = await api('graph', [['name', EGO], ['edges', 'meetings'], ['top', '15']]);
  const ml0 = mg.links.find((l) => [l.source, l.target].sort().join() === [ego, other].sort().join());
  assert(ml0, `the API's meetings graph has no edge ${ego} — ${other}`);
  await scrollTo('#graph-canvas');
  let ml = null;
  let mp = null;
  for (const l of [ml0].concat(mg.links.filter((x) => x !== ml0))) {
    mp = await edgePoint(l.source, l.target);
    if (!mp.error) { ml = l; break; }
  }
  assert(ml, `no edge of the meetings graph can be clicked: ${mp && mp.error}`);
  await act('#graph-detail', () => page.mouse.click(mp.x, mp.y), 'click on a meetings edge');
  eq(await page.$eval('#graph-detail', (e) => [e.dataset.source, e.dataset.target].sort()), [ml.source, ml.target].sort(),
    'the meetings edge clicked');
  const evid = await page.$$eval('#graph-detail .evidence-item .sentence', (l) => l.map((e) => e.textContent));
  const met = await api('met', [['name', ml.source], ['with', ml.target]]);
  eq(evid, met.flatMap((p) => p.evidence.map((e) => e.sentence)), 'meeting evidence of the edge');
});

await check(`(e) who met whom for ${EGO} lists the pair with ${OTHER} and its evidence`, async () => {
  await openTab('met');
  await submit('met', { '#met-name': EGO, '#met-with': '', '#met-mode': '' });
  const want = await api('met', [['name', EGO]]);
  const pairs = await page.$$eval('#met-pairs > li.pair', (l) => l.map((e) => ({
    names: [...e.querySelectorAll('.pair-head .party')].map((p) => p.textContent.trim()),
    sentences: [...e.querySelectorAll('.evidence-item')].filter((x) => x.checkVisibility())
      .map((x) => x.querySelector('.sentence').textContent),
  })));
  eq(pairs.length, want.length, 'pairs');
  const pair = pairs.find((p) => p.names.includes(OTHER));
  assert(pair, `no pair with ${OTHER} among ${pairs.map((p) => p.names.join(' — ')).join('; ')}`);
  const wantPair = want.find((p) => p.target.name === OTHER || p.source.name === OTHER);
  eq(pair.sentences, wantPair.evidence.map((e) => e.sentence), `evidence of the pair with ${OTHER}`);
  assert(pair.sentences.some((s) => s.includes(OTHER)), `no visible evidence sentence contains "${OTHER}"`);
});

await check('every export link of the views above answers 200', async () => {
  const links = await page.$$eval('a.export, footer a', (l) => [...new Set(l.map((a) => a.href))]);
  assert(links.length >= 15, `only ${links.length} export links found`);
  const bad = [];
  for (const href of links) {
    const res = await fetch(href);
    const body = await res.text();
    if (!res.ok || !body.length) bad.push(`${res.status} ${href}`);
  }
  assert(bad.length === 0, bad.join('; '));
});

await check('(f) names in Hangul and Han (이재명, 习近平) work in the timeline, from a linked URL', async () => {
  const names = ['이재명', '习近平'];
  const hash = '#timeline?' + new URLSearchParams(names.map((n) => ['name', n])).toString();
  await page.goto(new URL(hash, BASE).href, { waitUntil: 'load' });
  await page.reload({ waitUntil: 'load' }); // a fresh page from the link, not a hash change
  await page.waitForFunction(() => ['ready', 'error'].includes(document.querySelector('#view-timeline').dataset.state));
  const state = await page.$eval(view('timeline'), (e) => e.dataset.state);
  assert(state === 'ready', `the timeline shows an error: ${await page.$eval('#timeline-error', (e) => e.textContent)}`);
  const want = await api('timeline', names.map((n) => ['name', n]).concat([['by', 'month'], ['articles', '1']]));
  const info = await barInfo();
  eq(info.datasets.map((d) => d.label), want.entities.map((e) => e.name), 'datasets');
  eq(info.labels, want.periods, 'periods');
  eq(info.datasets.map((d) => d.data), want.entities.map((e) => e.timeline.map((p) => p.articles)), 'articles per period');
  eq(await page.$eval('#timeline-names', (e) => e.value), names.join(', '), 'names in the form');
  // a bar of the second entity lists its articles
  const j = want.entities[1].timeline.findIndex((p) => p.articles > 0);
  await clickBar(1, j);
  const ids = await page.$$eval('#timeline-articles li.article', (l) => l.map((e) => e.dataset.id));
  eq(ids, want.entities[1].timeline[j].article_list.map((a) => a.id), `articles of ${want.entities[1].name} in ${want.periods[j]}`);
  if (SCREENSHOT && !graphShot) await page.screenshot({ path: SCREENSHOT });
});

await check('no console errors and no failed requests during the checks above', async () => {
  assert(problems.length === 0, problems.join('; '));
});

await check('(g) an unknown name shows the API\'s error and its suggestions, which can be clicked', async () => {
  expected.add('api/timeline?name=Jinping');
  await openTab('timeline');
  await page.$eval(view('timeline'), (e) => { e.dataset.state = 'stale'; });
  await fill('#timeline-names', 'Jinping');
  await page.click('#timeline-go');
  await page.waitForFunction(() => document.querySelector('#view-timeline').dataset.state === 'error');
  const box = await page.$eval('#timeline-error', (e) => ({ text: e.textContent, hidden: e.hidden,
    suggestions: [...e.querySelectorAll('button.suggestion')].map((b) => b.textContent) }));
  assert(!box.hidden && box.text.includes('Jinping'), `no error shown: ${JSON.stringify(box)}`);
  const i = box.suggestions.findIndex((x) => x.startsWith(OTHER));
  assert(i >= 0, `the suggestions ${JSON.stringify(box.suggestions)} lack ${OTHER}`);
  await act(view('timeline'), async () => (await page.$$('#timeline-error button.suggestion'))[i].click(), 'suggestion');
  const labels = (await barInfo()).datasets.map((d) => d.label);
  eq(labels, [OTHER], 'timeline after the suggestion');
  assert(problems.length === 0, problems.join('; '));
});

await browser.close();
clearTimeout(watchdog);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
