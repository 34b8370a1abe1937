'use strict';
// Learning Locker's xAPI statements service (@learninglocker/xapi-statements,
// installed by .ci/setup), run as the second LRS of Rapport's tests: its own
// Express presenter, service and in-memory statement store, wired here as its
// server.js wires them, with two differences that its server.js cannot be
// told through its settings:
//
// - Authentication. The service asks a repository for the client behind the
//   Authorization header: Mongo (Learning Locker's clients), another HTTP
//   service, or a test double that lets every header in. Here one Basic
//   user and password are let in and every other header is refused with 401,
//   as Learning Locker refuses an unknown key and secret.
// - No Mongo, no Redis. Its repository module connects to both on loading,
//   whatever store is chosen; building the repositories from their factory
//   here connects to neither.
//
// Set by tests/common/locker.rs: LOCKER_MODULES (where node_modules is),
// LOCKER_DIR (the test's own directory), LOCKER_PORT, LOCKER_USER,
// LOCKER_PASSWORD.

const path = require('path');

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`server.js: ${name} is not set`);
    process.exit(2);
  }
  return value;
};
const modules = path.join(env('LOCKER_MODULES'), 'node_modules');
const work = env('LOCKER_DIR');
const port = Number(env('LOCKER_PORT'));
const expected =
  'Basic ' + Buffer.from(`${env('LOCKER_USER')}:${env('LOCKER_PASSWORD')}`).toString('base64');

// Read by its config module when it loads: attachments and access logs go
// to the test's directory, never to the working directory.
process.env.EXPRESS_PORT = String(port);
process.env.FS_LOCAL_STORAGE_DIR = path.join(work, 'storage');
process.env.EXPRESS_MORGAN_DIRECTORY = path.join(work, 'access');
process.env.WINSTON_CONSOLE_LEVEL = process.env.WINSTON_CONSOLE_LEVEL || 'warn';

const dist = path.join(modules, '@learninglocker/xapi-statements/dist');
const load = (p) => require(path.join(dist, p)).default;
const express = require(path.join(modules, 'express'));
const NoModel = require(path.join(modules, 'jscommons/dist/errors/NoModel')).default;
const { TEST_CLIENT } = require(path.join(dist, 'utils/testValues'));
const routes = require(path.join(dist, 'utils/constants'));
const config = load('config');
const logger = load('logger');
const tracker = load('tracker');

const state = { fullActivities: [], statements: [] };
const repo = load('repo/factory')({
  auth: { facade: 'test', fake: {} },
  events: { facade: 'test' },
  models: { facade: 'memory', memory: { state } },
  storage: { facade: 'local', local: { storageDir: config.storage.local.storageDir } },
});

repo.getClient = async ({ authToken }) => {
  if (authToken !== expected) {
    throw new NoModel('Client');
  }
  return { client: TEST_CLIENT };
};

// The in-memory store names each statement it keeps with a time-based
// UUID (v1) and pages by comparing those names as text, after the `more`
// cursor; but a v1 UUID's text begins with the low 32 bits of its clock,
// which wrap every 7 minutes 9 seconds, so a page after the wrap skips every
// statement stored since. (Its Mongo store names them with ObjectIds, which
// only grow.) Names that only grow, as ObjectIds do, keep the tests from
// failing on the wrap, which is no Rapport's doing. The store asks the
// `uuid` module for each name when it stores; nothing else asks for v1.
const uuid = require(
  require.resolve('uuid', { paths: [path.join(dist, 'repo/modelsRepo/createStatements')] }),
);
let named = 0;
uuid.v1 = () => {
  named += 1;
  return String(named).padStart(12, '0');
};

const service = load('service')(Object.assign({ repo, tracker, logger }, config.service));
const presenter = load('expressPresenter')({
  llClientInfoEndpoint: '',
  customRoute: config.express.customRoute,
  customRouteText: config.express.customRouteText,
  morganDirectory: config.express.morganDirectory,
  bodyParserLimit: config.express.bodyParserLimit,
  service,
  tracker,
  translator: load('translatorFactory')(),
  logger,
  allowUndefinedMethod: false,
  allowFormBody: false,
});

const app = express();
app.use(routes.aboutRoute, presenter.aboutRouter);
app.use(routes.fullActivitiesRoute, presenter.fullActivitiesRouter);
app.use(routes.statementsRoute, presenter.statementsRouter);
app.listen(port, '127.0.0.1', () => logger.info(`listening on 127.0.0.1:${port}`));
