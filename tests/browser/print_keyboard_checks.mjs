// print_keyboard_checks.mjs: two of check_web.mjs's checks of a reader's
// page, apart because each drives the page itself rather than inspecting
// it: printing (print media emulated, a PDF of the article) and moving
// through it by keyboard (Tab, Enter). check_web.mjs loads the page and
// counts the step.
import { expect, within } from './harness.mjs';

// The print style of PAGE (loaded): the page's own content, black on
// white, without the menu, search, pagers and other controls; the address
// after each link of an article's body. PDF: where to print the page to,
// for an article (null for the others); TIMEOUT bounds that, in ms.
const NOT_PRINTED = ['.skip-link', '.admin-bar', '.site-nav', '.site-search', '.lang-switch',
	'.breadcrumb', '.neighbours', '.pager', '.search-form'];
export async function printCheck(page, pdf, timeout) {
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
		if (pdf == null)
			return undefined;
		expect(got.checked > 0, 'a link in the body to check', 'none');
		await within(timeout, 'page.pdf', page.pdf({ path: pdf, format: 'A4' }));
		return `${got.checked} link(s) printed with their address`;
	} finally {
		await page.emulateMedia({ media: null });
	}
}

// The keyboard on PAGE (just loaded): the first Tab shows the skip link,
// with a focus outline; Enter on it goes to <main>, and the next Tab's
// link has an outline too.
export async function keyboardCheck(page) {
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
