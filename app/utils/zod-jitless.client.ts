/**
 * Zod probes whether it may compile parsers with `new Function` the first time a page creates an
 * object schema. The Content-Security-Policy forbids eval, so the probe fails (harmlessly) but the
 * browser reports a CSP violation on every page with a search form. `jitless` skips the probe.
 * Set through zod's global config object, before zod loads: importing zod here would put it in the
 * bundle of every page. Browser only (.client): the server may compile its parsers.
 */
const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
holder.__zod_globalConfig = { ...holder.__zod_globalConfig, jitless: true };
