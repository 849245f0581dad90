// A test double of Office.js for the task pane's browser test (tests/browser/addin_browser_test.mjs
// serves it in place of Microsoft's CDN script). It implements only what the pane uses:
// Office.onReady, ui.openBrowserWindow (when config.openBrowserWindow), document.getFileAsync(Compressed) with getSliceAsync/closeAsync over the
// bytes the test gives, goToByIdAsync, requirements.isSetSupported, and Excel.run with
// worksheets.getItem().getRange() select/activate and format.fill (load, color, clear), the
// queued operations applied at sync() like the real batch. Everything the pane asked for is
// recorded in window.__office for the test to read.
//
// Configured by window.__fakeOfficeConfig = { url, base64, sliceSize, excelApi, sheets, fills,
// openBrowserWindow }.
(function () {
  var config = window.__fakeOfficeConfig;
  var log = window.__office = {
    fileRequests: [], slices: [], closed: 0, selections: [], activations: [], goTo: [], syncs: 0,
    fills: {}, errors: [], opened: []
  };
  var k;
  for (k in config.fills || {}) log.fills[k] = config.fills[k];
  var bin = atob(config.base64);
  var bytes = [];
  for (var i = 0; i < bin.length; i++) bytes.push(bin.charCodeAt(i));

  var Succeeded = 'succeeded', Failed = 'failed';
  function later(fn) { setTimeout(fn, 0); }

  var document_ = {
    url: config.url,
    getFileAsync: function (type, options, callback) {
      if (typeof options === 'function') { callback = options; options = {}; }
      log.fileRequests.push({ type: type, sliceSize: options && options.sliceSize });
      if (type !== 'compressed') return later(function () { callback({ status: Failed, error: { message: 'type ' + type } }); });
      // Office caps the slice size; the test makes it small to have several slices.
      var size = Math.min(options && options.sliceSize || 4194304, config.sliceSize || 4194304);
      var count = Math.max(1, Math.ceil(bytes.length / size));
      var file = {
        size: bytes.length,
        sliceCount: count,
        getSliceAsync: function (index, cb) {
          log.slices.push(index);
          later(function () {
            if (index < 0 || index >= count) return cb({ status: Failed, error: { message: 'slice ' + index } });
            cb({ status: Succeeded, value: { index: index, size: size, data: bytes.slice(index * size, (index + 1) * size) } });
          });
        },
        closeAsync: function (cb) { log.closed++; later(function () { if (cb) cb({ status: Succeeded }); }); }
      };
      later(function () { callback({ status: Succeeded, value: file }); });
    },
    goToByIdAsync: function (id, type, options, callback) {
      log.goTo.push({ id: id, type: type });
      later(function () { callback({ status: Succeeded }); });
    }
  };

  window.Office = {
    FileType: { Compressed: 'compressed', Text: 'text', Pdf: 'pdf' },
    AsyncResultStatus: { Succeeded: Succeeded, Failed: Failed },
    GoToType: { NamedItem: 'namedItem', Binding: 'binding' },
    SelectionMode: { Selected: 'selected', None: 'none' },
    context: {
      document: document_,
      requirements: {
        isSetSupported: function (name, version) {
          if (name === 'OpenBrowserWindowApi') return !!config.openBrowserWindow && parseFloat(version) <= 1.1;
          return !!config.excelApi && name === 'ExcelApi' && parseFloat(version) <= parseFloat(config.excelApi);
        }
      },
      ui: config.openBrowserWindow ? { openBrowserWindow: function (url) { log.opened.push(url); } } : {}
    },
    onReady: function (cb) {
      var info = { host: 'Excel', platform: 'PC' };
      later(function () { if (cb) cb(info); });
      return Promise.resolve(info);
    }
  };

  if (!config.excelApi) return;

  // Excel.run: proxies queue operations; sync() applies them in order.
  function RequestContext() {
    var ctx = this, queue = [];
    function key(sheet, address) { return sheet + '!' + address; }
    function sheetOf(name) {
      return {
        activate: function () { queue.push(function () { checkSheet(name); log.activations.push(name); }); },
        getRange: function (address) {
          var loaded = false, value;
          var fill = {
            load: function () {
              queue.push(function () { checkSheet(name); value = log.fills[key(name, address)] || '#FFFFFF'; loaded = true; });
            },
            clear: function () { queue.push(function () { checkSheet(name); delete log.fills[key(name, address)]; }); }
          };
          Object.defineProperty(fill, 'color', {
            get: function () {
              if (!loaded) throw new Error('PropertyNotLoaded: format.fill.color of ' + key(name, address));
              return value;
            },
            set: function (c) { queue.push(function () { checkSheet(name); log.fills[key(name, address)] = c; }); }
          });
          var range = { format: { fill: fill } };
          range.select = function () { queue.push(function () { checkSheet(name); log.selections.push({ sheet: name, cell: address }); }); };
          return range;
        }
      };
    }
    function checkSheet(name) {
      if (config.sheets && config.sheets.indexOf(name) < 0) throw new Error('ItemNotFound: worksheet ' + name);
    }
    ctx.workbook = { worksheets: { getItem: sheetOf } };
    ctx.sync = function () {
      log.syncs++;
      return new Promise(function (resolve, reject) {
        later(function () {
          try {
            while (queue.length) queue.shift()();
            resolve();
          } catch (e) {
            queue.length = 0;
            log.errors.push(e.message);
            reject(e);
          }
        });
      });
    };
  }
  window.Excel = {
    run: function (batch) {
      return new Promise(function (resolve, reject) {
        var result;
        try { result = batch(new RequestContext()); } catch (e) { return reject(e); }
        Promise.resolve(result).then(resolve, reject);
      });
    }
  };
}());
