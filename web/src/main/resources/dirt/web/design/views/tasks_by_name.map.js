function (doc) {
  if (doc.type === 'task' && typeof doc.name === 'string') {
    var results = doc.results || {};
    var status = doc.completed
      ? (results.cancelled === true ? 'cancelled' : results.success === true ? 'passed' : 'failed')
      : (doc.started ? 'running' : 'waiting');
    emit([doc.name, typeof doc.created === 'number' ? doc.created : 0, doc._id], {
      record_id: doc.record_id,
      status: status,
      node: doc.node || null,
      started: doc.started || null,
      completed: doc.completed || null,
      reason: typeof results.reason === 'string' ? results.reason : null,
      waiting: typeof doc.waiting === 'string' ? doc.waiting : null
    });
  }
}
