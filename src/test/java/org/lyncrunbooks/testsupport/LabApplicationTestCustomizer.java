package org.lyncrunbooks.testsupport;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Gives a {@link LabApplicationTest} its work folder, database and quick settings, as a property source below the
 * test's own properties and above {@code application.yaml}. One per test class, so each class has its own context.
 */
final class LabApplicationTestCustomizer implements ContextCustomizer {

    static final String SOURCE = "Lab application test";

    private final Class<?> testClass;

    private LabApplicationTestCustomizer(Class<?> testClass) {
        this.testClass = testClass;
    }

    /** Finds {@link LabApplicationTest} on a test class. */
    static final class Factory implements ContextCustomizerFactory {

        @Override
        public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                         List<ContextConfigurationAttributes> configAttributes) {
            return MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                    .isPresent(LabApplicationTest.class) ? new LabApplicationTestCustomizer(testClass) : null;
        }
    }

    /** The properties every lab application test starts from. */
    static Map<String, Object> properties(Class<?> testClass) {
        Path work = LabWork.folder(testClass);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("test.work-folder", work.toString());
        properties.put("lync.lab.directory", work.resolve("lab").toString());
        properties.put("lync.backup.root", work.resolve("backups").toString());
        properties.put("spring.datasource.url", "jdbc:h2:mem:" + LabWork.name(testClass) + ";DB_CLOSE_DELAY=-1");
        properties.put("lync.lab.users-per-pool", "20");
        properties.put("lync.lab.files-per-store", "60");
        properties.put("lync.backup.item.retries", "2");
        properties.put("lync.backup.item.retry-delay", "PT0.2S");
        properties.put("lync.backup.worker.poll-interval", "PT0.1S");
        return properties;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        MapPropertySource lab = new MapPropertySource(SOURCE, properties(testClass));
        if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, lab);
        } else {
            sources.addFirst(lab);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabApplicationTestCustomizer c && c.testClass.equals(testClass);
    }

    @Override
    public int hashCode() {
        return testClass.hashCode();
    }
}
