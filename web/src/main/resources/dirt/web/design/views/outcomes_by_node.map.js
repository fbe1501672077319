function (doc) {
  if (doc.type !== 'task') { return; }
  (Array.isArray(doc.history) ? doc.history : []).forEach(function (tried) {
    if (tried && typeof tried.node === 'string' && typeof tried.ended === 'number'
        && (tried.outcome === 'failed' || tried.outcome === 'timed_out')) {
      emit([tried.node, tried.ended], [0, 1]);
    }
  });
  var results = doc.results || {};
  if (typeof doc.node === 'string' && typeof doc.completed === 'number' && doc.started
      && results.cancelled !== true && results.skipped !== true && results.lost !== true && results.invalid !== true) {
    var passed = results.success === true;
    emit([doc.node, doc.completed], [passed ? 1 : 0, passed ? 0 : 1]);
  }
}
