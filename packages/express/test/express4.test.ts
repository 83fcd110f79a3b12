import express4 from 'express4';
import { runAdapterSuite } from '../../core/test/adapter-suite/suite.js';
import { expressDriver } from './driver.js';

runAdapterSuite(expressDriver('express4', express4));
