// Minimal Backstage backend (new backend system) for BackstageE2EIT: the catalog, RHDH's model-catalog entity
// provider (reads the location service) and the module that registers the AiModelServerAPI kind.
// Configuration comes from the app-config file(s) the test passes with --config.
const { createBackend } = require('@backstage/backend-defaults');

const backend = createBackend();
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@red-hat-developer-hub/backstage-plugin-catalog-backend-module-model-catalog'));
backend.add(import('@red-hat-developer-hub/backstage-plugin-catalog-backend-module-ai-model-server'));
backend.start();
