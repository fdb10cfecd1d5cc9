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
// best practices and SEO each at least MIN_SCORE (lighthouse_check.mjs).
// The print and keyboard checks are in print_keyboard_checks.mjs, the
// site, browser and tally in harness.mjs. Each check is one counted step;
// the output ends with one "N passed, N failed" line, which
// tests/run_suites.sh reads.
//
// Usage: node tests/browser/check_web.mjs [--readme-shots] [--no-lighthouse]
//   --readme-shots  only writes docs/screenshots/home.png and article.png
//                   (1280 px wide, one screen high) from the demo content
//   --no-lighthouse skips the Lighthouse steps (quicker while editing CSS)
// Environment: GAZETTE_BIN (default build/gazette), CHROMIUM (default
// /usr/bin/chromium), CHECK_WEB_LH_ZH=0 runs Lighthouse in English only.
import fs from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import { HtmlValidate } from 'html-validate';
import { expect, gazette, HERE, interrupted, launchBrowser, printFailure, ROOT, runTest, SEEDS,
	SHOTS, tally, within } from './harness.mjs';
import { lighthouseChecks } from './lighthouse_check.mjs';
import { keyboardCheck, printCheck } from './print_keyboard_checks.mjs';

const README_SHOTS = path.join(ROOT, 'docs', 'screenshots');
const SITE_NAME = 'Chengdu High-tech Medical Association Party Branch';
const STEP_TIMEOUT = 10000;	// ms for any one wait in the browser or a fetch
const WIDTHS = [360, 1280];
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

let stepNo = 0;
let browser = null;

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
		tally.passed++;
		const v = typeof o.value === 'string' ? `${o.value}; ` : '';
		console.log(`${nn} ${name} ... ok (${v}${o.secs.toFixed(1)} s)`);
		return o.value === undefined ? true : o.value;
	}
	tally.failed++;
	console.log(`${nn} ${name} ... FAILED`);
	printFailure(o.error, 14);
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

	await step(`${label} print`, async () => {
		const page = tabs.nojs.page;
		if (new URL(page.url()).pathname + new URL(page.url()).search !== p.path)
			await load(tabs.nojs, p);
		// The article as printed: web-article-LANG-print.pdf.
		return printCheck(page, p.name !== 'article' ? null :
		    path.join(SHOTS, `web-${p.name}-${lang}-print.pdf`), STEP_TIMEOUT);
	});
	if (p.name === 'home' || p.name === 'article')
		await step(`${label} keyboard`, async () => keyboardCheck(await load(tabs[360], p)));

	await step(`${label} hosts`, async () => {
		const origin = new URL(base).origin;
		const seen = all.flatMap((t) => t.seen);
		const other = seen.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin);
		expect(seen.length > 0, 'requests recorded', 'none');
		expect(other.length === 0, `every request to ${origin}`, [...new Set(other)].join(', '));
		return `${seen.length} requests`;
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

await runTest({ prefix: 'gazette-web-', clear: /^web-.*\.(png|pdf)$/,
	shotsDir: readmeOnly ? README_SHOTS : SHOTS }, async (site) => {
	const ready = await step('setup', async () => {
		const seeds = seedWithPhotos();
		const files = readmeOnly ? seeds.files : [...seeds.files, ...extraSeeds(path.join(site.tmp, 'extra'))];
		gazette(site.db, ['migrate']);
		const out = gazette(site.db, ['import', '--media', path.join(site.runDir, 'media'), ...files]);
		const m = new RegExp(`${seeds.withPhotos.replace(/\./g, '\\.')}: added as article (\\d+)`).exec(out);
		expect(m !== null, `the import of ${seeds.withPhotos}`, out.slice(0, 300));
		ARTICLE_ID = Number(m[1]);
		gazette(site.db, ['setting', 'site_name', SITE_NAME]);
		await site.start();
		browser = await launchBrowser();
	});
	if (!ready)
		return;
	const base = site.base;

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

	if (withLighthouse && !interrupted)
		await lighthouseChecks(step, base, pages(), LANGS);
});
