import express from 'express';
import { runAdapterSuite } from '../../core/test/adapter-suite/suite.js';
import { expressDriver } from './driver.js';

runAdapterSuite(expressDriver('express5', express));
