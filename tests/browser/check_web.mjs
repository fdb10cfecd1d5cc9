// check_web.mjs: design quality of the readers' pages, checked by machines.
// Starts its own seeded site (tests/site.sh on free 127.0.0.1 ports), then
// for every public page (home, lists, an article, search, errors), in
// English and in Simplified Chinese (Accept-Language: zh-CN):
//   html     the served HTML passes html-validate (tests/browser/.htmlvalidate.json)
//   axe 360  axe-core finds no violation (WCAG 2.x A/AA and best practices)
//   axe 1280 the same at desktop width; each saves a full-page screenshot
//            tests/screenshots/web-PAGE-LANG-WIDTH.png
//   no-js    with JavaScript off the page shows the same content, and it
//            has no script at all (readers need none)
//   keyboard (home and article) the skip link shows at the first Tab and
//            works; focused links have a visible outline
//   print    the print style hides the controls, prints black on white
//            and shows the address after each link of an article's body
//   hosts    every request of those page loads went to the site itself
// then Lighthouse (mobile preset, its default: the stricter one) on home,
// list, article and search, in both languages: performance, accessibility,
// best practices and SEO each at least MIN_SCORE. Each check is one counted
// step; the output ends with one "N passed, N failed" line, which
// tests/run_suites.sh reads.
//
// Usage: node tests/browser/check_web.mjs [--readme-shots] [--no-lighthouse]
//   --readme-shots  only writes docs/screenshots/home.png and article.png
//                   (1280 px wide, one screen high) from the demo content
//   --no-lighthouse skips the Lighthouse steps (quicker while editing CSS)
// Environment: GAZETTE_BIN (default build/gazette), CHROMIUM (default
// /usr/bin/chromium), CHECK_WEB_LH_ZH=0 runs Lighthouse in English only.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import axe from 'axe-core';
import { HtmlValidate } from 'html-validate';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const BIN = path.resolve(ROOT, process.env.GAZETTE_BIN || 'build/gazette');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'tests', 'screenshots');
const README_SHOTS = path.join(ROOT, 'docs', 'screenshots');
const SITE_SH = path.join(ROOT, 'tests', 'site.sh');
const SEEDS = path.join(ROOT, 'sql', 'seeds');
const SITE_NAME = 'Chengdu High-tech Medical Association Party Branch';
const STEP_TIMEOUT = 10000;	// ms for any one wait in the browser or a fetch
const LH_TIMEOUT = 60000;	// ms for one Lighthouse run
const MIN_SCORE = 95;
const WIDTHS = [360, 1280];
const CHROME_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
	'--no-first-run', '--disable-background-networking', '--disable-component-update',
	'--disable-sync'];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const LANGS = {
	en: {},
	zh: { 'Accept-Language': 'zh-CN,zh;q=0.9' },
};

const args = new Set(process.argv.slice(2));
const readmeOnly = args.has('--readme-shots');
const withLighthouse = !args.has('--no-lighthouse') && !readmeOnly;

// The public pages: a name for the screenshots, the path, the status the
// page must answer with, and what shows it is that page (a selector that
// must match, one that must not). ARTICLE_ID is the seed with photos.
let ARTICLE_ID = 0;
function pages() {
	return [
		{ name: 'home', path: '/', status: 200, has: '.article-item' },
		{ name: 'articles', path: '/articles/', status: 200, has: '.pager' },
		{ name: 'section', path: '/sections/activities/', status: 200, has: '.article-item' },
		{ name: 'articles-page2', path: '/articles/?page=2', status: 200, has: '.pager [aria-current="page"]' },
		{ name: 'article', path: `/articles/${ARTICLE_ID}`, status: 200, has: '.article-body img' },
		{ name: 'search', path: '/search?q=party', status: 200, has: '.search-results .article-item' },
		{ name: 'search-none', path: '/search?q=zzqxjv', status: 200, not: '.search-results' },
		{ name: 'search-empty', path: '/search?q=', status: 200, not: '.search-results' },
		{ name: 'search-long', path: `/search?q=${'long'.repeat(40)}`, status: 200,
		    has: '.search-message', not: '.search-results' },
		{ name: '404', path: '/no-such-page', status: 404, has: '.error-page' },
		{ name: '400', path: '/articles/?page=0', status: 400, has: '.error-page' },
	];
}
const LH_PAGES = ['home', 'articles', 'article', 'search'];

let passed = 0;
let failed = 0;
let stepNo = 0;
let siteRun = null;	// the run folder while the site may be up
let tmpDir = null;	// the temporary folder, removed at the end
let browser = null;
let closing = null;	// browser.close(), once
let lhChrome = null;	// the Chromium that Lighthouse drives
let interrupted = false;

function closeBrowsers() {
	if (lhChrome != null) {
		try { lhChrome.kill(); } catch { /* already gone */ }
		lhChrome = null;
	}
	if (browser != null && closing == null)
		closing = browser.close().catch(() => {});
	return closing ?? Promise.resolve();
}

class Mismatch extends Error {
	constructor(expected, seen) {
		super(`expected ${expected}; saw ${seen}`);
	}
}
function expect(ok, expected, seen) {
	if (!ok)
		throw new Mismatch(expected, typeof seen === 'string' ? seen : JSON.stringify(seen));
}

// Bounds a promise that has no timeout of its own.
function within(ms, what, promise) {
	let timer;
	const t = new Promise((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
	});
	return Promise.race([promise, t]).finally(() => clearTimeout(timer));
}

// Runs FN and says how it went, without counting yet.
async function settle(fn) {
	const t0 = Date.now();
	try {
		const value = await fn();
		return { ok: true, value, secs: (Date.now() - t0) / 1000 };
	} catch (error) {
		return { ok: false, error };
	}
}

// Counts and prints one step's outcome. Returns what the step's function
// returned (true for undefined), or undefined when it failed.
function report(name, o) {
	const nn = String(++stepNo).padStart(3, '0');
	if (interrupted)
		return undefined;
	if (o.ok) {
		passed++;
		const v = typeof o.value === 'string' ? `${o.value}; ` : '';
		console.log(`${nn} ${name} ... ok (${v}${o.secs.toFixed(1)} s)`);
		return o.value === undefined ? true : o.value;
	}
	failed++;
	console.log(`${nn} ${name} ... FAILED`);
	const text = o.error instanceof Mismatch ? o.error.message : (o.error?.stack || String(o.error));
	for (const line of text.split('\n').slice(0, 14))
		console.log(`    ${line}`);
	return undefined;
}

// One counted step.
async function step(name, fn) {
	return report(name, await settle(fn));
}

// Steps that run at the same time, reported in the order given.
async function steps(list) {
	const outcomes = await Promise.all(list.map(([, fn]) => settle(fn)));
	return list.map(([name], i) => report(name, outcomes[i]));
}

function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

function gazette(db, argv) {
	return execFileSync(BIN, ['--db', db, ...argv], {
		cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30000,
	}).toString();
}

// Eleven more articles in the seeds' format, older than the demo ones, so
// that the lists have a page 2 (10 per page).
function extraSeeds(dir) {
	fs.mkdirSync(dir, { recursive: true });
	const files = [];
	for (let i = 1; i <= 11; i++) {
		const f = path.join(dir, `extra_${String(i).padStart(2, '0')}.txt`);
		fs.writeFileSync(f, 'Now:HOME > SERVICE >Activities\n' +
		    `Archive notice ${i}: the branch's monthly study meeting\n` +
		    `Author:Secretariat  Addtime:2019-${String(i).padStart(2, '0')}-15\n\n` +
		    `The branch met for its monthly study session (notice ${i}). ` +
		    'Members discussed the reading list and planned the next visit.\n');
		files.push(f);
	}
	return files;
}

// The seed whose file has a folder of photos beside it.
function seedWithPhotos() {
	const txt = fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort();
	const i = txt.findIndex((f) => fs.existsSync(path.join(SEEDS, f.replace(/\.txt$/, ''))));
	return { files: txt.map((f) => path.join(SEEDS, f)), withPhotos: txt[i] };
}

// A browser tab for one language and width, kept for every page. Every
// request it makes is recorded in tab.seen; one to another host is refused
// (so it cannot hang) and reported by the page's "hosts" step. With
// JavaScript on, axe-core is put into every page it loads.
async function newTab(base, lang, width, javaScriptEnabled) {
	const ctx = await browser.newContext({
		baseURL: base,
		viewport: { width, height: width < 600 ? 740 : 800 },
		javaScriptEnabled,
		extraHTTPHeaders: LANGS[lang],
		locale: lang === 'zh' ? 'zh-CN' : 'en-US',
	});
	ctx.setDefaultTimeout(STEP_TIMEOUT);
	ctx.setDefaultNavigationTimeout(STEP_TIMEOUT);
	const tab = { ctx, seen: [], page: null };
	const origin = new URL(base).origin;
	await ctx.route('**/*', (route) => {
		const u = route.request().url();
		tab.seen.push(u);
		if (u.startsWith('data:') || new URL(u).origin === origin)
			return route.continue();
		return route.abort('blockedbyclient');
	});
	if (javaScriptEnabled)
		await ctx.addInitScript(axe.source);
	tab.page = await ctx.newPage();
	return tab;
}

async function fetchPage(base, lang, p) {
	const r = await fetch(base + p.path, {
		headers: { ...LANGS[lang] }, redirect: 'manual', signal: AbortSignal.timeout(STEP_TIMEOUT),
	});
	return { status: r.status, type: r.headers.get('content-type') || '', html: await r.text() };
}

// What a reader sees of the page: the text of <main>, spaces folded and
// numbers as # (a view count changes from one load to the next).
async function mainText(page) {
	return (await page.locator('main').innerText()).replace(/\s+/g, ' ').replace(/\d+/g, '#').trim();
}

async function load(tab, p) {
	const r = await tab.page.goto(p.path, { waitUntil: 'load' });
	expect(r.status() === p.status, `HTTP ${p.status}`, String(r.status()));
	return tab.page;
}

async function axeCheck(tab, p, lang, width, setReference) {
	try {
		const page = await load(tab, p);
		await page.screenshot({ path: path.join(SHOTS, `web-${p.name}-${lang}-${width}.png`),
		    fullPage: true, timeout: STEP_TIMEOUT });
		if (setReference)
			setReference(await mainText(page));
		const overflow = await page.evaluate(() =>
		    document.documentElement.scrollWidth - document.documentElement.clientWidth);
		expect(overflow <= 0, `no sideways scrolling at ${width} px`, `${overflow} px too wide`);
		const res = await within(STEP_TIMEOUT, 'axe.run', page.evaluate((tags) => window.axe.run(document, {
		    runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), AXE_TAGS));
		expect(res.violations.length === 0, 'no axe-core violation', '\n' +
		    res.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n      ` +
		        v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')}` +
		            (n.failureSummary ? ` -- ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 160)}` : ''))
		            .join('\n      ')).join('\n'));
	} finally {
		if (setReference)
			setReference(null);	// no-op once set
	}
}

// The print style: the page's own content, black on white, without the
// menu, search, pagers and other controls; the address after each link of
// an article's body. The article as printed: web-article-LANG-print.pdf.
const NOT_PRINTED = ['.skip-link', '.admin-bar', '.site-nav', '.site-search', '.lang-switch',
	'.breadcrumb', '.neighbours', '.pager', '.search-form'];
async function printCheck(tab, p, lang) {
	const page = tab.page;
	if (new URL(page.url()).pathname + new URL(page.url()).search !== p.path)
		await load(tab, p);
	await page.emulateMedia({ media: 'print' });
	try {
		const got = await page.evaluate((sels) => {
			// The seeds' bodies have no links: the article gets one to test with.
			const body_ = document.querySelector('.article-body');
			if (body_ && !body_.querySelector('a[href]')) {
				const a = document.createElement('a');
				a.href = 'https://example.org/print-test';
				a.textContent = 'a link added by the test';
				body_.append(a);
			}
			const shown = sels.filter((sel) => [...document.querySelectorAll(sel)]
			    .some((e) => getComputedStyle(e).display !== 'none'));
			const body = getComputedStyle(document.body);
			const main = document.querySelector('main');
			const all = [...document.querySelectorAll('.article-body a[href]')]
			    .filter((a) => !a.getAttribute('href').startsWith('#'));
			const links = all
			    .filter((a) => !getComputedStyle(a, '::after').content.includes(a.getAttribute('href')))
			    .map((a) => a.getAttribute('href'));
			return { shown, color: body.color, bg: body.backgroundColor,
			    main: main && main.getBoundingClientRect().height > 0, links, checked: all.length };
		}, NOT_PRINTED);
		expect(got.shown.length === 0, 'no menu, search, pager or skip link in print', got.shown.join(', '));
		expect(got.color === 'rgb(0, 0, 0)', 'black text in print', got.color);
		expect(['rgb(255, 255, 255)', 'rgba(0, 0, 0, 0)'].includes(got.bg), 'a white page in print', got.bg);
		expect(got.main, 'the content in print', 'an empty <main>');
		expect(got.links.length === 0, 'the address printed after each link of the body', got.links.join(', '));
		if (p.name !== 'article')
			return undefined;
		expect(got.checked > 0, 'a link in the body to check', 'none');
		await within(STEP_TIMEOUT, 'page.pdf', page.pdf({
		    path: path.join(SHOTS, `web-${p.name}-${lang}-print.pdf`), format: 'A4' }));
		return `${got.checked} link(s) printed with their address`;
	} finally {
		await page.emulateMedia({ media: null });
	}
}

// The keyboard: the first Tab shows the skip link, with a focus outline;
// Enter on it goes to <main>, and the next Tab's link has an outline too.
async function keyboardCheck(tab, p) {
	const page = await load(tab, p);
	const focused = () => page.evaluate(() => {
		const e = document.activeElement;
		const r = e.getBoundingClientRect();
		const cs = getComputedStyle(e);
		return { tag: e.tagName, href: e.getAttribute('href'), inMain: e.closest('main') !== null,
		    onScreen: r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 &&
		        r.bottom <= innerHeight && r.right <= innerWidth,
		    outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 };
	});
	await page.keyboard.press('Tab');
	const skip = await focused();
	expect(skip.href === '#main' && skip.onScreen, 'the skip link, on screen, at the first Tab', skip);
	expect(skip.outline, 'a focus outline of at least 2 px on the skip link', skip);
	await page.keyboard.press('Enter');
	expect(new URL(page.url()).hash === '#main', 'Enter on the skip link to go to #main', page.url());
	await page.keyboard.press('Tab');
	const next = await focused();
	expect(next.inMain && next.outline, 'the next Tab on a link in <main>, with a focus outline', next);
}

async function checkPage(base, hv, tabs, lang, p) {
	const label = `${p.name} ${lang}`;
	const all = [tabs[360], tabs[1280], tabs.nojs];
	for (const t of all)
		t.seen = [];
	let resolveRef;
	const reference = new Promise((r) => { resolveRef = r; });	// main's text with JavaScript on

	await steps([
		[`${label} html`, async () => {
			const got = await fetchPage(base, lang, p);
			expect(got.status === p.status, `HTTP ${p.status} for ${p.path}`, String(got.status));
			expect(got.type.startsWith('text/html'), 'text/html', got.type);
			const rep = await hv.validateString(got.html, `${p.path} (${lang})`);
			const msgs = rep.results.flatMap((r) => r.messages).filter((m) => m.severity === 2);
			expect(rep.valid && msgs.length === 0, 'no html-validate error',
			    '\n' + msgs.slice(0, 10).map((m) =>
			        `${m.ruleId} at ${m.line}:${m.column} ${m.selector ?? ''}: ${m.message}`).join('\n'));
			// Readers need no JavaScript: no script but data (JSON-LD), no
			// event handler attribute, no javascript: URL.
			const code = [
			    ...(got.html.match(/<script\b[^>]*>/gi) ?? []).filter((t) =>
			        !/\stype=["']?application\/ld\+json["']?[\s>]/i.test(t)),
			    ...(got.html.match(/<[^>]*\son[a-z]+\s*=[^>]*>/gi) ?? []),
			    ...(got.html.match(/<[^>]*=\s*["']?\s*javascript:[^>]*>/gi) ?? []),
			];
			expect(code.length === 0, 'no script, on* handler or javascript: URL', code.join(' ').slice(0, 300));
			expect(/<meta name="description" content="[^"]+"/.test(got.html),
			    'a <meta name="description"> (search engines show it)', 'none');
			const m = /<html[^>]*\slang="([^"]*)"/.exec(got.html);
			return `lang=${m ? m[1] : '?'}`;
		}],
		[`${label} axe 360`, () => axeCheck(tabs[360], p, lang, 360, resolveRef)],
		[`${label} axe 1280`, () => axeCheck(tabs[1280], p, lang, 1280, null)],
		[`${label} no-js`, async () => {
			const page = await load(tabs.nojs, p);
			const h1 = (await page.locator('main h1').first().innerText()).trim();
			expect(h1 !== '', 'a visible <h1> in <main>', 'none');
			if (p.has)
				expect(await page.locator(p.has).count() > 0, `${p.has} on ${p.path}`, 'none');
			if (p.not)
				expect(await page.locator(p.not).count() === 0, `no ${p.not} on ${p.path}`, 'one');
			const text = await mainText(page);
			const ref = await within(3 * STEP_TIMEOUT, 'the page with JavaScript on', reference);
			expect(ref === null || text === ref, 'the same text in <main> as with JavaScript on',
			    `${text.slice(0, 200)}\n    (with JavaScript: ${String(ref).slice(0, 200)})`);
			return `h1 "${h1.slice(0, 40)}${h1.length > 40 ? '…' : ''}"`;
		}],
	]);

	await step(`${label} print`, () => printCheck(tabs.nojs, p, lang));
	if (p.name === 'home' || p.name === 'article')
		await step(`${label} keyboard`, () => keyboardCheck(tabs[360], p));

	await step(`${label} hosts`, async () => {
		const origin = new URL(base).origin;
		const seen = all.flatMap((t) => t.seen);
		const other = seen.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin);
		expect(seen.length > 0, 'requests recorded', 'none');
		expect(other.length === 0, `every request to ${origin}`, [...new Set(other)].join(', '));
		return `${seen.length} requests`;
	});
}

async function lighthouseRun(lighthouse, base, lang, p) {
	await step(`lighthouse ${p.name} ${lang}`, async () => {
		const cats = ['performance', 'accessibility', 'best-practices', 'seo'];
		const result = await within(LH_TIMEOUT, 'lighthouse', lighthouse(base + p.path, {
			port: lhChrome.port, logLevel: 'error', output: 'json',
			onlyCategories: cats, extraHeaders: LANGS[lang], maxWaitForLoad: 15000,
		}));
		const lhr = result.lhr;
		expect(!lhr.runtimeError, 'a Lighthouse run without error', lhr.runtimeError?.message);
		const scores = cats.map((c) => Math.round((lhr.categories[c].score ?? 0) * 100));
		const line = `${lhr.configSettings.formFactor}: ` + cats.map((c, i) => `${c} ${scores[i]}`).join(', ');
		if (scores.some((s) => s < MIN_SCORE)) {
			const low = [];
			for (const c of cats) {
				for (const ref of lhr.categories[c].auditRefs) {
					const a = lhr.audits[ref.id];
					if (ref.weight > 0 && a.score !== null && a.score < 1)
						low.push(`${c}/${a.id} ${Math.round(a.score * 100)}: ${a.title}` +
						    (a.displayValue ? ` (${a.displayValue})` : ''));
				}
			}
			throw new Mismatch(`each score >= ${MIN_SCORE}`, `${line}\n${low.join('\n')}`);
		}
		return line;
	});
}

async function readmeShots(base) {
	fs.mkdirSync(README_SHOTS, { recursive: true });
	for (const [name, p] of [['home', '/'], ['article', `/articles/${ARTICLE_ID}`]]) {
		await step(`readme screenshot ${name}`, async () => {
			const tab = await newTab(base, 'en', 1280, false);
			try {
				const page = tab.page;
				await page.goto(p, { waitUntil: 'load' });
				const file = path.join(README_SHOTS, `${name}.png`);
				await page.screenshot({ path: file, timeout: STEP_TIMEOUT });
				const size = fs.statSync(file).size;
				expect(size < 300 * 1024, 'a file under 300 KB', `${size} bytes`);
				return `${path.relative(ROOT, file)}, ${size} bytes`;
			} finally {
				await tab.ctx.close();
			}
		});
	}
}

async function run() {
	const t0 = Date.now();
	fs.mkdirSync(SHOTS, { recursive: true });
	for (const f of fs.readdirSync(SHOTS))
		if (/^web-.*\.(png|pdf)$/.test(f))
			fs.rmSync(path.join(SHOTS, f));

	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gazette-web-'));
	tmpDir = tmp;
	const runDir = path.join(tmp, 'run');
	const db = path.join(tmp, 'gazette.db');
	let port = 0;
	let started = false;

	try {
		const ready = await step('setup', async () => {
			const seeds = seedWithPhotos();
			const files = readmeOnly ? seeds.files : [...seeds.files, ...extraSeeds(path.join(tmp, 'extra'))];
			gazette(db, ['migrate']);
			const out = gazette(db, ['import', '--media', path.join(runDir, 'media'), ...files]);
			const m = new RegExp(`${seeds.withPhotos.replace(/\./g, '\\.')}: added as article (\\d+)`).exec(out);
			expect(m !== null, `the import of ${seeds.withPhotos}`, out.slice(0, 300));
			ARTICLE_ID = Number(m[1]);
			gazette(db, ['setting', 'site_name', SITE_NAME]);
			port = await freePort();
			started = true;	// a half-started site is stopped too
			siteRun = runDir;
			execFileSync(SITE_SH, ['start', runDir, String(port), db, BIN], {
				cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30000,
			});
			browser = await chromium.launch({
				executablePath: CHROMIUM, headless: true, args: CHROME_FLAGS, timeout: 30000,
			});
		});
		if (!ready)
			return;
		const base = `http://127.0.0.1:${port}`;

		if (readmeOnly) {
			await readmeShots(base);
			return;
		}

		const config = JSON.parse(fs.readFileSync(path.join(HERE, '.htmlvalidate.json'), 'utf8'));
		const hv = new HtmlValidate(config);
		for (const lang of Object.keys(LANGS)) {
			const tabs = {
				360: await newTab(base, lang, 360, true),
				1280: await newTab(base, lang, 1280, true),
				nojs: await newTab(base, lang, 360, false),
			};
			try {
				for (const p of pages())
					await checkPage(base, hv, tabs, lang, p);
			} finally {
				for (const t of Object.values(tabs))
					await t.ctx.close().catch(() => {});
			}
		}

		if (withLighthouse && !interrupted) {
			const { default: lighthouse } = await import('lighthouse');
			const { launch } = await import('chrome-launcher');
			const launched = await step('lighthouse chromium', async () => {
				lhChrome = await within(30000, 'chrome-launcher', launch({
					chromePath: process.env.CHROME_PATH || CHROMIUM,
					chromeFlags: CHROME_FLAGS, handleSIGINT: false, logLevel: 'error',
				}));
			});
			if (launched) {
				const langs = process.env.CHECK_WEB_LH_ZH === '0' ? ['en'] : ['en', 'zh'];
				for (const lang of langs)
					for (const p of pages().filter((x) => LH_PAGES.includes(x.name)))
						await lighthouseRun(lighthouse, base, lang, p);
			}
		}
	} finally {
		await closeBrowsers();
		if (started) {
			try {
				execFileSync(SITE_SH, ['stop', runDir], { cwd: ROOT, stdio: 'inherit', timeout: 30000 });
				siteRun = null;
			} catch (e) {
				failed++;
				console.log(`site.sh stop failed: ${e.message}`);
			}
		}
		if (failed > 0 && started) {
			for (const log of ['gazette.log', 'nginx-error.log']) {
				const f = path.join(runDir, 'logs', log);
				if (fs.existsSync(f)) {
					console.log(`--- last lines of ${log}`);
					for (const line of fs.readFileSync(f, 'utf8').trimEnd().split('\n').slice(-15))
						console.log(`    ${line}`);
				}
			}
		}
		fs.rmSync(tmp, { recursive: true, force: true });
		tmpDir = null;
		console.log(`(${((Date.now() - t0) / 1000).toFixed(1)} s; screenshots in ${path.relative(ROOT, readmeOnly ? README_SHOTS : SHOTS)}/)`);
	}
}

// A reader of the output that goes away (`| head`) must not stop the run
// before it has stopped the site.
process.stdout.on('error', () => {});

// Ctrl-C or a timeout: closing the browsers makes the current step fail,
// and the run ends through its usual clean-up. Should that hang, stop the
// site here (it runs in a session of its own: only this script stops it).
for (const sig of ['SIGINT', 'SIGTERM']) {
	process.on(sig, () => {
		if (interrupted)
			return;
		interrupted = true;
		console.log(`interrupted by ${sig}; cleaning up`);
		closeBrowsers();
		setTimeout(() => {
			if (siteRun != null)
				try { execFileSync(SITE_SH, ['stop', siteRun], { stdio: 'inherit' }); } catch { /* reported by site.sh */ }
			if (tmpDir != null)
				fs.rmSync(tmpDir, { recursive: true, force: true });
			console.log(`${passed} passed, ${failed + 1} failed`);
			process.exit(130);
		}, 15000).unref();
	});
}
try {
	await run();
} catch (e) {
	failed++;
	console.log(`the test stopped: ${e.stack || e}`);
}
if (interrupted)
	failed++;
console.log(`${passed} passed, ${failed} failed`);
process.exit(interrupted ? 130 : failed === 0 && passed > 0 ? 0 : 1);
