package org.lyncrunbooks.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * A Spring Boot test of the whole application on a small lab farm of its own: the work folder of
 * {@link LabWork#folder(Class)} (lab farm in {@code lab/}, backup share in {@code backups/}), an in-memory H2
 * engine database named after the test class, and quick settings for tests — a farm of 20 users per pool and 60
 * files per store, two attempts per backup item 0.2 s apart, the item worker polling every 0.1 s. Anything in
 * {@link #properties()} wins over those; {@code ${test.work-folder}} in a value is the work folder.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest
@ContextCustomizerFactories(LabApplicationTestCustomizer.Factory.class)
public @interface LabApplicationTest {

    @AliasFor(annotation = SpringBootTest.class)
    SpringBootTest.WebEnvironment webEnvironment() default SpringBootTest.WebEnvironment.MOCK;

    /** Properties ({@code key=value}) of this test, over the lab test's own. */
    @AliasFor(annotation = SpringBootTest.class)
    String[] properties() default {};
}
