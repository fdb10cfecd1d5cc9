// lighthouse_check.mjs: the Lighthouse part of check_web.mjs, apart because
// it drives a Chromium of its own (through chrome-launcher) and loads
// lighthouse, which the other checks do not need. Lighthouse runs with its
// mobile preset (its default: the stricter one) on home, list, article and
// search, in each language; performance, accessibility, best practices and
// SEO must each score at least MIN_SCORE.
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

async function lighthouseRun(step, lighthouse, base, lang, headers, p) {
	await step(`lighthouse ${p.name} ${lang}`, async () => {
		const cats = ['performance', 'accessibility', 'best-practices', 'seo'];
		const result = await within(LH_TIMEOUT, 'lighthouse', lighthouse(base + p.path, {
			port: lhChrome.port, logLevel: 'error', output: 'json',
			onlyCategories: cats, extraHeaders: headers, maxWaitForLoad: 15000,
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
