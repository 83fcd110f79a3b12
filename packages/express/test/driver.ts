// Express's side of the shared adapter suite (packages/core/test/adapter-suite): a real app per setup.
import type { Express } from 'express';
import { type AdapterDriver, appRoute } from '../../core/test/adapter-suite/driver.js';
import { getOAuth1, oauth1 } from '../src/index.js';

export function expressDriver(name: string, express: () => Express): AdapterDriver {
  return {
    name,
    createApp({ mounts, trustProxy }) {
      const app = express();
      if (trustProxy) app.set('trust proxy', true);
      for (const options of mounts) app.use(oauth1(options));
      app.use((req, res, next) => {
        appRoute((id) => getOAuth1(req, id), new URL(req.originalUrl, 'http://app')).then(
          (result) => (result ? res.status(result.status).json(result.body) : next()),
          next,
        );
      });
      return app;
    },
  };
}
