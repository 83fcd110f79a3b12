import { Readable } from 'node:stream';
// INTERIM until @oauth1a/express mounts the connections handler: a Web Request with its body.
export function mountConnections(handler) {
  return (req, res, next) => {
    const url = `http://${req.headers.host}${req.originalUrl}`;
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && req.path.startsWith(handler.basePath);
    const request = new Request(url, {
      method: req.method,
      headers: Object.entries(req.headers).filter(([, v]) => typeof v === 'string'),
      body: hasBody ? Readable.toWeb(req) : undefined,
      duplex: 'half',
    });
    handler
      .context(request)
      .then((scoped) => {
        req.connections = scoped;
        return handler.handle(request);
      })
      .then(async (response) => {
        if (response === null) return next();
        res.status(response.status);
        for (const [name, value] of response.headers) res.setHeader(name, value);
        res.end(Buffer.from(await response.arrayBuffer()));
      }, next);
  };
}
