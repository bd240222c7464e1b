// artsim's pages: like/unlike on every card, the "for you" panel, clear and more.
// No framework and no build step. Catalogue text is only ever set with textContent, never innerHTML.
(function () {
  'use strict';

  async function post(path, params) {
    const response = await fetch(path, {
      method: 'POST',
      body: new URLSearchParams(params || {}),
      credentials: 'same-origin'
    });
    const data = await response.json();
    if (!response.ok) {
      throw new Error(data.error ? data.error.message : response.statusText);
    }
    return data;
  }

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function likeButton(id, liked) {
    const b = el('button', liked ? 'like liked' : 'like', liked ? '\u2665 Liked' : '\u2661 Like');
    b.type = 'button';
    b.dataset.id = id;
    b.setAttribute('aria-pressed', String(liked));
    return b;
  }

  function card(work, liked) {
    const article = el('article', 'card');
    article.dataset.id = work.id;
    const thumb = el('a', 'thumb');
    thumb.href = work.page;
    const img = el('img');
    img.src = work.thumbnail;
    img.alt = work.title || work.id;
    img.loading = 'lazy';
    thumb.appendChild(img);
    article.appendChild(thumb);
    const meta = el('div', 'meta');
    const title = el('a', 'title', work.title || work.id);
    title.href = work.page;
    meta.appendChild(title);
    if (work.artist) meta.appendChild(el('div', 'artist', work.artist));
    const labels = el('div', 'labels');
    Object.keys(work.labels || {}).forEach(function (field) {
      if (field === 'artist') return;
      const span = el('span', 'label', work.labels[field]);
      span.title = field;
      labels.appendChild(span);
    });
    meta.appendChild(labels);
    if (typeof work.score === 'number') meta.appendChild(el('div', 'score', 'score ' + work.score.toFixed(3)));
    article.appendChild(meta);
    article.appendChild(likeButton(work.id, liked));
    return article;
  }

  function render(state) {
    const liked = new Set(state.likes.map(function (w) { return w.id; }));
    document.querySelectorAll('button.like').forEach(function (b) {
      const on = liked.has(b.dataset.id);
      b.classList.toggle('liked', on);
      b.setAttribute('aria-pressed', String(on));
      b.textContent = on ? '\u2665 Liked' : '\u2661 Like';
    });
    const count = document.getElementById('likes-count');
    if (count) count.textContent = liked.size + (liked.size === 1 ? ' like' : ' likes');
    const panel = document.getElementById('recommendations');
    if (!panel) return;
    const hits = state.recommendations.hits;
    panel.replaceChildren.apply(panel, hits.map(function (w) { return card(w, liked.has(w.id)); }));
    panel.dataset.updates = String(Number(panel.dataset.updates || '0') + 1);
    const reason = document.getElementById('reason');
    if (reason) reason.textContent = hits.length === 0 ? state.recommendations.reason : '';
  }

  function report(error) {
    const reason = document.getElementById('reason');
    if (reason) reason.textContent = error.message;
  }

  document.addEventListener('click', function (event) {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const like = target.closest('button.like');
    let action = null;
    if (like) {
      const path = like.classList.contains('liked') ? '/api/session/unlike' : '/api/session/like';
      like.disabled = true;
      action = post(path, { id: like.dataset.id }).finally(function () { like.disabled = false; });
    } else if (target.id === 'clear') {
      action = post('/api/session/clear');
    } else if (target.id === 'more') {
      action = post('/api/session/recommend');
    }
    if (action) action.then(render, report);
  });
})();
