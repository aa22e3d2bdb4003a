import { addProtocol, setWorkerUrl } from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { Protocol } from 'pmtiles'

// Every MapLibre map of the app imports this module first (the main map and a task's small map), so both run the same
// once-per-page setup:
// - bundling moves maplibre's module away from its worker file, so it cannot find the worker on its own;
// - the offline style's streets are one PMTiles archive, read tile by tile with Range requests (pmtiles://<url>,
//   decision 0009).
setWorkerUrl(workerUrl)
addProtocol('pmtiles', new Protocol().tile)
