function (newDoc, oldDoc, userCtx, secObj) {
  // Who writes (dirt.web.Access): a server admin or a database admin, or a user with the role dirt_server, may write
  // everything a server writes (runs, results, slots, nodes) and delete documents; a user with the role
  // dirt_submitter posts records, tasks and schedules and cancels tasks; anyone else (dirt_reader) only reads.
  // On a server without accounts (pouchdb-server's admin party) everyone is an admin.
  var roles = userCtx.roles || [];
  var inList = function (list, names) {
    for (var n = 0; list && n < list.length; n++) {
      if (names.indexOf(list[n]) >= 0) {
        return true;
      }
    }
    return false;
  };
  var admins = (secObj && secObj.admins) || {};
  var server = roles.indexOf('_admin') >= 0 || roles.indexOf('dirt_server') >= 0
      || inList(admins.names, [userCtx.name]) || inList(admins.roles, roles);
  var id = newDoc._id || '';
  if (server) {
    // a server writes anything dirt writes; what a task was posted with is checked below
  } else if (roles.indexOf('dirt_submitter') < 0) {
    throw({forbidden: id + ': only a dirt submitter writes to this database — give this user the role'
        + ' dirt_submitter to post and cancel tasks (readers only read)'});
  } else if (newDoc._deleted) {
    throw({forbidden: id + ': only a dirt server deletes documents — cancel a task instead ({"cancel": true}),'
        + ' or ask someone with the role dirt_server or dirt_admin'});
  } else if (id.indexOf('slot:') === 0 || id.indexOf('node:') === 0 || newDoc.type === 'node'
      || newDoc.type === 'slot' || (oldDoc && (oldDoc.type === 'node' || oldDoc.type === 'slot'))) {
    throw({forbidden: id + ': only a dirt server writes nodes and slots — give this user the role dirt_server'});
  } else if (['record', 'task', 'schedule'].indexOf(newDoc.type) < 0
      || (oldDoc && oldDoc.type !== newDoc.type)) {
    throw({forbidden: id + ': a dirt submitter writes only records, tasks and schedules, got type '
        + JSON.stringify(newDoc.type) + (oldDoc ? ' over ' + JSON.stringify(oldDoc.type) : '')
        + ' — give this user the role dirt_server to write others'});
  }
  if (newDoc._deleted || newDoc.type !== 'task') {
    return;
  }
  var posted = ['type', 'name', 'record_id', 'requires', 'kwargs', 'command', 'check', 'after', 'broadcast'];
  if (oldDoc && oldDoc.type === 'task') {
    for (var p = 0; p < posted.length; p++) {
      if (JSON.stringify(newDoc[posted[p]]) !== JSON.stringify(oldDoc[posted[p]])) {
        throw({forbidden: 'task "' + id + '": ' + posted[p] + ' cannot change once the task is posted — post a'
            + ' new task instead'});
      }
    }
  }
  if (!server) {
    var serverFields = ['started', 'completed', 'results', 'history', 'attempt', 'server', 'slot', 'node',
        'retry_at', 'waiting', 'lost', '_attachments', 'parent', 'on_node', 'children', 'unreachable',
        'files_pruned'];
    var names = function (attachments) {
      return attachments ? Object.keys(attachments).sort() : [];
    };
    for (var s = 0; s < serverFields.length; s++) {
      var field = serverFields[s];
      var before = oldDoc && oldDoc.type === 'task' ? oldDoc[field] : undefined;
      var after = newDoc[field];
      if (field === '_attachments') {
        before = names(before);
        after = names(after);
      }
      if (JSON.stringify(after) !== JSON.stringify(before)) {
        throw({forbidden: 'task "' + id + '": only a dirt server sets ' + field + ' — post the task without it'
            + ' (or give this user the role dirt_server)'});
      }
    }
  }
  if (oldDoc && oldDoc.type === 'task') {
    return; // what was posted is unchanged, and was checked when it was posted
  }
  var problems = [];
  function missing(field) {
    var value = newDoc[field];
    return value === undefined || value === null ? 'is missing'
      : typeof value !== 'string' ? 'must be a string, got ' + JSON.stringify(value).slice(0, 40)
      : 'is empty';
  }
  if (typeof newDoc.name !== 'string' || newDoc.name === '') {
    problems.push('name ' + missing('name') + ' — set it to the task to run, e.g. "examples.simple", or to a label for the task\'s command');
  }
  if (typeof newDoc.record_id !== 'string' || newDoc.record_id === '') {
    problems.push('record_id ' + missing('record_id') + ' — set it to the _id of the record the task works on');
  }
  if (newDoc.requires !== undefined && newDoc.requires !== null) {
    if (!Array.isArray(newDoc.requires)) {
      problems.push('requires must be a list of strings like "architecture is x86_64", got ' + JSON.stringify(newDoc.requires));
    } else {
      for (var i = 0; i < newDoc.requires.length; i++) {
        if (typeof newDoc.requires[i] !== 'string') {
          problems.push('requires[' + i + '] must be a string like "architecture is x86_64", got ' + JSON.stringify(newDoc.requires[i]));
        }
      }
    }
  }
  if (newDoc.after !== undefined && newDoc.after !== null) {
    if (!Array.isArray(newDoc.after)) {
      problems.push('after must be a list of names or _ids of tasks of the same record, like ["build", "lint"], got '
          + JSON.stringify(newDoc.after));
    } else {
      for (var a = 0; a < newDoc.after.length; a++) {
        if (typeof newDoc.after[a] !== 'string' || newDoc.after[a].trim() === '') {
          problems.push('after[' + a + '] must be the name or _id of a task of the same record, got '
              + JSON.stringify(newDoc.after[a]));
        }
      }
    }
  }
  if (newDoc.broadcast !== undefined && newDoc.broadcast !== null && typeof newDoc.broadcast !== 'boolean') {
    problems.push('broadcast must be true or false, got ' + JSON.stringify(newDoc.broadcast));
  }
  if (newDoc.check !== undefined && newDoc.check !== null
      && (typeof newDoc.check !== 'string' || newDoc.check.trim() === '')) {
    problems.push('check must be a command that exits 0 when the work is already done, got '
        + JSON.stringify(newDoc.check));
  }
  if (newDoc.kwargs !== undefined && newDoc.kwargs !== null
      && (typeof newDoc.kwargs !== 'object' || Array.isArray(newDoc.kwargs))) {
    problems.push('kwargs must be a JSON object, got ' + JSON.stringify(newDoc.kwargs));
  } else if (newDoc.kwargs) {
    // dirt.document.InputLimits: the same limits as dirt post and dirt serve
    var maxDepth = 100;
    var deeper = function (value, above) {
      if (value === null || typeof value !== 'object') {
        return above;
      }
      var level = above + 1;
      if (level > maxDepth) {
        return level;
      }
      var deepest = level;
      for (var key in value) {
        if (Object.prototype.hasOwnProperty.call(value, key)) {
          deepest = Math.max(deepest, deeper(value[key], level));
          if (deepest > maxDepth) {
            return deepest;
          }
        }
      }
      return deepest;
    };
    if (deeper(newDoc.kwargs, 0) > maxDepth) {
      problems.push('kwargs is nested deeper than ' + maxDepth + ' levels — flatten it, or put the data in a file the task reads');
    } else if (JSON.stringify(newDoc.kwargs).length > 4 * 1024 * 1024) {
      problems.push('kwargs has more than 4194304 characters of JSON — put the data in a file the task reads, or in an attachment of the record');
    }
  }
  if (problems.length > 0) {
    throw({forbidden: 'task "' + newDoc._id + '": ' + problems.join('; ')});
  }
}
