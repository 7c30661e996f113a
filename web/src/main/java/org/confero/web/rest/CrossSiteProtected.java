package org.confero.web.rest;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a state-changing operation that reads no JSON body (none, or a file) and that a cross-site page must not
 * trigger: {@link CrossSiteRequestFilter} lets it through only with a JSON content type or the {@code Confero-Request}
 * header, neither of which a cross-site form or a "simple" cross-site {@code fetch} can send. Operations that read a
 * JSON body need no mark: their {@code @Consumes(application/json)} refuses forms already.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface CrossSiteProtected {
}
