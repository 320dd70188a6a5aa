import { App } from 'aws-cdk-lib';
import { StatefulStack } from './stateful.stack.js';
import { stageConfig } from './stage-config.js';

const app = new App();
const config = stageConfig(app.node.tryGetContext('stage'));
new StatefulStack(app, `Publibac-${config.stage}-Stateful`, { config });
app.synth();
