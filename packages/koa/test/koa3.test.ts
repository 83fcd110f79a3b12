import Koa from 'koa';
import { runAdapterSuite } from '../../core/test/adapter-suite/suite.js';
import { koaDriver } from './driver.js';

runAdapterSuite(koaDriver('koa3', Koa));
