// The `koa2` alias (npm:koa@2) typed as Koa: the suite uses only the API both majors share.
declare module 'koa2' {
  import Koa from 'koa';
  export default Koa;
}
