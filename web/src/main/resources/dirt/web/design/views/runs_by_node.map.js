function (doc) {
  if (doc.type !== 'task' || typeof doc.name !== 'string') { return; }
  (Array.isArray(doc.history) ? doc.history : []).forEach(function (tried) {
    if (tried && typeof tried.node === 'string' && typeof tried.started === 'number' && typeof tried.ended === 'number') {
      emit([tried.node, tried.ended], {task: doc._id, name: doc.name, record_id: doc.record_id,
        slot: typeof tried.slot === 'number' ? tried.slot : null, started: tried.started, ended: tried.ended,
        status: tried.outcome === 'failed' || tried.outcome === 'timed_out' ? 'failed' : 'cancelled'});
    }
  });
  if (typeof doc.node === 'string' && typeof doc.started === 'number') {
    var results = doc.results || {};
    var status = typeof doc.completed !== 'number' ? 'running'
      : (results.cancelled === true ? 'cancelled' : results.success === true ? 'passed' : 'failed');
    emit([doc.node, typeof doc.completed === 'number' ? doc.completed : 9999999999], {task: doc._id, name: doc.name,
      record_id: doc.record_id, slot: typeof doc.slot === 'number' ? doc.slot : null, started: doc.started,
      ended: typeof doc.completed === 'number' ? doc.completed : null, status: status});
  }
}
