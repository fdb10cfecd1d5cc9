// admin_flow.mjs: a real browser (Debian's chromium, driven by
// playwright-core) through the admin of a freshly seeded site: sign in,
// write an article with a photo, preview, save, read it as a visitor, edit,
// delete, sign out. Each step is one counted check with a full-page
// screenshot in tests/screenshots/NN-name.png (NN-name-FAILED.png when it
// fails); the output ends with one "N passed, N failed" line, which
// tests/run_suites.sh reads.
//
// Usage: node tests/browser/admin_flow.mjs   (GAZETTE_BIN: the binary to
// serve with, default build/gazette; CHROMIUM: default /usr/bin/chromium)
import fs from 'node:fs';
import path from 'node:path';
import { expect, gazette, interrupted, launchBrowser, Mismatch, printFailure, runTest, SEEDS, SHOTS,
	tally } from './harness.mjs';

const PHOTO = path.join(SEEDS, '004_47b76614c58ea80e', '1.jpg');
const ACCOUNT = 'editor';
const PASSWORD = 'browser test password';
const STEP_TIMEOUT = 5000;	// ms for any one wait: a failure shows quickly

const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
const TITLE = `浏览器测试 Browser test ${stamp}`;
const TITLE2 = `浏览器测试 Browser test ${stamp} (edited)`;
const PHOTO_ALT = 'Doctors at the meeting, seen from the back of the room';
const BODY = 'The first paragraph of the browser test, with **bold words** in it.\n\n' +
    '第二段：the second paragraph, in two languages.';

let stepNo = 0;

function localToday() {
	const d = new Date();
	const p = (n) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

async function shot(page, file) {
	if (page == null || page.isClosed())
		return;
	try {
		await page.screenshot({ path: path.join(SHOTS, file), fullPage: true, timeout: STEP_TIMEOUT });
	} catch (e) {
		console.log(`    (no screenshot ${file}: ${e.message.split('\n')[0]})`);
	}
}

// Runs one counted step; PAGE is the page its screenshot shows. Returns
// what FN returned, or undefined when the step failed.
async function step(name, page, fn) {
	const nn = String(++stepNo).padStart(2, '0');
	if (interrupted)
		return undefined;
	try {
		const value = await fn();
		await shot(page, `${nn}-${name}.png`);
		tally.passed++;
		console.log(`${nn} ${name} ... ok`);
		return value === undefined ? true : value;
	} catch (e) {
		if (interrupted)
			return undefined;
		tally.failed++;
		console.log(`${nn} ${name} ... FAILED`);
		printFailure(e, 8);
		if (page != null && !page.isClosed())
			console.log(`    (page: ${page.url()})`);
		await shot(page, `${nn}-${name}-FAILED.png`);
		return undefined;
	}
}

// Clicks TARGET (a link or button, which must be there) and waits for the
// page at PATHNAME; either failing is reported as expected/seen.
async function follow(page, target, pathname) {
	try {
		await target.waitFor({ state: 'visible' });
	} catch {
		throw new Mismatch(`on ${new URL(page.url()).pathname}: ${target}`, 'nothing that matches');
	}
	await target.click();
	try {
		await page.waitForURL((u) => u.pathname === pathname);
	} catch {
		throw new Mismatch(`to arrive at ${pathname} after clicking ${target}`, `still at ${page.url()}`);
	}
}

// The row of the dashboard's table whose title link is exactly TITLE.
function dashboardRow(page, title) {
	return page.locator('table.admin-table tbody tr').filter({
		has: page.getByRole('cell').first().getByText(title, { exact: true }),
	});
}

// Only this script's screenshots of an earlier run go (the folder is
// shared with other browser tests).
const MINE = /^\d\d-(setup|signin-form|signin|new-article-form|fill-form|preview|save|reader-list|reader-article|edit|reader-sees-edit|delete-confirm|delete|reader-after-delete|signout|admin-after-signout|no-console-errors)(-FAILED)?\.png$/;

await runTest({ prefix: 'gazette-browser-', clear: MINE }, async (site) => {
	const consoleErrors = [];

	let browser = null;

	// --- set up: a seeded database, an account, the site ---------
	const ready = await step('setup', null, async () => {
		const seeds = fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort()
			.map((f) => path.join(SEEDS, f));
		gazette(site.db, ['migrate']);
		gazette(site.db, ['import', '--media', path.join(site.runDir, 'media'), ...seeds]);
		gazette(site.db, ['adduser', ACCOUNT], `${PASSWORD}\n`);
		await site.start();
		browser = await launchBrowser();
	});
	if (!ready)
		return;
	const base = site.base;

	// The administrator's browser, and a reader's without any cookie.
	const adminCtx = await browser.newContext({ baseURL: base, viewport: { width: 1100, height: 800 } });
	const readerCtx = await browser.newContext({ baseURL: base, viewport: { width: 1100, height: 800 } });
	adminCtx.setDefaultTimeout(STEP_TIMEOUT);
	readerCtx.setDefaultTimeout(STEP_TIMEOUT);
	const admin = await adminCtx.newPage();
	const reader = await readerCtx.newPage();
	admin.on('console', (m) => {
		if (m.type() === 'error')
			consoleErrors.push(`${admin.url()}: ${m.text()}` +
			    (m.location().url ? ` (${m.location().url})` : ''));
	});
	admin.on('pageerror', (e) => consoleErrors.push(`${admin.url()}: ${e.message}`));

	// --- sign in -------------------------------------------------
	const signinForm = await step('signin-form', admin, async () => {
		await admin.goto('/admin/');
		const u = new URL(admin.url());
		expect(u.pathname === '/signin' && u.searchParams.get('next') === '/admin/',
		    'the sign-in form at /signin?next=/admin/', admin.url());
		const h = await admin.getByRole('heading', { level: 1 }).textContent();
		expect(h.trim() === 'Sign in', 'heading "Sign in"', h);
	});
	if (!signinForm)
		return;
	const signedIn = await step('signin', admin, async () => {
		await admin.getByLabel('Account name').fill(ACCOUNT);
		await admin.getByLabel('Password').fill(PASSWORD);
		await follow(admin, admin.getByRole('button', { name: 'Sign in' }), '/admin/');
		const bar = (await admin.locator('.admin-bar').textContent()).replace(/\s+/g, ' ');
		expect(bar.includes(`Signed in as ${ACCOUNT}`), `"Signed in as ${ACCOUNT}"`, bar.trim());
		const h = (await admin.getByRole('heading', { level: 1 }).textContent()).trim();
		expect(h === 'Dashboard', 'heading "Dashboard"', h);
	});
	if (!signedIn)
		return;

	// --- write an article ----------------------------------------
	const formOpen = await step('new-article-form', admin, async () => {
		await follow(admin, admin.getByRole('link', { name: 'Write a new article' }), '/admin/articles/new');
		const h = (await admin.getByRole('heading', { level: 1 }).textContent()).trim();
		expect(h === 'New article', 'heading "New article"', h);
		const author = await admin.getByLabel('Author').inputValue();
		expect(author.trim() !== '', 'the Author field prefilled', 'an empty field');
		const date = await admin.getByLabel('Publication date').inputValue();
		expect(date === localToday(), `the date ${localToday()} (today)`, date);
	});
	if (!formOpen)
		return;
	const filled = await step('fill-form', admin, async () => {
		await admin.getByLabel('Title', { exact: true }).fill(TITLE);
		const labels = await admin.getByLabel('Section').locator('option').allTextContents();
		const label = labels.find((l) => l.replace(/^[—\s]+/, '') === 'Activities');
		expect(label !== undefined, 'a section "Activities" in the Section list', labels.join(' | '));
		await admin.getByLabel('Section').selectOption({ label });
		await admin.getByLabel('Body', { exact: true }).fill(BODY);
		await admin.getByLabel(/^Add a photo/).setInputFiles(PHOTO);
		await admin.getByLabel(/^What the photo shows/).fill(PHOTO_ALT);
		const published = await admin.getByRole('radio', { name: /^Published/ }).isChecked();
		expect(published, 'status "Published" chosen by default', 'it is not');
	});
	if (!filled)
		return;
	const previewed = await step('preview', admin, async () => {
		await admin.getByRole('button', { name: 'Preview' }).click();
		const pv = admin.locator('section.preview');
		await pv.waitFor().catch(() => {});
		await admin.waitForLoadState('load');
		expect(await pv.count() === 1, 'a preview section', `${await pv.count()} of them`);
		const h = (await pv.locator('h1').textContent()).trim();
		expect(h === TITLE, `the preview titled "${TITLE}"`, h);
		const strong = await pv.locator('.article-body strong').allTextContents();
		expect(strong.includes('bold words'), '<strong>bold words</strong> in the preview', strong);
		const paras = await pv.locator('.article-body p').count();
		expect(paras >= 3, 'two text paragraphs and the photo\'s in the preview', `${paras} <p>`);
		const img = pv.locator('.article-body img');
		expect(await img.count() === 1, 'one <img> in the preview', `${await img.count()}`);
		const src = await img.getAttribute('src');
		expect(src && src.startsWith('/media/'), 'the photo\'s src under /media/', src);
		const alt = await img.getAttribute('alt');
		expect(alt === PHOTO_ALT, `alt "${PHOTO_ALT}"`, alt);
		await img.evaluate((el) => el.complete || new Promise((r) => { el.onload = el.onerror = r; }));
		const w = await img.evaluate((el) => el.naturalWidth);
		expect(w > 0, 'the photo loaded (naturalWidth > 0)', `naturalWidth ${w}`);
		const body = await admin.getByLabel('Body', { exact: true }).inputValue();
		const md = `![${PHOTO_ALT}](${src})`;
		expect(body.trimEnd().endsWith(md), `the body ending with ${md}`, body.slice(-120));
		expect(body.startsWith(BODY), 'the body as typed before the photo', body.slice(0, 120));
		expect(await admin.getByLabel('Title', { exact: true }).inputValue() === TITLE, 'the title kept',
		    await admin.getByLabel('Title', { exact: true }).inputValue());
		const notice = await admin.locator('p.notice').allTextContents();
		expect(notice.some((t) => t.includes('photo was added')), 'a notice that the photo was added', notice);
		return src;
	});
	if (!previewed)
		return;
	const photoSrc = previewed;

	const articleId = await step('save', admin, async () => {
		await follow(admin, admin.getByRole('button', { name: 'Save' }), '/admin/');
		const u = new URL(admin.url());
		expect(u.searchParams.get('saved') === 'published', 'the dashboard at /admin/?saved=published', admin.url());
		const notice = (await admin.locator('p.notice').textContent()).trim();
		expect(notice.includes('saved and is now on the site'), 'the notice "…saved and is now on the site."', notice);
		const row = dashboardRow(admin, TITLE);
		expect(await row.count() === 1, `one dashboard row titled "${TITLE}"`, `${await row.count()}`);
		const status = (await row.locator('.status').textContent()).trim();
		expect(status === 'Published', 'status "Published"', status);
		const href = await row.getByRole('link', { name: 'Edit', exact: true }).getAttribute('href');
		const m = /^\/admin\/articles\/(\d+)\/edit$/.exec(href || '');
		expect(m !== null, 'an Edit link /admin/articles/ID/edit', href);
		return m[1];
	});
	if (!articleId)
		return;

	// --- the reader sees it --------------------------------------
	const listed = await step('reader-list', reader, async () => {
		const r = await reader.goto('/articles/');
		expect(r.status() === 200, 'HTTP 200 for /articles/', r.status());
		const first = (await reader.locator('.article-item h2 a').first().textContent()).trim();
		expect(first === TITLE, `the first article "${TITLE}"`, first);
	});
	if (listed) {
		await step('reader-article', reader, async () => {
			await follow(reader, reader.locator('.article-item h2 a').first(), `/articles/${articleId}`);
			const h = (await reader.locator('article h1').textContent()).trim();
			expect(h === TITLE, `the article titled "${TITLE}"`, h);
			const paras = await reader.locator('.article-body p').allTextContents();
			expect(paras.some((p) => p.startsWith('The first paragraph')) &&
			    paras.some((p) => p.startsWith('第二段')), 'both body paragraphs', paras);
			const strong = await reader.locator('.article-body strong').allTextContents();
			expect(strong.includes('bold words'), '<strong>bold words</strong>', strong);
			const img = reader.locator('.article-body img');
			expect(await img.count() === 1, 'one <img>', `${await img.count()}`);
			expect(await img.getAttribute('src') === photoSrc, `src ${photoSrc}`, await img.getAttribute('src'));
			await img.evaluate((el) => el.complete || new Promise((r) => { el.onload = el.onerror = r; }));
			const w = await img.evaluate((el) => el.naturalWidth);
			expect(w > 0, 'the photo loaded (naturalWidth > 0)', `naturalWidth ${w}`);
		});
	}

	// --- edit ----------------------------------------------------
	const edited = await step('edit', admin, async () => {
		if (new URL(admin.url()).pathname !== '/admin/')
			await admin.goto('/admin/');
		await follow(admin, dashboardRow(admin, TITLE).getByRole('link', { name: 'Edit', exact: true }), `/admin/articles/${articleId}/edit`);
		const h = (await admin.getByRole('heading', { level: 1 }).textContent()).trim();
		expect(h === 'Edit article', 'heading "Edit article"', h);
		const t = await admin.getByLabel('Title', { exact: true }).inputValue();
		expect(t === TITLE, `the title "${TITLE}" in the form`, t);
		const b = await admin.getByLabel('Body', { exact: true }).inputValue();
		expect(b.includes(`](${photoSrc})`), 'the body with the photo', b.slice(-120));
		await admin.getByLabel('Title', { exact: true }).fill(TITLE2);
		await follow(admin, admin.getByRole('button', { name: 'Save' }), '/admin/');
		const notice = (await admin.locator('p.notice').textContent()).trim();
		expect(notice.includes('saved'), 'the "saved" notice', notice);
		const row = dashboardRow(admin, TITLE2);
		expect(await row.count() === 1, `one dashboard row titled "${TITLE2}"`, `${await row.count()}`);
		expect(await dashboardRow(admin, TITLE).count() === 0, 'no row with the old title', 'one');
	});
	if (edited) {
		await step('reader-sees-edit', reader, async () => {
			const r = await reader.goto(`/articles/${articleId}`);
			expect(r.status() === 200, 'HTTP 200', r.status());
			const h = (await reader.locator('article h1').textContent()).trim();
			expect(h === TITLE2, `the new title "${TITLE2}"`, h);
		});
	}
	const current = edited ? TITLE2 : TITLE;

	// --- delete --------------------------------------------------
	const confirmPage = await step('delete-confirm', admin, async () => {
		if (new URL(admin.url()).pathname !== '/admin/')
			await admin.goto('/admin/');
		await follow(admin, dashboardRow(admin, current).getByRole('link', { name: 'Delete', exact: true }), `/admin/articles/${articleId}/delete`);
		const h = (await admin.getByRole('heading', { level: 1 }).textContent()).trim();
		expect(h === 'Delete this article?', 'heading "Delete this article?"', h);
		const text = await admin.locator('section.confirm-delete').textContent();
		expect(text.includes(current), `the confirmation naming "${current}"`, text.trim().slice(0, 200));
	});
	let deleted;
	if (confirmPage) {
		deleted = await step('delete', admin, async () => {
			await follow(admin, admin.getByRole('button', { name: 'Delete for good' }), '/admin/');
			const notice = (await admin.locator('p.notice').textContent()).trim();
			expect(notice.includes('The article was deleted'), 'the notice "The article was deleted…"', notice);
			expect(await dashboardRow(admin, current).count() === 0, 'the row gone from the dashboard', 'it is still there');
		});
	}
	if (deleted) {
		await step('reader-after-delete', reader, async () => {
			const r = await reader.goto(`/articles/${articleId}`);
			expect(r.status() === 404, `HTTP 404 for /articles/${articleId}`, r.status());
			await reader.goto('/articles/');
			const titles = (await reader.locator('.article-item h2 a').allTextContents()).map((s) => s.trim());
			expect(!titles.includes(current) && !titles.includes(TITLE), 'the list without the article', titles);
		});
	}

	// --- sign out ------------------------------------------------
	const signedOut = await step('signout', admin, async () => {
		await follow(admin, admin.getByRole('button', { name: 'Sign out' }), '/signin');
		const notice = (await admin.locator('p.notice').textContent()).trim();
		expect(notice === 'You have signed out.', '"You have signed out."', notice);
		expect(await admin.locator('.admin-bar').count() === 0, 'no admin bar', 'an admin bar');
	});
	if (signedOut) {
		await step('admin-after-signout', admin, async () => {
			await admin.goto('/admin/');
			const u = new URL(admin.url());
			expect(u.pathname === '/signin' && u.searchParams.get('next') === '/admin/',
			    'a redirect to /signin?next=/admin/', admin.url());
		});
	}

	await step('no-console-errors', null, async () => {
		expect(consoleErrors.length === 0, 'no errors in the console on admin pages',
		    consoleErrors.join('\n    '));
	});
});
