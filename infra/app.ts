import { App } from 'aws-cdk-lib';
import { buildApp } from './publibac-app.js';

const app = new App();
buildApp(app, app.node.tryGetContext('stage'));
app.synth();
