/**
 * Lets `Class` also be called as a function on an existing object, so that subclasses written in
 * ES5 style for passport-oauth1 (`util.inherits(Sub, OAuthStrategy)` and
 * `OAuthStrategy.call(this, options, verify)`, as passport-twitter is) keep working: the call runs
 * `initialize(this, ...args)`. `new` and `class extends` behave exactly as on `Class`.
 */
export function callableAsFunction<C extends abstract new (...args: never[]) => object>(
  Class: C,
  initialize: (self: object, ...args: unknown[]) => void,
): C {
  return new Proxy(Class, {
    apply(_target, self: unknown, args: unknown[]) {
      if (typeof self !== 'object' || self === null) {
        throw new TypeError(`${Class.name} must be called with new, or with .call(this, options, verify)`);
      }
      initialize(self, ...args);
      return undefined;
    },
  });
}
