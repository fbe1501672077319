function (doc) {
  if (doc.type === 'task' && typeof doc.name === 'string') {
    var status = doc.completed ? (doc.results && doc.results.success === true ? 'passed' : 'failed')
      : (doc.started ? 'running' : 'waiting');
    var results = doc.results || {};
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
