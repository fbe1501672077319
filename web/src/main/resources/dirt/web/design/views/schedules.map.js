function (doc) {
  if (doc.type === 'schedule' && typeof doc.name === 'string') {
    emit(doc.name, {
      crontime: typeof doc.crontime === 'string' ? doc.crontime : null,
      timezone: typeof doc.timezone === 'string' ? doc.timezone : null,
      frequency: typeof doc.frequency === 'number' ? doc.frequency : null,
      enabled: doc.enabled !== false,
      next_run: typeof doc.next_run === 'number' ? doc.next_run : null,
      queued: typeof doc.queued === 'number' ? doc.queued : null,
      last_record: typeof doc.last_record === 'string' ? doc.last_record : null,
      last_status: typeof doc.last_status === 'string' ? doc.last_status : null,
      last_fired: typeof doc.last_fired === 'number' ? doc.last_fired : null,
      last_skipped: doc.last_skipped && typeof doc.last_skipped.reason === 'string' ? doc.last_skipped : null,
      description: doc.record && typeof doc.record.description === 'string' ? doc.record.description : ''
    });
  }
}
