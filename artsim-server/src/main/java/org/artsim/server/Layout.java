package org.artsim.server;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.artsim.Hit;
import org.artsim.Recommendations;
import org.artsim.collection.ArtCollection;
import org.artsim.collection.CatalogueRecord;

/**
 * The parts every page shares: the frame (header with the search box, navigation, the "for you"
 * panel), a work's card and the error page. Every catalogue string goes through {@link Html#text}
 * and every id in a link through {@link Html#segment}. Scripts come only from {@code
 * /static/app.js} (the pages carry no inline script, and the Content-Security-Policy forbids it).
 */
final class Layout {
  private final ArtCollection art;

  Layout(ArtCollection art) {
    this.art = art;
  }

  /** A whole page: {@code body} beside the visitor's "for you" panel (when {@code forYou} is not null). */
  String page(String title, String query, String body, Visitor visitor, Recommendations forYou) {
    var sb = new StringBuilder(8192);
    sb.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>").append(Html.text(title)).append(" · artsim</title>")
        .append("<link rel=\"stylesheet\" href=\"/static/app.css\"><script src=\"/static/app.js\" defer></script></head><body>")
        .append("<header><a class=\"brand\" href=\"/\">artsim</a>")
        .append("<form class=\"search\" action=\"/\" method=\"get\" role=\"search\"><input id=\"q\" name=\"q\" type=\"search\" maxlength=\"500\" value=\"")
        .append(Html.text(query)).append("\" placeholder=\"Search the collection — typos are forgiven\" aria-label=\"Search\"><button type=\"submit\">Search</button></form>")
        .append("<nav><a href=\"/map\">Map</a><a href=\"/clusters\">Clusters</a><a href=\"/api/info\">API</a></nav></header>")
        .append("<main><section class=\"content\">").append(body).append("</section>");
    if (visitor != null) {
      sb.append(forYou(visitor, forYou));
    }
    return sb.append("</main><footer>").append(art.size()).append(" works · ").append(Html.text(art.embedderInfo().toString())).append("</footer></body></html>\n").toString();
  }

  /** The "for you" panel: the likes and the current recommendations, with the clear and more buttons. */
  String forYou(Visitor v, Recommendations recs) {
    var sb = new StringBuilder("<aside id=\"for-you\" aria-live=\"polite\"><h2>For you</h2>");
    List<String> likes = v.likes();
    sb.append("<p class=\"likes-count\" id=\"likes-count\">").append(likes.size()).append(likes.size() == 1 ? " like" : " likes").append("</p>");
    sb.append("<div class=\"panel-buttons\"><button type=\"button\" id=\"more\">More</button><button type=\"button\" id=\"clear\">Clear likes</button></div>");
    sb.append("<p class=\"reason\" id=\"reason\">").append(Html.text(recs.isEmpty() ? recs.reason() : "")).append("</p><div class=\"cards small\" id=\"recommendations\">");
    Set<String> liked = v.likeSet();
    for (Hit h : recs.hits()) {
      if (art.contains(h.id())) {
        sb.append(card(art.record(h.id()), h.score(), liked.contains(h.id())));
      }
    }
    return sb.append("</div></aside>").toString();
  }

  /** Cards for hits, in a grid. */
  String cards(List<Hit> hits, Set<String> liked) {
    var sb = new StringBuilder("<div class=\"cards\">");
    for (Hit h : hits) {
      if (art.contains(h.id())) {
        sb.append(card(art.record(h.id()), h.score(), liked.contains(h.id())));
      }
    }
    return sb.append("</div>").toString();
  }

  /** One work's card: thumbnail, title, artist, labels, score (when not NaN) and the like button. */
  String card(CatalogueRecord r, double score, boolean liked) {
    String page = Html.text(Works.page(r.id()));
    String id = Html.text(r.id());
    var sb = new StringBuilder(512).append("<article class=\"card\" data-id=\"").append(id).append("\">")
        .append("<a class=\"thumb\" href=\"").append(page).append("\"><img src=\"").append(Html.text(Works.thumbnail(r.id())))
        .append("\" alt=\"").append(Html.text(title(r))).append("\" loading=\"lazy\"></a><div class=\"meta\">")
        .append("<a class=\"title\" href=\"").append(page).append("\">").append(Html.text(title(r))).append("</a>");
    if (r.artist() != null && !r.artist().isBlank()) {
      sb.append("<div class=\"artist\">").append(Html.text(r.artist())).append("</div>");
    }
    sb.append("<div class=\"labels\">");
    r.indexLabels().values().forEach((f, v) -> {
      if (!f.equals(CatalogueRecord.ARTIST)) {
        sb.append("<span class=\"label\" title=\"").append(Html.text(f)).append("\">").append(Html.text(v)).append("</span>");
      }
    });
    sb.append("</div>");
    if (!Double.isNaN(score)) {
      sb.append("<div class=\"score\">score ").append(String.format(Locale.ROOT, "%.3f", score)).append("</div>");
    }
    return sb.append("</div>").append(likeButton(r.id(), liked)).append("</article>").toString();
  }

  /** The like/unlike toggle of a work. */
  static String likeButton(String id, boolean liked) {
    return "<button type=\"button\" class=\"like" + (liked ? " liked" : "") + "\" data-id=\"" + Html.text(id) + "\" aria-pressed=\"" + liked + "\">"
        + (liked ? "♥ Liked" : "♡ Like") + "</button>";
  }

  /** A record's title, or its id when it has none. */
  static String title(CatalogueRecord r) {
    return r.title() == null || r.title().isBlank() ? r.id() : r.title();
  }

  /** The error page of a status and message. */
  static String error(int status, String message) {
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status + " · artsim</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head>"
        + "<body><header><a class=\"brand\" href=\"/\">artsim</a></header><main><section class=\"content\"><h1>" + status + "</h1><p class=\"error\">" + Html.text(message)
        + "</p><p><a href=\"/\">Back to the search</a></p></section></main></body></html>\n";
  }
}
