function (doc) {
  if (doc.type === 'node') {
    emit(typeof doc.name === 'string' ? doc.name : doc._id, null);
  }
}
