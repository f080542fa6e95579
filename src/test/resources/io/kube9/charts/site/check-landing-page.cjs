// Checks the landing page and a chart page in a real browser: Debian's headless Chromium (never a browser download) driven
// by playwright-core, one browser start, one context with JavaScript and one without.
//   KUBE9_PLAYWRIGHT_CORE_DIR=<dir> KUBE9_CHROMIUM=/usr/bin/chromium node check-landing-page.cjs EXPECT.json
// EXPECT.json names the page and what it must show (LandingPageInChromiumTest writes it):
//   {url, screenshot, charts[], commands[], deprecated: {chart, message}, yanked: {chart, version, reason},
//    expander: chart, filter: {typed, remaining[]}}
// Prints "ok CHECK" or "not ok CHECK: why" per check; exits 1 when any check fails.
'use strict';
const { readFileSync } = require('node:fs');

const { chromium } = require(process.env.KUBE9_PLAYWRIGHT_CORE_DIR);
const expect = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let failed = 0;
async function check(name, body) {
  try {
    const detail = await body();
    console.log(`ok ${name}${detail ? ` (${detail})` : ''}`);
  } catch (e) {
    failed++;
    console.log(`not ok ${name}: ${String(e.message || e).split('\n')[0]}`);
  }
}
function require_(condition, message) {
  if (!condition) throw new Error(message);
}

/** Console errors, uncaught exceptions, failed requests and HTTP errors of a page, as they happen. */
function watch(page) {
  const problems = [];
  page.on('console', message => message.type() === 'error'
    && problems.push(`console: ${message.text()} ${message.location().url}`));
  page.on('pageerror', error => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', request => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', response => response.status() >= 400 && problems.push(`HTTP ${response.status()}: ${response.url()}`));
  return problems;
}

const visibleCharts = page => page.locator('main > section:visible').count();
const chartSection = (page, chart) => page.locator('main > section')
  .filter({ has: page.locator('h2 a').getByText(chart, { exact: true }) });

/** From the landing page to the expander's chart page by keyboard: Tab to its link, Enter. */
async function openChartPageByKeyboard(page) {
  const link = chartSection(page, expect.expander).locator('h2 a');
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  for (let tab = 0; tab < 50 && !(await link.evaluate(element => element === document.activeElement)); tab++) {
    await page.keyboard.press('Tab');
  }
  require_(await link.evaluate(element => element === document.activeElement), 'the chart link is not reachable by Tab');
  await Promise.all([page.waitForURL(url => url.pathname.endsWith(`/charts/${expect.expander}/index.html`)), page.keyboard.press('Enter')]);
  require_(await page.locator('h1').textContent() === expect.expander, 'the chart page has another h1');
  return page.url();
}

async function commandsVisible(page) {
  for (const command of expect.commands) {
    require_(await page.locator('pre code').getByText(command, { exact: true }).isVisible(), `not visible: ${command}`);
  }
  return `${expect.commands.length} commands`;
}

async function expanderOpens(page) {
  const details = page.locator('main details').first();
  const older = details.locator('a').first();
  require_(!(await older.isVisible()), 'older versions are visible before opening');
  await details.locator('summary').click();
  require_(await details.evaluate(element => element.open), 'the details element did not open');
  require_(await older.isVisible(), 'older versions stay hidden after opening');
  return `first older version ${await older.textContent()}`;
}

/** The lowest WCAG contrast ratio of any visible text against the background it is drawn on. */
function lowestContrast() {
  const rgb = value => value.match(/[\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => [r, g, b].map(c => c / 255)
    .map(c => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const background = element => {
    for (let e = element; e; e = e.parentElement) {
      const color = rgb(getComputedStyle(e).backgroundColor);
      if (color.length < 4 || color[3] > 0) return color;
    }
    return [255, 255, 255];
  };
  let lowest = { ratio: Infinity, text: '' };
  for (const element of document.querySelectorAll('body *')) {
    const text = [...element.childNodes].filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent).join('').trim();
    if (!text || !element.checkVisibility()) continue;
    const [a, b] = [luminance(rgb(getComputedStyle(element).color)), luminance(background(element))].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < lowest.ratio) lowest = { ratio, text: `${element.tagName.toLowerCase()} "${text.slice(0, 30)}"` };
  }
  return lowest;
}

(async () => {
  const browser = await chromium.launch({ executablePath: process.env.KUBE9_CHROMIUM, headless: true, args: FLAGS });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1000, height: 800 } })).newPage();
    const problems = watch(page);
    await page.goto(expect.url, { waitUntil: 'load' });
    await page.screenshot({ path: expect.screenshot, fullPage: true });

    await check('structure: lang, one h1, an h2 per chart', async () => {
      require_(await page.locator('html').getAttribute('lang') === 'en', 'html has no lang="en"');
      require_(await page.locator('h1').count() === 1, 'not exactly one h1');
      const headings = await page.locator('main > section > h2').allTextContents();
      require_(JSON.stringify(headings.map(h => h.split(' ')[0])) === JSON.stringify(expect.charts), `h2s: ${headings}`);
      return `${headings.length} charts`;
    });
    await check('install commands are visible', () => commandsVisible(page));
    await check('the yanked version is not installable on the landing page', async () => {
      require_(await page.locator('pre code', { hasText: `--version ${expect.yanked.version}` }).count() === 0, 'it has an install command');
    });
    await check('the deprecated chart is marked', async () => {
      const section = chartSection(page, expect.deprecated.chart);
      require_(await section.locator('h2 .badge').getByText('deprecated').isVisible(), 'no visible deprecated badge');
      require_(await section.getByText(expect.deprecated.message).isVisible(), 'deprecation message not visible');
    });
    await check('the filter narrows the charts as one types', async () => {
      const filter = page.getByLabel('Filter charts');
      require_(await filter.isVisible(), 'no visible filter labelled "Filter charts"');
      const counts = [await visibleCharts(page)];
      for (const key of expect.filter.typed) {
        await filter.press(key);
        counts.push(await visibleCharts(page));
      }
      require_(counts.every((count, i) => i === 0 || count <= counts[i - 1]), `visible charts while typing: ${counts}`);
      require_(counts.at(-1) < counts[0], `the list did not narrow: ${counts}`);
      const left = await page.locator('main > section:visible > h2').allTextContents();
      require_(JSON.stringify(left.map(h => h.split(' ')[0])) === JSON.stringify(expect.filter.remaining), `left: ${left}`);
      require_((await page.locator('#filter-count').textContent()).startsWith(`${left.length} of `), 'no count announced');
      await filter.fill('');
      require_(await visibleCharts(page) === counts[0], 'clearing the filter does not bring every chart back');
      return `visible while typing "${expect.filter.typed.join('')}": ${counts.join(' ')}`;
    });
    await check('keyboard focus is visible', async () => {
      await page.locator('body').click({ position: { x: 1, y: 1 } });
      await page.keyboard.press('Tab');
      const outline = await page.evaluate(() => {
        const style = getComputedStyle(document.activeElement);
        return { tag: document.activeElement.tagName, style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      require_(outline.tag !== 'BODY' && outline.style !== 'none' && outline.width >= 2, `focus outline: ${JSON.stringify(outline)}`);
      return `${outline.tag.toLowerCase()}: ${outline.style} ${outline.width}px`;
    });
    await check('text contrast is at least 4.5:1', async () => {
      const lowest = await page.evaluate(lowestContrast);
      require_(lowest.ratio >= 4.5, `${lowest.ratio.toFixed(2)}:1 for ${lowest.text}`);
      return `lowest ${lowest.ratio.toFixed(2)}:1, ${lowest.text}`;
    });

    await check('a chart page opens from the index by keyboard', () => openChartPageByKeyboard(page));
    await page.screenshot({ path: expect.screenshot.replace(/\.png$/, '-chart.png'), fullPage: true });
    await check('the chart page: the yanked version is not installable and the page says why', async () => {
      const { version, reason } = expect.yanked;
      require_(await page.locator('table').getByText(version, { exact: true }).count() === 0, `${version} is in a versions table`);
      require_(await page.locator('details a').getByText(version, { exact: true }).count() === 0, `${version} is listed`);
      require_(await page.locator('pre code', { hasText: `--version ${version}` }).count() === 0, `${version} has an install command`);
      const note = page.locator('.yanked');
      require_(await note.isVisible(), 'no visible yanked note');
      const text = await note.textContent();
      require_(text.includes(version) && text.includes(reason), `note says: ${text}`);
    });
    await check('the chart page: the expander opens', () => expanderOpens(page));
    await check('the chart page: text contrast is at least 4.5:1', async () => {
      const lowest = await page.evaluate(lowestContrast);
      require_(lowest.ratio >= 4.5, `${lowest.ratio.toFixed(2)}:1 for ${lowest.text}`);
      return `lowest ${lowest.ratio.toFixed(2)}:1, ${lowest.text}`;
    });

    const plain = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    const plainProblems = watch(plain);
    await plain.goto(expect.url, { waitUntil: 'load' });
    await check('without JavaScript: every chart, the commands, the chart page and its expander work, the filter is hidden', async () => {
      require_(await visibleCharts(plain) === expect.charts.length, 'not every chart is visible');
      require_(!(await plain.locator('#search').isVisible()), 'a filter that cannot work is shown');
      await commandsVisible(plain);
      await openChartPageByKeyboard(plain);
      return expanderOpens(plain);
    });
    await check('no console errors and no failed requests', async () => {
      const all = problems.concat(plainProblems);
      require_(all.length === 0, all.join('; '));
    });
  } finally {
    await browser.close();
  }
  process.exit(failed === 0 ? 0 : 1);
})().catch(error => {
  console.log(`not ok the browser run: ${error.stack || error}`);
  process.exit(1);
});
