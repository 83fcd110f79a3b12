// Koa's side of the shared adapter suite (packages/core/test/adapter-suite): a real app per setup.
import type Koa from 'koa';
import { type AdapterDriver, appRoute } from '../../core/test/adapter-suite/driver.js';
import { getOAuth1, oauth1 } from '../src/index.js';

export function koaDriver(name: string, KoaClass: typeof Koa): AdapterDriver {
  return {
    name,
    createApp({ mounts, trustProxy }) {
      const app = new KoaClass();
      app.silent = true;
      if (trustProxy) app.proxy = true;
      for (const options of mounts) app.use(oauth1(options));
      app.use(async (ctx) => {
        const result = await appRoute((id) => getOAuth1(ctx, id), new URL(ctx.originalUrl, 'http://app'));
        if (result) {
          ctx.status = result.status;
          ctx.body = result.body;
        }
      });
      return app.callback();
    },
  };
}
