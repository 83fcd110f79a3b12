// koa-passport 6 ships no types; the part these tests use.
declare module 'koa-passport' {
  import type { Middleware } from 'koa';
  import type { Strategy } from 'passport';

  export class KoaPassport {
    use(strategy: Strategy): this;
    use(name: string, strategy: Strategy): this;
    initialize(): Middleware;
    session(): Middleware;
    authenticate(name: string, options?: Record<string, unknown>): Middleware;
    serializeUser(fn: (user: unknown, done: (error: unknown, id?: unknown) => void) => void): void;
    deserializeUser(fn: (id: unknown, done: (error: unknown, user?: unknown) => void) => void): void;
  }
  const passport: KoaPassport;
  export default passport;
}
