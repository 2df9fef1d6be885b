/* Dateline: the page served by `dateline-query serve`.
 *
 * Plain JavaScript, no build step. Talks to the JSON API described in docs/api.md (relative URLs,
 * so the page also works under a path prefix). Every string from the API is put in the page as
 * text (textContent / createTextNode), never as HTML.
 *
 * State lives in the URL hash: #VIEW?PARAMS, where PARAMS are the API's own parameters
 * (e.g. #timeline?name=Lee+Jae-myung&name=习近平&by=week), so a view can be linked.
 *
 * Hooks for tests: each view container has data-state = idle | loading | ready | error;
 * hits are li.hit, article lists li.article, meeting pairs li.pair; window.datelineCharts.timeline
 * is the Chart.js instance and window.datelineGraph the Cytoscape instance.
 */
(function () {
  'use strict';

  var VIEWS = ['search', 'timeline', 'graph', 'met'];
  var API = 'api/';
  var TYPE_COLOURS = { person: '#e8590c', country: '#1971c2', org: '#2f9e44', place: '#7048e8' };
  var OTHER_COLOUR = '#868e96';
  var SERIES = ['#1971c2', '#e8590c', '#2f9e44', '#c2255c', '#7048e8', '#0c8599', '#e67700', '#5c940d',
    '#862e9c', '#495057'];
  var ALL_TYPES = ['person', 'country', 'org', 'place'];

  window.datelineCharts = window.datelineCharts || {};
  window.datelineGraph = null;

  /* ------------------------------------------------------------------ helpers */

  function $(id) { return document.getElementById(id); }

  // el('a', {class: 'x', href: '…', text: '…', data: {k: v}}, child, 'text', …)
  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === undefined || v === null || v === false) return;
        if (k === 'text') node.textContent = String(v);
        else if (k === 'class') node.className = v;
        else if (k === 'data') Object.keys(v).forEach(function (d) { node.dataset[d] = v[d]; });
        else if (k === 'on') Object.keys(v).forEach(function (ev) { node.addEventListener(ev, v[ev]); });
        else node.setAttribute(k, v === true ? '' : String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function append(node, child) {
    if (child === undefined || child === null || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
    node.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

  // Only http(s) links from the data become hrefs (no javascript: or data: URLs).
  function safeUrl(u) { return (typeof u === 'string' && /^https?:\/\//i.test(u)) ? u : null; }

  function articleHref(id) { return withToken(API + 'articles/' + encodeURIComponent(id)); }

  // params: array of [key, value] pairs; empty values are left out.
  function apiUrl(endpoint, pairs) {
    var sp = new URLSearchParams();
    pairs.forEach(function (p) {
      if (p[1] !== undefined && p[1] !== null && String(p[1]) !== '') sp.append(p[0], String(p[1]));
    });
    var s = sp.toString();
    return API + endpoint + (s ? '?' + s : '');
  }

  function withFormat(url, fmt) { return url + (url.indexOf('?') >= 0 ? '&' : '?') + 'format=' + fmt; }

  function ApiError(status, message, suggestions) {
    this.status = status;
    this.message = message;
    this.suggestions = suggestions || [];
  }

  // A server started with --token wants it on every API call: asked once, kept for the browser session.
  function token() { try { return sessionStorage.getItem('datelineToken') || ''; } catch (e) { return ''; } }
  function withToken(url) {
    var t = token();
    return t ? url + (url.indexOf('?') >= 0 ? '&' : '?') + 'access_token=' + encodeURIComponent(t) : url;
  }

  function getJSON(url, retried) {
    var headers = { Accept: 'application/json' };
    if (token()) headers.Authorization = 'Bearer ' + token();
    return fetch(url, { headers: headers }).then(function (res) {
      if (res.status === 401 && !retried) {
        var t = window.prompt('This Dateline server needs its access token:');
        if (t) {
          try { sessionStorage.setItem('datelineToken', t); } catch (e) { /* private mode: ask again */ }
          return getJSON(url, true);
        }
      }
      return res.text().then(function (body) {
        var data = null;
        try { data = body ? JSON.parse(body) : null; } catch (e) { data = null; }
        if (!res.ok) {
          var err = data && data.error ? data.error : {};
          throw new ApiError(err.status || res.status, err.message || (res.status + ' ' + res.statusText),
            Array.isArray(err.suggestions) ? err.suggestions : []);
        }
        if (data === null) throw new ApiError(res.status, 'the server answered something that is not JSON');
        return data;
      });
    }, function (e) {
      throw new ApiError(0, 'cannot reach the server (' + (e && e.message ? e.message : e) + ')');
    });
  }

  function fmtNum(n) { return typeof n === 'number' ? n.toLocaleString('en-US') : String(n); }
  function plural(n, one, many) { return fmtNum(n) + ' ' + (n === 1 ? one : (many || one + 's')); }

  // "…the **tariff** deal…" -> text nodes and <mark> elements
  function marked(text) {
    var frag = document.createDocumentFragment();
    String(text || '').split('**').forEach(function (part, i) {
      if (!part) return;
      frag.appendChild(i % 2 ? el('mark', { text: part }) : document.createTextNode(part));
    });
    return frag;
  }

  function typeDot(type) {
    return el('span', { class: 'dot', title: type || '', style: 'background:' + (TYPE_COLOURS[type] || OTHER_COLOUR) });
  }

  function splitNames(s) {
    return String(s || '').split(/[,，、;；]/).map(function (x) { return x.trim(); }).filter(Boolean);
  }

  function setState(view, state) { $('view-' + view).dataset.state = state; }

  function setStatus(view, content) { append(clear($(view + '-status')), content); }

  function showError(view, err, onSuggestion) {
    var box = $(view + '-error');
    clear(box);
    box.hidden = false;
    append(box, el('strong', { text: err.status ? 'Error ' + err.status + ': ' : 'Error: ' }));
    append(box, el('span', { class: 'message', text: err.message || String(err) }));
    if (err.suggestions && err.suggestions.length && onSuggestion) {
      var p = el('p', { class: 'suggestions' }, 'Did you mean: ');
      err.suggestions.forEach(function (s, i) {
        // "Xi Jinping (person Q15031)": the name, then its type and id; the id is what is sent back
        var m = /^(.*\S)\s+\((person|country|org|place)\s+([^()\s]+)\)$/.exec(String(s));
        var value = m ? m[2] + ':' + m[3] : String(s);
        var button = el('button', { type: 'button', class: 'suggestion', title: value, data: { value: value },
          on: { click: function () { onSuggestion(value); } } }, m ? m[1] : String(s));
        if (m) append(button, el('span', { class: 'what', text: ' ' + m[2] }));
        if (i) append(p, ' ');
        append(p, button);
      });
      append(box, p);
    }
    setStatus(view, '');
    setState(view, 'error');
  }

  function hideError(view) { var box = $(view + '-error'); clear(box); box.hidden = true; }

  // the name a "no such entity" message is about, to replace it by a suggestion
  function missingName(err) {
    var m = /"([^"]*)"/.exec(err.message || '');
    return m ? m[1] : null;
  }

  function exportLinks(listId, links) {
    var ul = clear($(listId));
    links.forEach(function (l) {
      ul.appendChild(el('li', null, el('a', { href: withToken(l[1]), download: l[2] ? '' : null, class: 'export', text: l[0] })));
    });
  }

  function articleItem(a, extra) {
    // a: {id, date, title, url, source?}
    var li = el('li', { class: 'article', data: { id: a.id } });
    append(li, el('span', { class: 'date', text: a.date || 'undated' }));
    append(li, el('a', { class: 'title', href: articleHref(a.id), text: a.title || a.id }));
    var meta = el('span', { class: 'meta' });
    if (a.source) append(meta, el('span', { class: 'source', text: a.source }));
    append(meta, el('code', { class: 'id', text: a.id }));
    var u = safeUrl(a.url);
    if (u) append(meta, el('a', { class: 'orig', href: u, target: '_blank', rel: 'noopener noreferrer', text: 'original ↗' }));
    append(li, meta);
    if (extra) append(li, extra);
    return li;
  }

  /* ------------------------------------------------------------------ routing */

  var current = { view: null };
  var lastParams = {}; // per view, for the tabs

  function parseHash() {
    var h = location.hash.replace(/^#/, '');
    var i = h.indexOf('?');
    var view = i < 0 ? h : h.slice(0, i);
    var params = new URLSearchParams(i < 0 ? '' : h.slice(i + 1));
    if (VIEWS.indexOf(view) < 0) view = 'search';
    return { view: view, params: params };
  }

  function hashFor(view, params) {
    var s = params ? params.toString() : '';
    return '#' + view + (s ? '?' + s : '');
  }

  function navigate(view, params) {
    var h = hashFor(view, params);
    if (location.hash === h) route(true);
    else location.hash = h;
  }

  function showView(view) {
    VIEWS.forEach(function (v) {
      $('view-' + v).hidden = v !== view;
    });
    document.querySelectorAll('.tab').forEach(function (t) {
      var on = t.dataset.view === view;
      t.classList.toggle('active', on);
      t.setAttribute('aria-selected', on ? 'true' : 'false');
    });
    current.view = view;
  }

  function updateTabs() {
    document.querySelectorAll('.tab').forEach(function (t) {
      t.setAttribute('href', hashFor(t.dataset.view, lastParams[t.dataset.view]));
    });
  }

  function route(force) {
    var r = parseHash();
    showView(r.view);
    lastParams[r.view] = r.params;
    updateTabs();
    views[r.view].load(r.params, !!force);
  }

  /* ------------------------------------------------------------------ stats header */

  function loadStats() {
    var box = $('stats');
    getJSON(API + 'stats').then(function (s) {
      clear(box);
      append(box, el('span', { class: 'stat' }, el('b', { text: fmtNum(s.articles) }), ' articles'));
      if (s.first_date || s.last_date) {
        append(box, el('span', { class: 'stat' }, (s.first_date || '?') + ' – ' + (s.last_date || '?')));
      }
      if (s.undated) append(box, el('span', { class: 'stat muted' }, fmtNum(s.undated) + ' undated'));
      if (Array.isArray(s.sources)) {
        append(box, el('span', {
          class: 'stat muted',
          title: s.sources.map(function (x) { return x.name + ': ' + x.articles; }).join('\n'),
        }, plural(s.sources.length, 'source')));
      }
      box.dataset.state = 'ready';
    }, function (err) {
      clear(box);
      append(box, el('span', { class: 'stat error-text', text: 'stats: ' + err.message }));
      box.dataset.state = 'error';
    });
  }

  // a few well-known names to start from, for empty views
  var topPeople = null;
  function starters(view, onPick) {
    if (!topPeople) {
      topPeople = getJSON(apiUrl('entities', [['type', 'person'], ['limit', 6]])).catch(function () { return []; });
    }
    var p = el('p', { class: 'starters' });
    topPeople.then(function (list) {
      if (!Array.isArray(list) || !list.length) return;
      append(p, 'Try: ');
      list.forEach(function (e, i) {
        if (i) append(p, ' ');
        append(p, el('button', { type: 'button', class: 'chip', text: e.name, on: { click: function () { onPick(e); } } }));
      });
    });
    return p;
  }

  /* ------------------------------------------------------------------ Search */

  var search = {
    key: null,
    sortAuto: false,
    seq: 0,
    req: null, // {pairs, offset, limit, shown, total}

    readForm: function () {
      var p = new URLSearchParams();
      var q = $('search-q').value.trim();
      if (q) p.set('q', q);
      splitNames($('search-with').value).forEach(function (w) { p.append('with', w); });
      if ($('search-from').value.trim()) p.set('from', $('search-from').value.trim());
      if ($('search-to').value.trim()) p.set('to', $('search-to').value.trim());
      if ($('search-sort').value !== 'relevance' && !(this.sortAuto && (q || p.has('with')))) p.set('sort', $('search-sort').value);
      if ($('search-limit').value !== '10') p.set('limit', $('search-limit').value);
      if ($('search-collapse').checked) p.set('collapse', '1');
      return p;
    },

    fillForm: function (p) {
      $('search-q').value = p.get('q') || '';
      $('search-with').value = p.getAll('with').join(', ');
      $('search-from').value = p.get('from') || '';
      $('search-to').value = p.get('to') || '';
      // nothing asked: the newest articles
      var newest = !p.get('q') && !p.getAll('with').length;
      this.sortAuto = newest && !p.get('sort'); // shown as 'date' by default, not chosen
      $('search-sort').value = p.get('sort') === 'date' || this.sortAuto ? 'date' : 'relevance';
      var lim = p.get('limit') || '10';
      if (!Array.prototype.some.call($('search-limit').options, function (o) { return o.value === lim; })) {
        $('search-limit').appendChild(el('option', { text: lim }));
      }
      $('search-limit').value = lim;
      $('search-collapse').checked = ['1', 'true', 'yes', ''].indexOf(p.get('collapse')) >= 0 && p.has('collapse');
    },

    load: function (p, force) {
      this.fillForm(p);
      var key = p.toString();
      if (!force && key === this.key && $('view-search').dataset.state !== 'error') return;
      this.key = key;
      this.run(p);
    },

    run: function (p) {
      var self = this;
      var q = p.get('q') || '';
      var limit = Math.max(1, parseInt(p.get('limit') || '10', 10) || 10);
      var offset = Math.max(0, parseInt(p.get('offset') || '0', 10) || 0);
      var sort = p.get('sort') || (q || p.getAll('with').length ? '' : 'date'); // nothing asked: newest first
      var filters = [];
      p.getAll('with').forEach(function (w) { filters.push(['with', w]); });
      filters.push(['from', p.get('from')], ['to', p.get('to')]);
      p.getAll('source').forEach(function (s) { filters.push(['source', s]); });
      var base = [['q', q]].concat(filters, [['sort', sort], ['collapse', p.has('collapse') ? p.get('collapse') || '1' : '']]);
      self.req = { base: base, filters: filters, q: q, offset: offset, limit: limit, shown: 0, total: 0, params: p };
      var seq = ++self.seq;
      hideError('search');
      setState('search', 'loading');
      setStatus('search', el('span', { class: 'spinner', text: q ? 'Searching…' : 'Loading the latest articles…' }));
      clear($('search-hits'));
      $('search-more').hidden = $('search-prev').hidden = $('search-next').hidden = true;

      var url = apiUrl('search', base.concat([['limit', limit], ['offset', offset]]));
      self.renderExports(url, q, filters);
      getJSON(url).then(function (data) {
        if (seq !== self.seq) return;
        self.req.total = data.total;
        self.req.exact = data.total_exact !== false;
        self.appendHits(data.hits || []);
        self.updatePager();
        setState('search', 'ready');
      }, function (err) {
        if (seq !== self.seq) return;
        showError('search', err, function (s) {
          var bad = missingName(err);
          var ws = p.getAll('with');
          var np = new URLSearchParams(p);
          np.delete('with');
          np.delete('offset');
          var replaced = false;
          ws.forEach(function (w) {
            if (!replaced && w === bad) { np.append('with', s); replaced = true; } else np.append('with', w);
          });
          if (!replaced) np.set('q', s);
          navigate('search', np);
        });
      });
      self.loadFacets(q, filters, seq);
    },

    appendHits: function (hits) {
      var ol = $('search-hits');
      ol.setAttribute('start', String(this.req.offset + 1));
      hits.forEach(function (h) {
        var li = el('li', { class: 'hit', data: { id: h.id } });
        var head = el('div', { class: 'hit-head' });
        append(head, el('a', { class: 'title', href: articleHref(h.id), text: h.title || h.id }));
        if (h.collapsed) append(head, el('span', { class: 'badge', title: 'identical copies collapsed', text: '+' + h.collapsed + ' copies' }));
        append(li, head);
        var meta = el('div', { class: 'meta' });
        append(meta, el('span', { class: 'date', text: h.date || 'undated' }));
        if (h.source) append(meta, el('span', { class: 'source', text: h.source }));
        append(meta, el('code', { class: 'id', text: h.id }));
        var u = safeUrl(h.url);
        if (u) append(meta, el('a', { class: 'orig', href: u, target: '_blank', rel: 'noopener noreferrer', text: 'original ↗' }));
        append(li, meta);
        if (h.snippet) append(li, el('p', { class: 'snippet' }, marked(h.snippet)));
        ol.appendChild(li);
      });
      this.req.shown += hits.length;
      var r = this.req;
      var what = r.q ? ['for ', el('q', { text: r.q })] : (r.filters.some(function (f) { return f[1]; }) ? 'matching the filters' : '— newest first');
      var range = r.shown ? ', showing ' + fmtNum(r.offset + 1) + '–' + fmtNum(r.offset + r.shown) : '';
      setStatus('search', el('span', { class: 'count', data: { total: String(r.total) } },
        (r.exact ? '' : 'about ') + plural(r.total, 'hit'), ' ', what, range));
    },

    updatePager: function () {
      var r = this.req;
      var end = r.offset + r.shown;
      $('search-more').hidden = end >= r.total;
      $('search-next').hidden = end >= r.total;
      $('search-prev').hidden = r.offset <= 0;
      $('search-more').textContent = 'More (' + fmtNum(Math.min(r.limit, r.total - end)) + ' of ' + fmtNum(r.total - end) + ' left)';
    },

    more: function () {
      var self = this;
      var r = self.req;
      if (!r) return;
      var seq = self.seq;
      var btn = $('search-more');
      btn.disabled = true;
      setState('search', 'loading');
      getJSON(apiUrl('search', r.base.concat([['limit', r.limit], ['offset', r.offset + r.shown]]))).then(function (data) {
        if (seq !== self.seq) return;
        btn.disabled = false;
        self.appendHits(data.hits || []);
        self.updatePager();
        setState('search', 'ready');
      }, function (err) {
        btn.disabled = false;
        if (seq === self.seq) showError('search', err);
      });
    },

    page: function (dir) {
      var r = this.req;
      if (!r) return;
      var np = new URLSearchParams(r.params);
      var off = Math.max(0, r.offset + dir * r.limit);
      if (off) np.set('offset', String(off)); else np.delete('offset');
      navigate('search', np);
    },

    loadFacets: function (q, filters, seq) {
      var self = this;
      var ol = clear($('search-entities'));
      getJSON(apiUrl('entities', [['q', q]].concat(filters, [['limit', 12]]))).then(function (list) {
        if (seq !== self.seq || !Array.isArray(list)) return;
        list.forEach(function (e) {
          var ref = e.type + ':' + e.id;
          ol.appendChild(el('li', { class: 'facet' },
            el('button', {
              type: 'button', class: 'link', title: 'only articles mentioning ' + e.name + ' (' + ref + ')',
              on: {
                click: function () {
                  var np = new URLSearchParams(self.req.params);
                  if (np.getAll('with').indexOf(ref) < 0) np.append('with', ref);
                  np.delete('offset');
                  navigate('search', np);
                },
              },
            }, typeDot(e.type), e.name),
            el('span', { class: 'n', title: e.mentions + ' mentions', text: fmtNum(e.articles) })));
        });
      }, function () { /* facets are optional */ });
    },

    renderExports: function (url, q, filters) {
      // (limit=0, "all", is over the server's --max-page: ask for the first 1000)
      var ent = apiUrl('entities', [['q', q]].concat(filters, [['limit', 1000]]));
      exportLinks('search-exports', [
        ['hits (CSV)', withFormat(url, 'csv'), true],
        ['hits (JSON)', url, false],
        ['entities of all hits (CSV)', withFormat(ent, 'csv'), true],
        ['entities of all hits (JSON)', ent, false],
      ]);
    },
  };

  /* ------------------------------------------------------------------ Timeline */

  var timeline = {
    key: null,
    seq: 0,
    data: null,
    chart: null,

    readForm: function () {
      var p = new URLSearchParams();
      splitNames($('timeline-names').value).forEach(function (n) { p.append('name', n); });
      if ($('timeline-by').value !== 'month') p.set('by', $('timeline-by').value);
      if ($('timeline-from').value.trim()) p.set('from', $('timeline-from').value.trim());
      if ($('timeline-to').value.trim()) p.set('to', $('timeline-to').value.trim());
      if ($('timeline-query').value.trim()) p.set('query', $('timeline-query').value.trim());
      return p;
    },

    fillForm: function (p) {
      $('timeline-names').value = p.getAll('name').join(', ');
      $('timeline-by').value = ['day', 'week', 'month', 'year'].indexOf(p.get('by')) >= 0 ? p.get('by') : 'month';
      $('timeline-from').value = p.get('from') || '';
      $('timeline-to').value = p.get('to') || '';
      $('timeline-query').value = p.get('query') || p.get('q') || '';
    },

    load: function (p, force) {
      this.fillForm(p);
      var key = p.toString();
      if (!force && key === this.key && $('view-timeline').dataset.state !== 'error') {
        if (this.chart) this.chart.resize();
        return;
      }
      this.key = key;
      this.run(p);
    },

    reset: function () {
      if (this.chart) { this.chart.destroy(); this.chart = null; }
      $('timeline-chart-box').hidden = true;
      window.datelineCharts.timeline = null;
      this.data = null;
      clear($('timeline-summary'));
      var d = $('timeline-detail');
      d.dataset.state = 'idle';
      delete d.dataset.entity;
      delete d.dataset.period;
      $('timeline-detail-title').textContent = 'Articles';
      clear($('timeline-articles'));
    },

    run: function (p) {
      var self = this;
      var names = p.getAll('name');
      var seq = ++self.seq;
      hideError('timeline');
      self.reset();
      if (!names.length) {
        setStatus('timeline', ['Enter one or more entities (names, aliases, ids, any script).',
          starters('timeline', function (e) { navigate('timeline', new URLSearchParams([['name', e.name]])); })]);
        exportLinks('timeline-exports', [
          ['every entity, per month (CSV)', API + 'export/timelines?by=month&format=csv', true],
          ['every entity, per month (JSON Lines)', API + 'export/timelines?by=month&format=jsonl', true],
        ]);
        setState('timeline', 'idle');
        return;
      }
      var by = p.get('by') || 'month';
      var pairs = names.map(function (n) { return ['name', n]; }).concat([
        ['by', by], ['from', p.get('from')], ['to', p.get('to')], ['query', p.get('query') || p.get('q')]]);
      p.getAll('source').forEach(function (s) { pairs.push(['source', s]); });
      p.getAll('with').forEach(function (s) { pairs.push(['with', s]); });
      var url = apiUrl('timeline', pairs.concat([['articles', '1']]));
      var plain = apiUrl('timeline', pairs);
      var bulk = apiUrl('export/timelines', [['by', by], ['from', p.get('from')], ['to', p.get('to')], ['query', p.get('query') || p.get('q')]]);
      exportLinks('timeline-exports', [
        ['these timelines (CSV)', withFormat(plain, 'csv'), true],
        ['these timelines with articles (JSON)', url, false],
        ['every entity, per ' + by + ' (CSV)', withFormat(bulk, 'csv'), true],
        ['every entity, per ' + by + ' (JSON Lines)', withFormat(bulk, 'jsonl'), true],
      ]);
      setState('timeline', 'loading');
      setStatus('timeline', el('span', { class: 'spinner', text: 'Counting…' }));
      getJSON(url).then(function (data) {
        if (seq !== self.seq) return;
        self.data = data;
        self.draw(data);
        self.summary(data);
        var periods = data.periods || [];
        var undated = (data.entities || []).reduce(function (s, e) { return s + (e.undated || 0); }, 0);
        setStatus('timeline', [plural(periods.length, 'period') + ' per ' + (data.by || by),
          periods.length ? ' (' + periods[0] + ' – ' + periods[periods.length - 1] + ')' : '',
          undated ? '; ' + plural(undated, 'undated article') + ' not in any period' : '', '.']);
        setState('timeline', 'ready');
      }, function (err) {
        if (seq !== self.seq) return;
        showError('timeline', err, function (s) {
          var bad = missingName(err);
          var np = new URLSearchParams(p);
          np.delete('name');
          var replaced = false;
          names.forEach(function (n) {
            if (!replaced && n === bad) { np.append('name', s); replaced = true; } else np.append('name', n);
          });
          if (!replaced) { np.delete('name'); np.append('name', s); }
          navigate('timeline', np);
        });
      });
    },

    draw: function (data) {
      var self = this;
      var periods = data.periods || [];
      var datasets = (data.entities || []).map(function (e, i) {
        var byPeriod = {};
        (e.timeline || []).forEach(function (pt) { byPeriod[pt.period] = pt; });
        var colour = SERIES[i % SERIES.length];
        return {
          label: e.name,
          entityId: e.id,
          data: periods.map(function (per) { return byPeriod[per] ? byPeriod[per].articles : 0; }),
          mentions: periods.map(function (per) { return byPeriod[per] ? byPeriod[per].mentions : 0; }),
          backgroundColor: colour,
          hoverBackgroundColor: colour,
          borderRadius: 2,
          maxBarThickness: 48,
          minBarLength: 0,
        };
      });
      $('timeline-chart-box').hidden = false;
      var canvas = $('timeline-chart');
      self.chart = new Chart(canvas, {
        type: 'bar',
        data: { labels: periods, datasets: datasets },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          interaction: { mode: 'index', intersect: false },
          scales: {
            x: { grid: { display: false }, ticks: { autoSkip: true, maxRotation: 0 } },
            y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'articles' } },
          },
          plugins: {
            legend: { position: 'top', align: 'start', labels: { boxWidth: 12, boxHeight: 12 } },
            tooltip: {
              callbacks: {
                label: function (ctx) {
                  var ds = ctx.dataset;
                  return ds.label + ': ' + plural(ds.data[ctx.dataIndex], 'article') + ', ' +
                    plural(ds.mentions[ctx.dataIndex], 'mention');
                },
              },
            },
          },
          onHover: function (evt, _els, chart) {
            var hit = chart.getElementsAtEventForMode(evt, 'nearest', { intersect: true }, false);
            evt.native && evt.native.target && (evt.native.target.style.cursor = hit.length ? 'pointer' : 'default');
          },
          onClick: function (evt, _els, chart) {
            var hit = chart.getElementsAtEventForMode(evt, 'nearest', { intersect: true }, false);
            if (hit.length) self.showPeriod(hit[0].datasetIndex, hit[0].index);
          },
        },
      });
      window.datelineCharts.timeline = self.chart;
    },

    summary: function (data) {
      var t = clear($('timeline-summary'));
      append(t, el('thead', null, el('tr', null, el('th', { text: 'entity' }), el('th', { class: 'num', text: 'articles' }),
        el('th', { class: 'num', text: 'mentions' }))));
      var tb = el('tbody');
      (data.entities || []).forEach(function (e, i) {
        var ref = e.type ? e.type + ':' + e.id : e.id;
        append(tb, el('tr', null,
          el('td', null, el('span', { class: 'swatch', style: 'background:' + SERIES[i % SERIES.length] }), ' ', e.name,
            el('div', { class: 'links' },
              el('code', { class: 'id', text: ref }), ' ',
              el('a', { href: hashFor('graph', new URLSearchParams([['name', ref]])), text: 'graph' }), ' ',
              el('a', { href: hashFor('met', new URLSearchParams([['name', ref]])), text: 'meetings' }), ' ',
              el('a', { href: hashFor('search', new URLSearchParams([['with', ref], ['sort', 'date']])), text: 'articles' }))),
          el('td', { class: 'num', text: fmtNum(e.articles) + (e.undated ? ' (+' + e.undated + ' undated)' : '') }),
          el('td', { class: 'num', text: fmtNum(e.mentions) })));
      });
      append(t, tb);
    },

    showPeriod: function (di, idx) {
      var data = this.data;
      if (!data) return;
      var e = data.entities[di];
      var period = data.periods[idx];
      var pt = (e.timeline || []).filter(function (x) { return x.period === period; })[0] || { articles: 0, article_list: [] };
      var d = $('timeline-detail');
      d.dataset.state = 'loading';
      d.dataset.entity = e.id;
      d.dataset.period = period;
      $('timeline-detail-title').textContent = e.name + ' · ' + period + ' · ' + plural(pt.articles, 'article');
      var ol = clear($('timeline-articles'));
      (pt.article_list || []).forEach(function (a) { ol.appendChild(articleItem(a)); });
      if (!(pt.article_list || []).length) ol.appendChild(el('li', { class: 'empty', text: 'No articles in this period.' }));
      d.dataset.state = 'ready';
      d.scrollIntoView({ block: 'nearest' });
    },
  };

  /* ------------------------------------------------------------------ Graph */

  var graph = {
    key: null,
    seq: 0,
    cy: null,
    params: null,
    data: null,
    ego: null,
    detailSeq: 0,

    readForm: function () {
      var p = new URLSearchParams();
      var name = $('graph-name').value.trim();
      if (name) p.set('name', name);
      if ($('graph-edges').value !== 'comentions') p.set('edges', $('graph-edges').value);
      if ($('graph-measure').value !== 'count') p.set('measure', $('graph-measure').value);
      p.set('top', String(Math.max(0, parseInt($('graph-top').value, 10) || 0)));
      var mw = parseInt($('graph-min-weight').value, 10) || 1;
      if (mw > 1) p.set('min-weight', String(mw));
      if ($('graph-window').value !== 'article') p.set('window', $('graph-window').value);
      if ($('graph-depth').value !== '1') p.set('depth', $('graph-depth').value);
      var types = Array.prototype.filter.call(document.querySelectorAll('#graph-form input[name=types]'), function (c) { return c.checked; })
        .map(function (c) { return c.value; });
      if (types.length && types.length < ALL_TYPES.length) p.set('types', types.join(','));
      if ($('graph-from').value.trim()) p.set('from', $('graph-from').value.trim());
      if ($('graph-to').value.trim()) p.set('to', $('graph-to').value.trim());
      return p;
    },

    fillForm: function (p) {
      $('graph-name').value = p.get('name') || '';
      $('graph-edges').value = p.get('edges') === 'meetings' ? 'meetings' : 'comentions';
      $('graph-measure').value = ['npmi', 'lift'].indexOf(p.get('measure')) >= 0 ? p.get('measure') : 'count';
      $('graph-top').value = p.has('top') ? p.get('top') : '25';
      $('graph-min-weight').value = p.get('min-weight') || '1';
      $('graph-window').value = p.get('window') === 'sentence' ? 'sentence' : 'article';
      $('graph-depth').value = p.get('depth') === '2' ? '2' : '1';
      var types = p.get('types') ? p.get('types').split(',') : ALL_TYPES;
      document.querySelectorAll('#graph-form input[name=types]').forEach(function (c) { c.checked = types.indexOf(c.value) >= 0; });
      $('graph-from').value = p.get('from') || '';
      $('graph-to').value = p.get('to') || '';
      $('graph-measure').disabled = $('graph-window').disabled = $('graph-edges').value === 'meetings';
    },

    load: function (p, force) {
      this.fillForm(p);
      var key = p.toString();
      if (!force && key === this.key && $('view-graph').dataset.state !== 'error') {
        if (this.cy) this.cy.resize();
        return;
      }
      this.key = key;
      this.run(p);
    },

    reset: function () {
      if (this.cy) { this.cy.destroy(); this.cy = null; }
      window.datelineGraph = null;
      this.data = null;
      this.ego = null;
      this.detailSeq++;
      var d = $('graph-detail');
      d.dataset.state = 'idle';
      delete d.dataset.source;
      delete d.dataset.target;
      delete d.dataset.node;
      $('graph-detail-title').textContent = 'Details';
      $('graph-detail-hint').hidden = false;
      clear($('graph-detail-body'));
    },

    filters: function (p) {
      var f = [['from', p.get('from')], ['to', p.get('to')]];
      p.getAll('source').forEach(function (s) { f.push(['source', s]); });
      return f;
    },

    run: function (p) {
      var self = this;
      var seq = ++self.seq;
      self.params = p;
      hideError('graph');
      self.reset();
      var meetings = p.get('edges') === 'meetings';
      var pairs = [['name', p.get('name')], ['edges', meetings ? 'meetings' : ''],
        ['measure', meetings ? '' : p.get('measure')], ['top', p.has('top') ? p.get('top') : '25'],
        ['min-weight', p.get('min-weight')], ['window', meetings ? '' : p.get('window')], ['depth', p.get('depth')],
        ['types', p.get('types')], ['query', p.get('query') || p.get('q')]].concat(self.filters(p));
      p.getAll('with').forEach(function (w) { pairs.push(['with', w]); });
      var url = apiUrl('graph', pairs);
      exportLinks('graph-exports', [
        ['GraphML (yEd, Gephi, NetworkX)', withFormat(url, 'graphml'), true],
        ['GEXF (Gephi)', withFormat(url, 'gexf'), true],
        ['DOT (Graphviz)', withFormat(url, 'dot'), true],
        ['edges (CSV)', withFormat(url, 'csv'), true],
        ['JSON', url, false],
      ]);
      setState('graph', 'loading');
      setStatus('graph', el('span', { class: 'spinner', text: 'Building the graph…' }));
      getJSON(url).then(function (data) {
        if (seq !== self.seq) return;
        self.data = data;
        self.draw(data, p).then(function () {
          if (seq !== self.seq) return;
          var nodes = (data.nodes || []).length;
          var edges = (data.links || []).length;
          setStatus('graph', [plural(nodes, 'node') + ', ' + plural(edges, 'edge'),
            meetings ? ' — who met whom, edge width by number of meetings.' :
              ' — co-mentions by ' + ((data.graph && data.graph.window) || 'article') + ', edge width by ' +
              ((data.graph && data.graph.measure) || 'count') + '.',
            nodes ? '' : ' Nothing to draw.']);
          setState('graph', 'ready');
        });
      }, function (err) {
        if (seq !== self.seq) return;
        showError('graph', err, function (s) {
          var np = new URLSearchParams(p);
          np.set('name', s);
          navigate('graph', np);
        });
      });
    },

    draw: function (data, p) {
      var self = this;
      var nodes = data.nodes || [];
      var links = data.links || [];
      var sizeOf = function (n) {
        var v = n.articles !== undefined ? n.articles : n.events !== undefined ? n.events : n.mentions;
        return typeof v === 'number' ? v : 1;
      };
      var maxSize = nodes.reduce(function (m, n) { return Math.max(m, sizeOf(n)); }, 1);
      var ws = links.map(function (l) { return typeof l.weight === 'number' ? l.weight : (l.count || 1); });
      var wmin = Math.min.apply(null, ws.length ? ws : [0]);
      var wmax = Math.max.apply(null, ws.length ? ws : [1]);
      var degree = {};
      links.forEach(function (l) { degree[l.source] = (degree[l.source] || 0) + 1; degree[l.target] = (degree[l.target] || 0) + 1; });

      // the ego: the node the name was given for (by id, entity id or name), else the best connected
      var name = (p.get('name') || '').toLowerCase();
      var ego = null;
      if (name) {
        nodes.forEach(function (n) {
          if (!ego && [n.id, n.entity_id, n.name].some(function (x) { return x && String(x).toLowerCase() === name; })) ego = n.id;
        });
        if (!ego) {
          nodes.forEach(function (n) { if (!ego || (degree[n.id] || 0) > (degree[ego] || 0)) ego = n.id; });
        }
      }
      self.ego = ego;

      var elements = nodes.map(function (n) {
        return {
          group: 'nodes',
          data: {
            id: n.id, label: n.name || n.id, type: n.type, entityId: n.entity_id,
            value: sizeOf(n), size: 16 + 44 * Math.sqrt(sizeOf(n) / maxSize),
            colour: TYPE_COLOURS[n.type] || OTHER_COLOUR,
          },
          classes: n.id === ego ? 'ego' : '',
        };
      }).concat(links.map(function (l, i) {
        var w = ws[i];
        return {
          group: 'edges',
          data: {
            id: 'e' + i, source: l.source, target: l.target, weight: w,
            width: 1 + 9 * (wmax > wmin ? (w - wmin) / (wmax - wmin) : 0.5), link: l,
          },
        };
      }));

      var container = $('graph-canvas');
      var cy = cytoscape({
        container: container,
        elements: elements,
        minZoom: 0.2,
        maxZoom: 4,
        style: [
          {
            selector: 'node',
            style: {
              'background-color': 'data(colour)', width: 'data(size)', height: 'data(size)', label: 'data(label)',
              'font-size': 11, 'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
              color: '#212529', 'text-valign': 'bottom', 'text-margin-y': 3, 'text-outline-color': '#ffffff',
              'text-outline-width': 2, 'border-width': 1.5, 'border-color': '#ffffff',
            },
          },
          { selector: 'node.ego', style: { 'border-width': 3, 'border-color': '#212529', 'font-weight': 'bold' } },
          {
            selector: 'edge',
            style: {
              width: 'data(width)', 'line-color': '#adb5bd', opacity: 0.55, 'curve-style': 'straight',
            },
          },
          { selector: 'edge:selected', style: { 'line-color': '#f08c00', opacity: 1, 'z-index': 10 } },
          { selector: 'node:selected', style: { 'border-color': '#f08c00', 'border-width': 4 } },
          { selector: '.faded', style: { opacity: 0.12 } },
        ],
      });
      self.cy = cy;
      window.datelineGraph = cy;

      cy.on('tap', 'edge', function (evt) { self.showEdge(evt.target); });
      cy.on('tap', 'node', function (evt) { self.showNode(evt.target); });
      cy.on('tap', function (evt) { if (evt.target === cy) { cy.elements().removeClass('faded'); } });
      cy.on('mouseover', 'node, edge', function () { container.style.cursor = 'pointer'; });
      cy.on('mouseout', 'node, edge', function () { container.style.cursor = ''; });

      var layout = cy.layout({
        name: 'cose', animate: false, randomize: true, padding: 30, nodeDimensionsIncludeLabels: true,
        idealEdgeLength: function () { return 90; }, nodeRepulsion: function () { return 9000; },
        componentSpacing: 60, numIter: 1500,
      });
      var done = layout.promiseOn('layoutstop');
      layout.run();
      return done.then(function () { cy.fit(undefined, 30); });
    },

    name: function (id) {
      var n = this.cy && this.cy.getElementById(id);
      return n && n.length ? n.data('label') : id;
    },

    selectOnly: function (ele) {
      var cy = this.cy;
      cy.elements().unselect();
      ele.select();
      cy.elements().addClass('faded');
      ele.removeClass('faded');
      if (ele.isEdge()) ele.connectedNodes().removeClass('faded');
      else ele.closedNeighborhood().removeClass('faded');
    },

    showEdge: function (edge) {
      var self = this;
      var p = self.params;
      var l = edge.data('link') || {};
      var s = edge.data('source');
      var t = edge.data('target');
      var seq = ++self.detailSeq;
      self.selectOnly(edge);
      var d = $('graph-detail');
      d.dataset.state = 'loading';
      d.dataset.source = s;
      d.dataset.target = t;
      delete d.dataset.node;
      $('graph-detail-hint').hidden = true;
      $('graph-detail-title').textContent = self.name(s) + ' — ' + self.name(t);
      var body = clear($('graph-detail-body'));
      var meetings = p.get('edges') === 'meetings';
      var filters = self.filters(p);
      if (meetings) {
        append(body, el('p', { class: 'muted' }, plural(l.events || 0, 'meeting') + ': ' + (l.held || 0) + ' held, ' +
          (l.planned || 0) + ' planned, ' + (l.cancelled || 0) + ' cancelled' +
          (l.first ? '; held ' + l.first + (l.last && l.last !== l.first ? ' – ' + l.last : '') : '') + '.'));
        var url = apiUrl('met', [['name', s], ['with', t]].concat(filters, [['query', p.get('query') || p.get('q')]]));
        append(body, el('p', { class: 'spinner', text: 'Loading the evidence…' }));
        getJSON(url).then(function (pairs) {
          if (seq !== self.detailSeq) return;
          body.removeChild(body.lastChild);
          var ol = el('ol', { class: 'pairs compact' });
          (pairs || []).forEach(function (pr) { ol.appendChild(pairItem(pr, true)); });
          if (!(pairs || []).length) ol.appendChild(el('li', { class: 'empty', text: 'No evidence returned.' }));
          append(body, ol);
          append(body, el('p', { class: 'links' }, el('a', { href: withFormat(url, 'csv'), download: '', text: 'evidence (CSV)' })));
          d.dataset.state = 'ready';
        }, function (err) {
          if (seq !== self.detailSeq) return;
          body.removeChild(body.lastChild);
          append(body, el('p', { class: 'error-text', text: err.message }));
          d.dataset.state = 'error';
        });
        return;
      }
      // co-mentions: the articles that mention both (within the ego's articles for an ego graph of depth 1)
      var withs = [s, t];
      var depth = p.get('depth') || '1';
      if (self.ego && depth === '1' && withs.indexOf(self.ego) < 0) withs.push(self.ego);
      var nboth = withs.length;
      p.getAll('with').forEach(function (w) { if (withs.indexOf(w) < 0) withs.push(w); }); // the graph's own filter
      var measure = [];
      if (typeof l.count === 'number') measure.push(plural(l.count, p.get('window') === 'sentence' ? 'sentence' : 'article'));
      if (typeof l.npmi === 'number') measure.push('npmi ' + l.npmi.toFixed(2));
      if (typeof l.lift === 'number') measure.push('lift ' + l.lift.toFixed(2));
      append(body, el('p', { class: 'muted', text: 'Co-mentioned in ' + measure.join(', ') + '.' }));
      var pairs = [['q', p.get('query') || p.get('q')]].concat(withs.map(function (w) { return ['with', w]; }), filters, [['limit', 50]]);
      var surl = apiUrl('search', pairs);
      var status = el('p', { class: 'spinner', text: 'Loading the articles…' });
      append(body, status);
      getJSON(surl).then(function (res) {
        if (seq !== self.detailSeq) return;
        clear(status);
        status.className = 'count';
        status.dataset.total = String(res.total);
        append(status, plural(res.total, 'article') + ' mention ' + (nboth > 2 ? 'all three' : 'both') +
          (res.total > (res.hits || []).length ? ' (showing ' + (res.hits || []).length + ')' : '') + ':');
        var ol = el('ol', { class: 'articles' });
        (res.hits || []).forEach(function (h) { ol.appendChild(articleItem(h)); });
        append(body, ol);
        var more = new URLSearchParams();
        if (p.get('query') || p.get('q')) more.set('q', p.get('query') || p.get('q'));
        withs.forEach(function (w) { more.append('with', w); });
        filters.forEach(function (f) { if (f[1]) more.append(f[0], f[1]); });
        more.set('sort', 'date');
        append(body, el('p', { class: 'links' },
          el('a', { href: hashFor('search', more), text: 'open in Search' }), ' · ',
          el('a', { href: withFormat(surl, 'csv'), download: '', text: 'CSV' })));
        d.dataset.state = 'ready';
      }, function (err) {
        if (seq !== self.detailSeq) return;
        clear(status);
        status.className = 'error-text';
        status.textContent = err.message;
        d.dataset.state = 'error';
      });
    },

    showNode: function (node) {
      var self = this;
      self.detailSeq++;
      self.selectOnly(node);
      var d = $('graph-detail');
      delete d.dataset.source;
      delete d.dataset.target;
      d.dataset.node = node.id();
      $('graph-detail-hint').hidden = true;
      $('graph-detail-title').textContent = node.data('label');
      var body = clear($('graph-detail-body'));
      var id = node.id();
      var meetings = self.params.get('edges') === 'meetings';
      append(body, el('p', { class: 'muted' }, typeDot(node.data('type')), ' ', node.data('type') || 'entity', ' · ',
        el('code', { text: id }), ' · ', plural(node.data('value'), meetings ? 'meeting' : 'article'),
        ' · ' + plural(node.degree(false), 'link')));
      var np = new URLSearchParams(self.params);
      np.set('name', id);
      append(body, el('ul', { class: 'node-links' },
        el('li', null, el('a', { href: hashFor('graph', np), text: 'Graph around ' + node.data('label') })),
        el('li', null, el('a', { href: hashFor('timeline', new URLSearchParams([['name', id]])), text: 'Timeline' })),
        el('li', null, el('a', { href: hashFor('met', new URLSearchParams([['name', id]])), text: 'Who met whom' })),
        el('li', null, el('a', { href: hashFor('search', new URLSearchParams([['with', id], ['sort', 'date']])), text: 'Articles' }))));
      d.dataset.state = 'ready';
    },
  };

  /* ------------------------------------------------------------------ Who met whom */

  function pairItem(pr, compact) {
    var src = pr.source || {};
    var tgt = pr.target || {};
    var li = el('li', { class: 'pair', data: { source: src.id || '', target: tgt.id || '' } });
    var head = el('div', { class: 'pair-head' });
    append(head, el('span', { class: 'party' }, typeDot(src.type), ' ', src.name || src.id));
    append(head, el('span', { class: 'sep', text: '—' }));
    append(head, el('span', { class: 'party' }, typeDot(tgt.type), ' ', tgt.name || tgt.id));
    var facts = el('span', { class: 'facts' });
    append(facts, el('span', { class: 'badge', text: plural(pr.articles || 0, 'story', 'stories') }));
    if (pr.held_articles !== undefined && pr.held_articles !== pr.articles) {
      append(facts, el('span', { class: 'badge', text: fmtNum(pr.held_articles) + ' held' }));
    }
    if (pr.first || pr.last) {
      append(facts, el('span', { class: 'when', text: pr.first === pr.last ? pr.first : (pr.first || '?') + ' – ' + (pr.last || '?') }));
    }
    append(head, facts);
    append(li, head);
    var ev = el('ol', { class: 'evidence' });
    (pr.evidence || []).forEach(function (e) {
      var item = el('li', { class: 'evidence-item', data: { event: e.event || '' } });
      append(item, el('blockquote', { class: 'sentence', text: e.sentence || '' }));
      var meta = el('div', { class: 'meta' });
      append(meta, el('span', { class: 'date', title: 'day of the meeting', text: e.date || 'date unknown' }));
      if (e.mode) append(meta, el('span', { class: 'badge mode', text: e.mode }));
      append(meta, el('span', { class: 'badge status-' + (e.status || 'held'), text: e.status || 'held' }));
      if (e.place) append(meta, el('span', { class: 'place', text: '@ ' + (e.place.name || e.place.id || e.place) }));
      append(meta, el('a', { class: 'title', href: articleHref(e.article), text: e.article }));
      if (e.article_date && e.article_date !== e.date) append(meta, el('span', { class: 'muted', text: 'published ' + e.article_date }));
      var u = safeUrl(e.url);
      if (u) append(meta, el('a', { class: 'orig', href: u, target: '_blank', rel: 'noopener noreferrer', text: 'original ↗' }));
      append(item, meta);
      ev.appendChild(item);
    });
    if (!compact && src.id && tgt.id) {
      var both = new URLSearchParams();
      both.append('name', (src.type ? src.type + ':' : '') + src.id);
      both.append('name', (tgt.type ? tgt.type + ':' : '') + tgt.id);
      var only = new URLSearchParams();
      only.set('name', (src.type ? src.type + ':' : '') + src.id);
      only.set('with', (tgt.type ? tgt.type + ':' : '') + tgt.id);
      append(li, el('div', { class: 'links' },
        el('a', { href: hashFor('met', only), text: 'only this pair' }), ' · ',
        el('a', { href: hashFor('timeline', both), text: 'timelines of both' })));
    }
    var det = el('details', { class: 'evidence-box', open: compact || (pr.evidence || []).length <= 12 ? true : null },
      el('summary', { text: plural((pr.evidence || []).length, 'supporting sentence') }), ev);
    append(li, det);
    return li;
  }

  var met = {
    key: null,
    seq: 0,

    readForm: function () {
      var p = new URLSearchParams();
      if ($('met-name').value.trim()) p.set('name', $('met-name').value.trim());
      if ($('met-with').value.trim()) p.set('with', $('met-with').value.trim());
      if ($('met-mode').value) p.set('mode', $('met-mode').value);
      if ($('met-from').value.trim()) p.set('from', $('met-from').value.trim());
      if ($('met-to').value.trim()) p.set('to', $('met-to').value.trim());
      return p;
    },

    fillForm: function (p) {
      $('met-name').value = p.get('name') || '';
      $('met-with').value = p.get('with') || '';
      $('met-mode').value = p.get('mode') || '';
      $('met-from').value = p.get('from') || '';
      $('met-to').value = p.get('to') || '';
    },

    load: function (p, force) {
      this.fillForm(p);
      var key = p.toString();
      if (!force && key === this.key && $('view-met').dataset.state !== 'error') return;
      this.key = key;
      this.run(p);
    },

    run: function (p) {
      var self = this;
      var seq = ++self.seq;
      hideError('met');
      var ol = clear($('met-pairs'));
      var pairs = [['name', p.get('name')], ['with', p.get('with')], ['mode', p.get('mode')], ['from', p.get('from')],
        ['to', p.get('to')], ['query', p.get('query') || p.get('q')]];
      p.getAll('source').forEach(function (s) { pairs.push(['source', s]); });
      var url = apiUrl('met', pairs);
      exportLinks('met-exports', [['pairs and evidence (CSV)', withFormat(url, 'csv'), true], ['JSON', url, false],
        ['every meeting as an event (CSV)', withFormat(apiUrl('events', [['name', p.get('name')], ['mode', p.get('mode')],
          ['from', p.get('from')], ['to', p.get('to')]]), 'csv'), true]]);
      setState('met', 'loading');
      setStatus('met', el('span', { class: 'spinner', text: 'Reading the meetings…' }));
      getJSON(url).then(function (list) {
        if (seq !== self.seq) return;
        list = Array.isArray(list) ? list : (list && list.pairs) || [];
        list.forEach(function (pr) { ol.appendChild(pairItem(pr, false)); });
        var who = p.get('name');
        setStatus('met', [plural(list.length, 'pair'), who ? [' with ', el('q', { text: who })] : '',
          p.get('with') ? [' and ', el('q', { text: p.get('with') })] : '', '.',
          list.length ? '' : ' No meeting found.',
          who ? '' : starters('met', function (e) { navigate('met', new URLSearchParams([['name', e.name]])); })]);
        setState('met', 'ready');
      }, function (err) {
        if (seq !== self.seq) return;
        showError('met', err, function (s) {
          var np = new URLSearchParams(p);
          if (p.get('with') && missingName(err) === p.get('with')) np.set('with', s); else np.set('name', s);
          navigate('met', np);
        });
      });
    },
  };

  var views = { search: search, timeline: timeline, graph: graph, met: met };

  /* ------------------------------------------------------------------ wiring */

  function wire() {
    VIEWS.forEach(function (v) {
      $(v + '-form').addEventListener('submit', function (e) {
        e.preventDefault();
        if (!e.target.checkValidity()) { e.target.reportValidity(); return; }
        navigate(v, views[v].readForm());
      });
    });
    $('search-more').addEventListener('click', function () { search.more(); });
    $('search-sort').addEventListener('change', function () { search.sortAuto = false; });
    $('search-prev').addEventListener('click', function () { search.page(-1); });
    $('search-next').addEventListener('click', function () { search.page(1); });
    $('graph-edges').addEventListener('change', function () {
      $('graph-measure').disabled = $('graph-window').disabled = $('graph-edges').value === 'meetings';
    });
    document.querySelectorAll('.tab').forEach(function (t) {
      t.addEventListener('click', function (e) {
        e.preventDefault();
        navigate(t.dataset.view, lastParams[t.dataset.view] || new URLSearchParams());
      });
    });
    window.addEventListener('hashchange', function () { route(false); });
    window.addEventListener('resize', function () {
      if (timeline.chart) timeline.chart.resize();
      if (graph.cy) graph.cy.resize();
    });
  }

  function start() {
    if (typeof Chart === 'undefined' || typeof cytoscape === 'undefined') {
      document.body.insertBefore(el('div', { class: 'error-box', text: 'vendor/chart.umd.js or vendor/cytoscape.min.js did not load.' }),
        document.body.firstChild);
    }
    wire();
    loadStats();
    route(false);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
