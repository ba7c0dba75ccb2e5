// Runs axe-core's WCAG AA colour-contrast rule on HTML pages in headless Chromium,
// in the light and the dark colour scheme. Prints one line per failing node and
// exits 1 when any node fails, 2 when the check itself could not run.
//   NODE_PATH="$(npm root -g)" node tests/axe/contrast.js PAGE.html...
// Needs axe-core and puppeteer-core (bash .ci/install-validators installs both)
// and Chromium (CHROMIUM=/path overrides the command found on PATH).
'use strict';
const path = require('path');
const fs = require('fs');
const puppeteer = require('puppeteer-core');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

function chromium() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const candidate = path.join(dir, 'chromium');
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error('chromium is not on PATH');
}

async function failingNodes(browser, file, scheme) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  await page.goto('file://' + path.resolve(file), { waitUntil: 'load' });
  // The pages forbid inline script by their Content-Security-Policy; axe is ours.
  await page.addScriptTag({ content: axeSource }).catch(async () => {
    await page.setBypassCSP(true);
    await page.reload({ waitUntil: 'load' });
    await page.addScriptTag({ content: axeSource });
  });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] } }));
  await page.close();
  return result.violations.flatMap((v) => v.nodes.map((n) => ({
    target: n.target.join(' '),
    summary: (n.any[0] && n.any[0].message) || n.failureSummary,
  })));
}

async function main(files) {
  const browser = await puppeteer.launch({
    executablePath: chromium(),
    args: ['--no-sandbox', '--headless=new', '--force-color-profile=srgb'],
  });
  let failures = 0;
  try {
    for (const file of files) {
      for (const scheme of ['light', 'dark']) {
        const nodes = await failingNodes(browser, file, scheme);
        failures += nodes.length;
        for (const n of nodes) {
          console.log(`${file} (${scheme}): ${n.target}: ${n.summary}`);
        }
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`${failures} node${failures === 1 ? '' : 's'} below WCAG AA contrast`);
  return failures === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (error) => {
  console.error(error);
  process.exit(2);
});
