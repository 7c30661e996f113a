package org.confero.web.rest.mapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.confero.web.rest.mapper.ProblemMappersTest.assertProblem;

import jakarta.json.JsonObject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;

import org.confero.web.rest.RestHarness;
import org.confero.web.rest.RestHarness.Answer;
import org.junit.jupiter.api.Test;

class ConstraintViolationMapperTest {

    private final RestHarness api = RestHarness.of(Validated.class);

    @Test
    void theMethodAndTheBodyParameterAreNotPartOfTheField() {
        assertThat(ConstraintViolationMapper.field(path(node("schedule", ElementKind.METHOD),
                node("request", ElementKind.PARAMETER), node("topic", ElementKind.PROPERTY)))).isEqualTo("topic");
    }

    @Test
    void indexesStayWithTheListTheyIndex() {
        assertThat(ConstraintViolationMapper
                .field(path(node("schedule", ElementKind.METHOD), node("request", ElementKind.PARAMETER),
                        node("participants", ElementKind.PROPERTY), indexed("email", ElementKind.PROPERTY, 2, null))))
                                .isEqualTo("participants[2].email");
    }

    @Test
    void containerElementsShowAsTheirIndexOrKey() {
        assertThat(ConstraintViolationMapper.field(path(node("emails", ElementKind.PROPERTY),
                indexed("<list element>", ElementKind.CONTAINER_ELEMENT, 1, null)))).isEqualTo("emails[1]");
        assertThat(ConstraintViolationMapper.field(path(node("labels", ElementKind.PROPERTY),
                indexed("<map value>", ElementKind.CONTAINER_ELEMENT, null, "colour")))).isEqualTo("labels[colour]");
    }

    @Test
    void aParameterThatIsItselfInvalidKeepsItsName() {
        assertThat(ConstraintViolationMapper
                .field(path(node("list", ElementKind.METHOD), node("limit", ElementKind.PARAMETER))))
                        .isEqualTo("limit");
    }

    @Test
    void invalidFieldsAre400ListingEachFieldAndMessage() {
        Answer answer = api.send(RestHarness.get("/validated/request"));

        assertProblem(answer, 400, "invalid-request");
        assertThat(answer.json().getString("detail")).isEqualTo("2 fields are not valid");
        assertThat(answer.json().getJsonArray("errors").getValuesAs(JsonObject.class))
                .extracting(error -> error.getString("field") + ": " + error.getString("message")).containsExactly(
                        "participants[0].email: must be a well-formed email address", "topic: must not be blank");
    }

    @Test
    void anInvalidReturnValueIsTheServersFault() {
        Answer answer = api.send(RestHarness.get("/validated/answer"));

        assertProblem(answer, 500, "internal-error");
        assertThat(answer.json().containsKey("errors")).isFalse();
    }

    @jakarta.ws.rs.Path("validated")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Validated {

        @GET
        @jakarta.ws.rs.Path("request")
        public String request() {
            throw new ConstraintViolationException(Set.of(
                    violation("must not be blank", node("schedule", ElementKind.METHOD),
                            node("request", ElementKind.PARAMETER), node("topic", ElementKind.PROPERTY)),
                    violation("must be a well-formed email address", node("schedule", ElementKind.METHOD),
                            node("request", ElementKind.PARAMETER), node("participants", ElementKind.PROPERTY),
                            indexed("email", ElementKind.PROPERTY, 0, null))));
        }

        @GET
        @jakarta.ws.rs.Path("answer")
        public String answer() {
            throw new ConstraintViolationException(Set.of(violation("must not be null", node("get", ElementKind.METHOD),
                    node("<return value>", ElementKind.RETURN_VALUE))));
        }
    }

    private static Path path(Path.Node... nodes) {
        return () -> List.of(nodes).iterator();
    }

    private static Path.Node node(String name, ElementKind kind) {
        return new Node(name, kind, null, null);
    }

    private static Path.Node indexed(String name, ElementKind kind, Integer index, Object key) {
        return new Node(name, kind, index, key);
    }

    /** Bean Validation's violation, reduced to what the mapper reads. */
    private static ConstraintViolation<?> violation(String message, Path.Node... nodes) {
        Path path = path(nodes);
        return (ConstraintViolation<?>) Proxy.newProxyInstance(ConstraintViolation.class.getClassLoader(),
                new Class<?>[] { ConstraintViolation.class }, (proxy, method, args) -> switch (method.getName()) {
                case "getMessage" -> message;
                case "getPropertyPath" -> path;
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                case "toString" -> message;
                default -> null;
                });
    }

    private record Node(String name, ElementKind kind, Integer index, Object key) implements Path.Node {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isInIterable() {
            return index != null || key != null;
        }

        @Override
        public Integer getIndex() {
            return index;
        }

        @Override
        public Object getKey() {
            return key;
        }

        @Override
        public ElementKind getKind() {
            return kind;
        }

        @Override
        public <T extends Path.Node> T as(Class<T> nodeType) {
            return nodeType.cast(this);
        }
    }
}
