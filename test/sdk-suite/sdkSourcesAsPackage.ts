import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

/**
 * The vendored suites import the SDK from its own source tree ('../../../zeebe', '../../c8/lib/CamundaRestClient').
 * This resolves those imports to the same modules of the installed, published @camunda8/sdk (its compiled `dist/`),
 * so the suites test the package the app uses, with their files unchanged. The test-support helpers are vendored.
 */
export function sdkSourcesAsPackage(vendorRoot: string, sdkDist: string): Plugin {
  const vendorSrc = path.join(vendorRoot, 'src');
  return {
    name: 'sdk-sources-as-package',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !importer.startsWith(vendorSrc)) return null;
      let target: string;
      if (source.startsWith('.')) target = path.resolve(path.dirname(importer), source);
      else if (/^(zeebe|c8|lib)(\/|$)/.test(source)) target = path.join(vendorSrc, source);
      else return null;
      const relative = path.relative(vendorSrc, target);
      if (relative.startsWith('..') || relative.startsWith('__tests__') || relative.startsWith('test-support')) return null;
      for (const candidate of [`${relative}.js`, path.join(relative, 'index.js')]) {
        const file = path.join(sdkDist, candidate);
        if (fs.existsSync(file)) return file;
      }
      return null;
    },
  };
}
