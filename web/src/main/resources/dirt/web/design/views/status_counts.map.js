function (doc) {
  if (doc.type === 'task' && typeof doc.record_id === 'string') {
    var status = doc.completed ? (doc.results && doc.results.success === true ? 'passed' : 'failed')
      : (doc.started ? 'running' : 'waiting');
    emit([doc.record_id, status], null);
  }
}
