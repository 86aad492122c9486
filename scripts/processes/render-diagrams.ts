/**
 * Renders every processes/*.bpmn to a PNG with the bpmn-js viewer in Chromium, to review the layout
 * by eye. Run: npx tsx scripts/processes/render-diagrams.ts <output-dir> (needs Debian `chromium`).
 */
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { PROCESSES_DIR } from './paths.js';

const require = createRequire(import.meta.url);
const outDir = process.argv[2] ?? '/tmp/bpmn-preview';
await mkdir(outDir, { recursive: true });

const viewerJs = await readFile(require.resolve('bpmn-js/dist/bpmn-viewer.production.min.js'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  await page.setContent('<div id="canvas" style="width:100vw;height:100vh"></div>');
  await page.addScriptTag({ content: viewerJs });
  for (const file of (await readdir(PROCESSES_DIR)).filter((f) => f.endsWith('.bpmn')).sort()) {
    const xml = await readFile(join(PROCESSES_DIR, file), 'utf8');
    const size = await page.evaluate(async (diagram) => {
      const w = window as unknown as { BpmnJS: new (o: object) => { importXML(x: string): Promise<unknown>; get(s: string): { zoom(z: string): void; viewbox(): { inner: { width: number; height: number } } } } };
      document.getElementById('canvas')!.innerHTML = '';
      const viewer = new w.BpmnJS({ container: '#canvas' });
      (window as unknown as { viewer: unknown }).viewer = viewer;
      await viewer.importXML(diagram);
      const canvas = viewer.get('canvas');
      canvas.zoom('fit-viewport');
      return canvas.viewbox().inner;
    }, xml);
    await page.setViewportSize({ width: Math.min(4000, Math.ceil(size.width) + 100), height: Math.min(3000, Math.ceil(size.height) + 100) });
    await page.evaluate(() => {
      const canvas = (window as unknown as { viewer: { get(s: string): { resized(): void; zoom(z: string): void } } }).viewer.get('canvas');
      canvas.resized();
      canvas.zoom('fit-viewport');
    });
    await page.screenshot({ path: join(outDir, file.replace(/\.bpmn$/, '.png')) });
    console.log(`rendered ${file}`);
  }
} finally {
  await browser.close();
}
