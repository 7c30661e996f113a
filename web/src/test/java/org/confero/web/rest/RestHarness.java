package org.confero.web.rest;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MultivaluedMap;

import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.confero.web.rest.mapper.BadRequestMapper;
import org.confero.web.rest.mapper.BodyReadingFailures;
import org.confero.web.rest.mapper.ConstraintViolationMapper;
import org.confero.web.rest.mapper.DomainExceptionMapper;
import org.confero.web.rest.mapper.EjbAccessMapper;
import org.confero.web.rest.mapper.ForbiddenMapper;
import org.confero.web.rest.mapper.NotAcceptableMapper;
import org.confero.web.rest.mapper.NotAllowedMapper;
import org.confero.web.rest.mapper.NotAuthorizedMapper;
import org.confero.web.rest.mapper.NotFoundMapper;
import org.confero.web.rest.mapper.NotSupportedMapper;
import org.confero.web.rest.mapper.UnexpectedExceptionMapper;
import org.confero.web.rest.mapper.WebApplicationExceptionMapper;
import org.jboss.resteasy.mock.MockDispatcherFactory;
import org.jboss.resteasy.mock.MockHttpRequest;
import org.jboss.resteasy.mock.MockHttpResponse;
import org.jboss.resteasy.plugins.interceptors.RoleBasedSecurityFeature;
import org.jboss.resteasy.spi.Dispatcher;

/**
 * RESTEasy and Yasson as WildFly ships them, in process: a dispatcher per test with every provider of the API, the
 * test's resources and, optionally, extra providers (a stand-in for Elytron). What comes back is what a client would
 * see on the wire.
 */
public final class RestHarness {

    private final Dispatcher dispatcher = MockDispatcherFactory.createDispatcher();

    private RestHarness(long maxBodyBytes, ApiTokenVerifier verifier) {
        ApiTokenAuthentication authentication = new ApiTokenAuthentication();
        authentication.verifier = verifier;
        for (Object provider : List.of(new JsonbSettings(), new BodySizeLimit(maxBodyBytes, 4 * maxBodyBytes),
                authentication, new ProblemInstance(), new BodyReadingFailures(), new UnexpectedExceptionMapper(),
                new DomainExceptionMapper(), new ConstraintViolationMapper(), new BadRequestMapper(),
                new NotFoundMapper(), new NotAllowedMapper(), new NotSupportedMapper(), new NotAcceptableMapper(),
                new NotAuthorizedMapper(), new ForbiddenMapper(), new WebApplicationExceptionMapper(),
                new EjbAccessMapper())) {
            dispatcher.getProviderFactory().registerProviderInstance(provider);
        }
        // @RolesAllowed as web.xml switches it on (resteasy.role.based.security).
        dispatcher.getProviderFactory().register(RoleBasedSecurityFeature.class);
    }

    /** Resources given as classes are created per request, as instances they are singletons. */
    public static RestHarness of(Object... resources) {
        return with(BodySizeLimit.DEFAULT_MAX_BODY_BYTES, token -> Optional.empty(), ContainerSecurity.guest(),
                resources);
    }

    static RestHarness with(long maxBodyBytes, ApiTokenVerifier verifier, ContainerSecurity container,
            Object... resources) {
        RestHarness harness = new RestHarness(maxBodyBytes, verifier);
        harness.dispatcher.getProviderFactory().registerProviderInstance(container);
        for (Object resource : resources) {
            if (resource instanceof Class<?> type) {
                harness.dispatcher.getRegistry().addPerRequestResource(type);
            } else {
                harness.dispatcher.getRegistry().addSingletonResource(resource);
            }
        }
        return harness;
    }

    public Answer send(MockHttpRequest request) {
        MockHttpResponse response = new MockHttpResponse();
        dispatcher.invoke(request, response);
        return new Answer(response.getStatus(), response.getOutputHeaders(),
                new String(response.getOutput(), StandardCharsets.UTF_8));
    }

    public static MockHttpRequest request(String method, String uri) {
        try {
            return MockHttpRequest.create(method, uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static MockHttpRequest get(String uri) {
        return request("GET", uri);
    }

    public static MockHttpRequest json(String method, String uri, String body) {
        return request(method, uri).contentType("application/json").content(body.getBytes(StandardCharsets.UTF_8));
    }

    public record Answer(int status, MultivaluedMap<String, Object> headers, String body) {

        public String header(String name) {
            List<Object> values = headers.get(name);
            return values == null || values.isEmpty() ? null : String.valueOf(values.get(0));
        }

        public List<String> headers(String name) {
            List<String> all = new ArrayList<>();
            headers.getOrDefault(name, List.of()).forEach(value -> all.add(String.valueOf(value)));
            return all;
        }

        public String contentType() {
            return header("Content-Type");
        }

        public JsonObject json() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        /** The problem's type slug: the last segment of its type URI. */
        public String problemType() {
            String type = json().getString("type");
            return type.substring(type.lastIndexOf('/') + 1);
        }
    }
}
