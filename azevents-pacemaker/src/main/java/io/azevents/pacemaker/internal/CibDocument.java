package io.azevents.pacemaker.internal;

import io.azevents.core.ClusterStoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A raw CIB as a DOM, to change a private copy before the scheduler runs on it. Parsing refuses
 * DTDs and never resolves external entities. Stateless and thread-safe.
 */
public final class CibDocument {
    private CibDocument() {
    }

    /** Parses {@code xml}. */
    public static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            Document doc = b.parse(new InputSource(new StringReader(xml)));
            if (!"cib".equals(doc.getDocumentElement().getNodeName())) {
                throw new ClusterStoreException("not a CIB: root element <" + doc.getDocumentElement().getNodeName() + ">");
            }
            return doc;
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new ClusterStoreException("cannot parse the CIB: " + e.getMessage(), e);
        }
    }

    /** Writes {@code doc} over the existing file {@code file} (whose permissions stay as they are). */
    public static void write(Document doc, Path file) {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            TransformerFactory tf = TransformerFactory.newInstance();
            tf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer t = tf.newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.transform(new DOMSource(doc), new StreamResult(out));
        } catch (IOException | TransformerException e) {
            throw new ClusterStoreException("cannot write the CIB copy " + file + ": " + e.getMessage(), e);
        }
    }
}
