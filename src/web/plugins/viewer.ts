// Every request has a viewer: the public unless an authentication plugin (sessions, API tokens) says otherwise.
import fp from 'fastify-plugin';
import { PUBLIC_VIEWER, type Viewer } from '../../domain/policy.js';

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer;
  }
}

export default fp(async (app) => {
  app.decorateRequest('viewer', null as never);
  app.addHook('onRequest', (request, _reply, done) => {
    request.viewer = PUBLIC_VIEWER;
    done();
  });
}, { name: 'moot-viewer' });
