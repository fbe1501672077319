function (newDoc, oldDoc, userCtx, secObj) {
  if (newDoc._deleted || newDoc.type !== 'task') {
    return;
  }
  var fields = ['type', 'name', 'record_id', 'requires', 'kwargs'];
  if (oldDoc && oldDoc.type === 'task') {
    var same = true;
    for (var f = 0; f < fields.length; f++) {
      if (JSON.stringify(newDoc[fields[f]]) !== JSON.stringify(oldDoc[fields[f]])) {
        same = false;
      }
    }
    if (same) {
      return; // serve writes back results without touching what was posted
    }
  }
  var problems = [];
  if (typeof newDoc.name !== 'string' || newDoc.name === '') {
    problems.push('name is missing — set it to the task to run, e.g. "examples.simple", or to a label for the task\'s command');
  }
  if (typeof newDoc.record_id !== 'string' || newDoc.record_id === '') {
    problems.push('record_id is missing — set it to the _id of the record the task works on');
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
