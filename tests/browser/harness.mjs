// harness.mjs: the plumbing the browser tests (admin_flow.mjs,
// check_web.mjs) share, so that each of them holds only its own steps:
// where things are, expected-versus-seen failures, the gazette binary, a
// seeded site on a free 127.0.0.1 port that is always stopped again, the
// Chromium they drive, and the pass/fail tally with its last line
// "N passed, N failed" (tests/run_suites.sh reads it) and exit code.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..', '..');
export const BIN = path.resolve(ROOT, process.env.GAZETTE_BIN || 'build/gazette');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const SHOTS = path.join(ROOT, 'tests', 'screenshots');
export const SEEDS = path.join(ROOT, 'sql', 'seeds');
const SITE_SH = path.join(ROOT, 'tests', 'site.sh');
// Quiet and self-contained: no GPU, no QUIC, no updates or sync calling out.
export const CHROME_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
	'--no-first-run', '--disable-background-networking', '--disable-component-update',
	'--disable-sync'];

// The counts every step adds to; `interrupted` is set by Ctrl-C or a
// timeout, after which steps neither run nor count.
export const tally = { passed: 0, failed: 0 };
export let interrupted = false;

let siteRun = null;	// the run folder while the site may be up
let tmpDir = null;	// the temporary folder, removed at the end
let browser = null;
let closing = null;	// browser.close(), once
const closers = [];	// what else to stop with the browser (onClose)

// A failed expectation: what was expected and what was seen.
export class Mismatch extends Error {
	constructor(expected, seen) {
		super(`expected ${expected}; saw ${seen}`);
	}
}
export function expect(ok, expected, seen) {
	if (!ok)
		throw new Mismatch(expected, typeof seen === 'string' ? seen : JSON.stringify(seen));
}

// Prints why a step failed, indented, in at most LINES lines: a Mismatch
// says it in one, anything else needs its stack.
export function printFailure(error, lines) {
	const text = error instanceof Mismatch ? error.message : (error?.stack || String(error));
	for (const line of text.split('\n').slice(0, lines))
		console.log(`    ${line}`);
}

// Bounds a promise that has no timeout of its own.
export function within(ms, what, promise) {
	let timer;
	const t = new Promise((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
	});
	return Promise.race([promise, t]).finally(() => clearTimeout(timer));
}

export function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

// Runs the gazette binary on database DB; INPUT, if any, is its stdin.
// Returns what it printed.
export function gazette(db, args, input) {
	return execFileSync(BIN, ['--db', db, ...args], {
		cwd: ROOT, input, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
		timeout: 30000,
	}).toString();
}

// Debian's chromium, headless. chromium.launch gives it a new, empty
// temporary --user-data-dir and removes it at close. Playwright's own
// Ctrl-C handler is off: it exits (130) as soon as the browser is closed,
// before runTest's clean-up has stopped the site.
export async function launchBrowser() {
	browser = await chromium.launch({
		executablePath: CHROMIUM, headless: true, args: CHROME_FLAGS, timeout: 30000,
		handleSIGINT: false, handleSIGTERM: false,
	});
	return browser;
}

// FN is called (first) whenever the browser is closed: for a test's other
// browser processes, which must go on Ctrl-C too.
export function onClose(fn) {
	closers.push(fn);
}

function closeBrowsers() {
	for (const fn of closers)
		fn();
	if (browser != null && closing == null)
		closing = browser.close().catch(() => {});
	return closing ?? Promise.resolve();
}

// Runs BODY(site) in a fresh temporary folder (PREFIX names it), after
// removing the screenshots in SHOTS that match CLEAR. site.db is the
// database to seed and site.start() starts the site on it (site.base is
// then its address). Whatever happens, the browser and the site are
// stopped and the folder is removed; when a step failed, the site's logs
// end are shown. SHOTSDIR is the folder the last line points to.
async function withSite({ prefix, clear, shotsDir }, body) {
	const t0 = Date.now();
	fs.mkdirSync(SHOTS, { recursive: true });
	for (const f of fs.readdirSync(SHOTS))
		if (clear.test(f))
			fs.rmSync(path.join(SHOTS, f));

	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	tmpDir = tmp;
	const runDir = path.join(tmp, 'run');
	let started = false;
	const site = {
		tmp, runDir, db: path.join(tmp, 'gazette.db'), base: null,
		async start() {
			const port = await freePort();
			started = true;	// a half-started site is stopped too
			siteRun = runDir;
			execFileSync(SITE_SH, ['start', runDir, String(port), site.db, BIN], {
				cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30000,
			});
			site.base = `http://127.0.0.1:${port}`;
		},
	};

	try {
		await body(site);
	} finally {
		await closeBrowsers();
		if (started) {
			try {
				execFileSync(SITE_SH, ['stop', runDir], { cwd: ROOT, stdio: 'inherit', timeout: 30000 });
				siteRun = null;
			} catch (e) {
				tally.failed++;
				console.log(`site.sh stop failed: ${e.message}`);
			}
		}
		if (tally.failed > 0 && started) {
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
		console.log(`(${((Date.now() - t0) / 1000).toFixed(1)} s; screenshots in ${path.relative(ROOT, shotsDir)}/)`);
	}
}

// The whole test: BODY as withSite runs it, then the "N passed, N failed"
// line and the exit code (0 only when something passed and nothing
// failed; 130 when interrupted). Does not return.
export async function runTest({ prefix, clear, shotsDir = SHOTS }, body) {
	// A reader of the output that goes away (`| head`) must not stop the
	// run before it has stopped the site.
	process.stdout.on('error', () => {});
	// A promise that fails with no one waiting would end node at once,
	// skipping the clean-up below and leaving the site running: Lighthouse
	// leaves such promises behind when its Chromium is killed on Ctrl-C.
	// After an interrupt they are expected; before one, each is a failure.
	process.on('unhandledRejection', (e) => {
		if (interrupted)
			return;
		tally.failed++;
		console.log('a promise failed with no one waiting for it:');
		printFailure(e, 6);
	});

	// Ctrl-C or a timeout: closing the browsers makes the current step
	// fail, and the run ends through its usual clean-up. Should that hang,
	// stop the site here (site.sh starts it in a session of its own: only
	// this script can stop it).
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
				console.log(`${tally.passed} passed, ${tally.failed + 1} failed`);
				process.exit(130);
			}, 15000).unref();
		});
	}
	try {
		await withSite({ prefix, clear, shotsDir }, body);
	} catch (e) {
		tally.failed++;
		console.log(`the test stopped: ${e.stack || e}`);
	}
	if (interrupted)
		tally.failed++;
	console.log(`${tally.passed} passed, ${tally.failed} failed`);
	process.exit(interrupted ? 130 : tally.failed === 0 && tally.passed > 0 ? 0 : 1);
}
