// Stands in for Node's `fs` in the browser bundle (next.config.ts): the image codecs' Emscripten glue
// requires it on a branch that only runs under Node.
module.exports = {};
