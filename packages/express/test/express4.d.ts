// The `express4` alias (npm:express@4) typed as Express: the suite uses only the API both majors share.
declare module 'express4' {
  import express from 'express';
  export default express;
}
