package org.lyncrunbooks.workflow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Two kinds of request bodies are answered 400 with a JSON message before Camunda parses them, on the REST API and
 * on the webapps' engine API:
 * <ul>
 * <li>CVE-2026-109432: an {@code orQueries} entry with any {@code *Expression} field (body or query string).
 * {@link QueryExpressionGuard} refuses the same inside the engine for every other way in.</li>
 * <li>A variable in Java serialization ({@code "serializationDataFormat": "application/x-java-serialized-object"}):
 * the engine refuses it too ({@code javaSerializationFormatEnabled: false}), but answers 500; here the client is
 * told what is wrong.</li>
 * </ul>
 *
 * <p>The body is parsed as JSON (escaped names such as {@code "\u006frQueries"} are seen as what they are),
 * names are compared without regard to case, and a body with a repeated name is refused, so that this filter and
 * Camunda's JSON binding cannot read two different queries from one body.
 */
final class HostileRequestFilter extends OncePerRequestFilter {

    static final String MESSAGE = "Expressions inside orQueries are refused on this server (" + QueryExpressionGuard.CVE
            + "): ";
    static final String JAVA_SERIALIZATION = "application/x-java-serialized-object";
    static final String SERIALIZED_MESSAGE = "Variables in Java serialization (" + JAVA_SERIALIZATION
            + ") are refused on this server; send JSON or a primitive type: ";
    private static final int MAX_BODY = 4 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        List<String> found = new ArrayList<>();
        List<String> serialized = new ArrayList<>();
        for (Map.Entry<String, String[]> parameter : queryParameters(request).entrySet()) {
            if (parameter.getKey().toLowerCase(Locale.ROOT).contains("orqueries")) {
                for (String value : parameter.getValue()) {
                    if (value.toLowerCase(Locale.ROOT).contains("expression") || value.contains("${")
                            || value.contains("#{")) {
                        found.add("query parameter " + parameter.getKey());
                    }
                }
            }
        }
        HttpServletRequest forward = request;
        if (hasBody(request) && isJson(request)) {
            byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                refuse(response, "Request body larger than " + MAX_BODY + " bytes");
                return;
            }
            try {
                JsonNode json = JSON.readTree(body);
                collect(json, false, "", found);
                javaSerialized(json, "", serialized);
            } catch (JsonProcessingException e) {
                if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
                    refuse(response, "The JSON body names a field twice: " + e.getOriginalMessage());
                    return;
                }
                // not JSON: Camunda answers that itself
            }
            forward = new BufferedBody(request, body);
        }
        if (!serialized.isEmpty()) {
            refuse(response, SERIALIZED_MESSAGE + String.join(", ", serialized));
            return;
        }
        if (!found.isEmpty()) {
            refuse(response, MESSAGE + String.join(", ", found) + ". Use literal values in orQueries.");
            return;
        }
        chain.doFilter(forward, response);
    }

    /** Walks the JSON; inside an {@code orQueries} array every field ending in {@code Expression} is reported. */
    static void collect(JsonNode node, boolean insideOrQueries, String path, List<String> found) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                String lower = name.toLowerCase(Locale.ROOT);
                String at = path.isEmpty() ? name : path + "." + name;
                if (insideOrQueries && lower.endsWith("expression") && !field.getValue().isNull()) {
                    found.add(at);
                }
                collect(field.getValue(), insideOrQueries || lower.equals("orqueries"), at, found);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), insideOrQueries, path + "[" + i + "]", found);
            }
        }
    }

    /** Every {@code serializationDataFormat} naming Java serialization, wherever it is in the body. */
    static void javaSerialized(JsonNode node, String path, List<String> found) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (field.getKey().equalsIgnoreCase("serializationDataFormat") && field.getValue().isTextual()
                        && field.getValue().asText().toLowerCase(Locale.ROOT).contains("java-serialized")) {
                    found.add(at);
                }
                javaSerialized(field.getValue(), at, found);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                javaSerialized(node.get(i), path + "[" + i + "]", found);
            }
        }
    }

    private static Map<String, String[]> queryParameters(HttpServletRequest request) {
        // only the query string: reading getParameterMap() would consume a form body
        Map<String, String[]> parameters = new java.util.LinkedHashMap<>();
        String query = request.getQueryString();
        if (query == null) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parameters.merge(name, new String[] {value}, (a, b) -> {
                String[] both = java.util.Arrays.copyOf(a, a.length + b.length);
                System.arraycopy(b, 0, both, a.length, b.length);
                return both;
            });
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return java.net.URLDecoder.decode(text, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static boolean hasBody(HttpServletRequest request) {
        String method = request.getMethod();
        return "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method);
    }

    private static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        return type == null || type.toLowerCase(Locale.ROOT).contains("json")
                || type.toLowerCase(Locale.ROOT).startsWith("text/plain");
    }

    private static void refuse(HttpServletResponse response, String message) throws IOException {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("type", "InvalidRequestException");
        error.put("message", message);
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(error));
    }

    /** The request with its body read once into memory, for Camunda to read again. */
    private static final class BufferedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), encoding));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
