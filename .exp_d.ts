import config from './dac.config.ts';
import { resolveConfig } from './src/config/validate.js';
import http from './dashboards/http-overview.js';
const s = resolveConfig(config, 'dac.config.ts')[0]!;
const out: any = http.build({ service: s, uid: 'x', title: 't', dashboards: [] });
const j = (out as any).build();
const find = (o: any, path: string) => { if (typeof o === 'function') console.log(path, o.toString().slice(0,80)); else if (o && typeof o === 'object') for (const k of Object.keys(o)) find(o[k], path + '.' + k); };
find(j, '');
