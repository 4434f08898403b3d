/*
 * Copyright 2026 The azevents authors. Licensed under the Apache License, Version 2.0.
 */
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * A minimal xsltproc on the JDK's own XSLT 1.0 processor, so that the build makes the agents' man
 * pages with nothing but a JDK: {@code java Xslt.java STYLESHEET [-p NAME=VALUE]... IN OUT [IN OUT]...}.
 * The input's DOCTYPE (ra-api-1.dtd) is not fetched: the DTD need not be installed where the build runs.
 */
public final class Xslt {
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: java Xslt.java STYLESHEET [-p NAME=VALUE]... IN OUT [IN OUT]...");
            System.exit(2);
        }
        TransformerFactory factory = TransformerFactory.newInstance();
        List<String[]> params = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("-p") && i + 1 < args.length && args[i + 1].indexOf('=') > 0) {
                String p = args[++i];
                params.add(new String[] {p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1)});
            } else {
                files.add(args[i]);
            }
        }
        if (files.isEmpty() || files.size() % 2 != 0) {
            System.err.println("Xslt: give input and output files in pairs");
            System.exit(2);
        }
        SAXParserFactory parsers = SAXParserFactory.newInstance();
        parsers.setNamespaceAware(true);
        parsers.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        for (int i = 0; i < files.size(); i += 2) {
            Transformer t = factory.newTransformer(new StreamSource(new File(args[0])));
            for (String[] p : params) {
                t.setParameter(p[0], p[1]);
            }
            XMLReader reader = parsers.newSAXParser().getXMLReader();
            InputSource in = new InputSource(new File(files.get(i)).toURI().toString());
            t.transform(new SAXSource(reader, in), new StreamResult(new File(files.get(i + 1))));
        }
    }
}
