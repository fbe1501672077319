function (doc) {
  if (doc.type === 'task' && typeof doc.record_id === 'string') {
    var results = doc.results || {};
    var status = doc.completed
      ? (results.cancelled === true ? 'cancelled' : results.success === true ? 'passed'
        : results.skipped === true ? 'skipped' : 'failed')
      : (doc.started ? 'running' : 'waiting');
    emit([doc.record_id, typeof doc.name === 'string' ? doc.name : ''],
      {status: status, earlier: Array.isArray(doc.history) ? doc.history.length : 0,
        node: typeof doc.node === 'string' ? doc.node : null});
  }
}
