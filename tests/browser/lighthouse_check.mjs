// lighthouse_check.mjs: the Lighthouse part of check_web.mjs, apart because
// it drives a Chromium of its own (through chrome-launcher) and loads
// lighthouse, which the other checks do not need. Lighthouse runs with its
// mobile preset (its default: the stricter one) on home, list, article and
// search, in each language; performance, accessibility, best practices and
// SEO must each score at least MIN_SCORE.
//
// The performance score is a timing: Lighthouse multiplies the main
// thread's tasks by 4 to play a slow phone, so a busy machine turns a page
// without script into Total Blocking Time (89, TBT 460 ms: one page of
// one run in 13 here, most of them two or three at once on two cores).
// As Lighthouse's own docs advise for variance, a page whose first run
// falls short is run twice more and judged on the median of each score.
// The other three scores do not depend on time, and a real fault fails
// every run.
import { CHROME_FLAGS, CHROMIUM, Mismatch, expect, onClose, within } from './harness.mjs';

const LH_TIMEOUT = 60000;	// ms for one Lighthouse run
const MIN_SCORE = 95;
const LH_PAGES = ['home', 'articles', 'article', 'search'];

let lhChrome = null;	// the Chromium that Lighthouse drives
// Stopped with the test's browser, on Ctrl-C too.
onClose(() => {
	if (lhChrome != null) {
		try { lhChrome.kill(); } catch { /* already gone */ }
		lhChrome = null;
	}
});

const CATS = ['performance', 'accessibility', 'best-practices', 'seo'];
const RUNS = 3;	// at most, when the first falls short

// One Lighthouse run of URL: its report (lhr) and its scores, 0-100 in CATS order.
async function lighthouseOnce(lighthouse, url, headers) {
	const result = await within(LH_TIMEOUT, 'lighthouse', lighthouse(url, {
		port: lhChrome.port, logLevel: 'error', output: 'json',
		onlyCategories: CATS, extraHeaders: headers, maxWaitForLoad: 15000,
	}));
	const lhr = result.lhr;
	expect(!lhr.runtimeError, 'a Lighthouse run without error', lhr.runtimeError?.message);
	return { lhr, scores: CATS.map((c) => Math.round((lhr.categories[c].score ?? 0) * 100)) };
}

// The audits of LHR that cost points, one line each.
function lowAudits(lhr) {
	const low = [];
	for (const c of CATS) {
		for (const ref of lhr.categories[c].auditRefs) {
			const a = lhr.audits[ref.id];
			if (ref.weight > 0 && a.score !== null && a.score < 1)
				low.push(`${c}/${a.id} ${Math.round(a.score * 100)}: ${a.title}` +
				    (a.displayValue ? ` (${a.displayValue})` : ''));
		}
	}
	return low;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function lighthouseRun(step, lighthouse, base, lang, headers, p) {
	await step(`lighthouse ${p.name} ${lang}`, async () => {
		const runs = [await lighthouseOnce(lighthouse, base + p.path, headers)];
		const short = (scores) => scores.some((s) => s < MIN_SCORE);
		if (short(runs[0].scores))
			while (runs.length < RUNS)
				runs.push(await lighthouseOnce(lighthouse, base + p.path, headers));
		const scores = CATS.map((_, i) => median(runs.map((r) => r.scores[i])));
		const form = runs[0].lhr.configSettings.formFactor;
		const line = `${form}: ` + CATS.map((c, i) => `${c} ${scores[i]}`).join(', ') +
		    (runs.length > 1 ? ` (median of ${runs.length} runs; performance ` +
		        runs.map((r) => r.scores[0]).join(', ') + ')' : '');
		if (short(scores))
			throw new Mismatch(`each score >= ${MIN_SCORE}`,
			    [line, ...runs.flatMap((r, i) => lowAudits(r.lhr).map((a) => `run ${i + 1}: ${a}`))]
			        .join('\n'));
		return line;
	});
}

// The Lighthouse steps, each counted by STEP (check_web's): one that starts
// its Chromium, then one per page of PAGES named in LH_PAGES and language
// of LANGS (name: request headers), English only when CHECK_WEB_LH_ZH=0.
export async function lighthouseChecks(step, base, pages, langs) {
	const { default: lighthouse } = await import('lighthouse');
	const { launch } = await import('chrome-launcher');
	const launched = await step('lighthouse chromium', async () => {
		lhChrome = await within(30000, 'chrome-launcher', launch({
			chromePath: process.env.CHROME_PATH || CHROMIUM,
			chromeFlags: CHROME_FLAGS, handleSIGINT: false, logLevel: 'error',
		}));
	});
	if (!launched)
		return;
	const names = process.env.CHECK_WEB_LH_ZH === '0' ? ['en'] : ['en', 'zh'];
	for (const lang of names)
		for (const p of pages.filter((x) => LH_PAGES.includes(x.name)))
			await lighthouseRun(step, lighthouse, base, lang, langs[lang], p);
}
