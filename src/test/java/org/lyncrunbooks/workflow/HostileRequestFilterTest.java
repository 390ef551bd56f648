package org.lyncrunbooks.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class HostileRequestFilterTest {

    private final HostileRequestFilter filter = new HostileRequestFilter();

    @Test
    void anOrQueryExpressionAnywhereInTheBodyIsRefusedWithTheFieldPath() throws Exception {
        MockHttpServletResponse response = run("POST", "{\"resourceType\":\"Task\",\"query\":{\"orQueries\":"
                + "[{\"assignee\":\"x\"},{\"dueAfterExpression\":\"${bean.call()}\"}]}}");

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(response.getContentAsString()).contains("CVE-2026-109432").contains("query.orQueries[1].dueAfterExpression");
    }

    @Test
    void aNameGivenTwiceIsRefusedSoNoReaderCanSeeADifferentQuery() throws Exception {
        MockHttpServletResponse response = run("POST",
                "{\"orQueries\":[{\"assigneeExpression\":\"${x}\"}],\"orQueries\":[]}");

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("names a field twice");
    }

    @Test
    void aJavaSerializedVariableIsRefused() throws Exception {
        MockHttpServletResponse response = run("PUT", "{\"value\":\"rO0AB\",\"type\":\"Object\",\"valueInfo\":"
                + "{\"serializationDataFormat\":\"application/x-java-serialized-object\"}}");

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("Java serialization").contains("valueInfo.serializationDataFormat");
    }

    @Test
    void harmlessBodiesReachCamundaByteForByte() throws Exception {
        String body = "{\"orQueries\":[{\"assignee\":\"lab-manager\",\"nameLike\":\"%Expression%\"}],\"expression\":null}";
        MockHttpServletRequest request = request("POST", body);
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isNotNull();
        assertThat(new String(chain.getRequest().getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(body);
    }

    @Test
    void bodiesThatAreNotJsonAreLeftToCamunda() throws Exception {
        MockHttpServletRequest request = request("POST", "--boundary\r\nContent-Disposition: form-data; name=\"data\"");
        request.setContentType("multipart/form-data; boundary=boundary");
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isSameAs(request);
    }

    private MockHttpServletResponse run(String method, String body) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request(method, body), response, chain);
        if (response.getStatus() == 400) {
            assertThat(chain.getRequest()).as("Camunda never saw it").isNull();
        }
        return response;
    }

    private static MockHttpServletRequest request(String method, String body) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/engine-rest/task");
        request.setContentType("application/json");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }
}
