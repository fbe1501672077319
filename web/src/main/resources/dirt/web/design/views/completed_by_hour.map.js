function (doc) {
  if (doc.type === 'task' && typeof doc.completed === 'number' && doc.started) {
    var results = doc.results || {};
    if (results.cancelled === true || results.skipped === true) { return; }
    var passed = results.success === true;
    emit(Math.floor(doc.completed / 3600), [passed ? 1 : 0, passed ? 0 : 1]);
  }
}
