function (doc) {
  if (doc.type === 'record') {
    emit([typeof doc.created === 'number' ? doc.created : 0, doc._id],
      {description: doc.description || '', created: doc.created});
  }
}
