import Koa2 from 'koa2';
import { runAdapterSuite } from '../../core/test/adapter-suite/suite.js';
import { koaDriver } from './driver.js';

runAdapterSuite(koaDriver('koa2', Koa2));
