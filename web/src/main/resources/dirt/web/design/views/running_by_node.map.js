function (doc) {
  if (doc.type === 'task' && doc.started && !doc.completed) {
    emit([doc.node || '', doc.started], {name: doc.name, record_id: doc.record_id});
  }
}
