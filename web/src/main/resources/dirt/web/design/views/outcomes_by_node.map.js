function (doc) {
  if (doc.type === 'task' && typeof doc.node === 'string' && typeof doc.completed === 'number' && doc.started) {
    var results = doc.results || {};
    if (results.cancelled === true || results.skipped === true) { return; }
    var passed = results.success === true;
    emit([doc.node, doc.completed], [passed ? 1 : 0, passed ? 0 : 1]);
  }
}
