package org.lyncrunbooks.lyncshell;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.xml.stream.XMLInputFactory;

/**
 * Reading the XML inside a Management Shell export (the ZIPs of {@code Export-CsUserData}, {@code Export-CsConfiguration}
 * and the like) safely: no DTDs or external entities, and no entry allowed to inflate without end. The restore
 * drill reads exports with it as their import cmdlets would; so does the lab farm, which imports them.
 */
public final class ExportXml {

    /** How far one entry of an export may inflate: far more than any real export's XML. */
    public static final long MAX_ENTRY_BYTES = 2L * 1024 * 1024 * 1024;

    private ExportXml() {
    }

    /** A StAX factory that reads no DTD and resolves no external entity. */
    public static XMLInputFactory xmlInput() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }

    /**
     * {@code in}, failing with an IOException once more than {@link #MAX_ENTRY_BYTES} were read from it.
     *
     * @param closeUnderlying false for the current entry of a {@code ZipInputStream}: closing the entry's reader
     *                        must not close the archive, which goes on to the next entry
     */
    public static InputStream bounded(InputStream in, boolean closeUnderlying) {
        return new FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                count(Math.max(n, 0));
                return n;
            }

            @Override
            public void close() throws IOException {
                if (closeUnderlying) {
                    super.close();
                }
            }

            private void count(int n) throws IOException {
                read += n;
                if (read > MAX_ENTRY_BYTES) {
                    throw new IOException("entry inflates beyond " + MAX_ENTRY_BYTES + " bytes");
                }
            }
        };
    }
}
