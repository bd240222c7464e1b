package org.artsim.collection.openclipart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The Dublin Core metadata of an Open Clip Art SVG ({@code <metadata><rdf:RDF><cc:Work>}): title,
 * creator, keywords ({@code dc:subject/rdf:Bag/rdf:li}) and description. Reading stops at the end
 * of the {@code <metadata>} element, so a drawing of any size costs only its header; DTDs and
 * external entities are refused, so a crafted file cannot reach the network or the disk.
 */
record SvgMetadata(String title, String creator, List<String> keywords, String description) {
  private static final String DC = "http://purl.org/dc/elements/1.1/";
  private static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
  private static final int MAX_TEXT = 10_000;

  static final SvgMetadata NONE = new SvgMetadata("", "", List.of(), "");

  /** The metadata of {@code svg}; {@link #NONE}'s fields where the file has none. */
  static SvgMetadata read(Path svg) throws IOException, XMLStreamException {
    try (InputStream in = Files.newInputStream(svg)) {
      XMLStreamReader r = factory().createXMLStreamReader(in);
      try {
        return read(r);
      } finally {
        r.close();
      }
    }
  }

  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    return f;
  }

  private static SvgMetadata read(XMLStreamReader r) throws XMLStreamException {
    String title = "";
    String creator = "";
    String description = "";
    List<String> keywords = new ArrayList<>();
    Deque<String> path = new ArrayDeque<>();
    boolean inMetadata = false;
    while (r.hasNext()) {
      int event = r.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        String name = r.getLocalName();
        String ns = r.getNamespaceURI();
        if (name.equals("metadata")) {
          inMetadata = true;
        }
        path.push(name);
        if (!inMetadata) {
          continue;
        }
        if (DC.equals(ns) && name.equals("title") && parentIs(path, "Work")) {
          title = text(r);
          path.pop();
        } else if (DC.equals(ns) && name.equals("title") && within(path, "creator")) {
          creator = text(r);
          path.pop();
        } else if (DC.equals(ns) && name.equals("description") && parentIs(path, "Work")) {
          description = text(r);
          path.pop();
        } else if (RDF.equals(ns) && name.equals("li") && within(path, "subject")) {
          String k = text(r);
          path.pop();
          if (!k.isEmpty()) {
            keywords.add(k);
          }
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        path.pop();
        if (r.getLocalName().equals("metadata")) {
          break;
        }
      }
    }
    return new SvgMetadata(title, creator, List.copyOf(keywords), description);
  }

  private static boolean parentIs(Deque<String> path, String parent) {
    var it = path.iterator();
    it.next();
    return it.hasNext() && it.next().equals(parent);
  }

  private static boolean within(Deque<String> path, String ancestor) {
    return path.contains(ancestor);
  }

  /**
   * The element's text up to its end tag (nested elements' text too, e.g. a title given per
   * language), whitespace collapsed, cut at {@link #MAX_TEXT} characters.
   */
  private static String text(XMLStreamReader r) throws XMLStreamException {
    var sb = new StringBuilder();
    int depth = 1;
    while (depth > 0 && r.hasNext()) {
      int event = r.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
        sb.append(' ');
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) && sb.length() < MAX_TEXT) {
        sb.append(r.getText());
      }
    }
    String t = sb.toString().replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    return t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT) : t;
  }
}
