package org.moodlesync.jooq.testkit;

import java.util.Set;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.database.MoodleDatabase;

/**
 * A JUnit 5 extension that gives each test a fresh embedded Moodle ({@link TestMoodle}): a database of its own with
 * the Moodle schema installed and seeded as a new site, dropped after the test.
 *
 * <pre>{@code
 * @WithEmbeddedMoodle                                  // or @ExtendWith(EmbeddedMoodleExtension.class)
 * class MyImportTest {
 *     @Test
 *     void importsUsers(TestMoodle moodle) {           // or JooqMoodle, MoodleDatabase, DataSource, DSLContext
 *         SyncEngine engine = SyncEngine.builder().moodle(moodle.backend()).build();
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Parameters of these types are injected into test methods and their {@code @BeforeEach}/{@code @AfterEach}
 * methods: {@link TestMoodle}, {@link JooqMoodle}, {@link MoodleDatabase}, {@link DataSource}, {@link DSLContext}.
 * All of one test (its method and its {@code @BeforeEach} methods) are of the same site, made on first use; the
 * site is closed (database dropped) when the test ends, passed or failed.
 *
 * <p>Where: in-memory H2 unless the setting {@value TestMoodleSettings#URL} names a PostgreSQL or MariaDB server
 * (see {@link TestMoodleSettings}); the extension reads it from JUnit's configuration parameters (which include
 * system properties and {@code junit-platform.properties}), then from environment variables. Registered
 * programmatically, it takes its settings as given:
 *
 * <pre>{@code
 * @RegisterExtension
 * static EmbeddedMoodleExtension moodle = EmbeddedMoodleExtension.with(TestMoodleSettings.h2().withTablePrefix("ms_"));
 * }</pre>
 */
public final class EmbeddedMoodleExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmbeddedMoodleExtension.class);
    private static final Set<Class<?>> TYPES = Set.of(TestMoodle.class, JooqMoodle.class, MoodleDatabase.class,
            DataSource.class, DSLContext.class);

    private final TestMoodleSettings settings;

    /** The extension as {@code @ExtendWith} makes it: settings from the configuration (H2 by default). */
    public EmbeddedMoodleExtension() {
        this(null);
    }

    private EmbeddedMoodleExtension(TestMoodleSettings settings) {
        this.settings = settings;
    }

    /** An extension with these settings, whatever the configuration says (for {@code @RegisterExtension}). */
    public static EmbeddedMoodleExtension with(TestMoodleSettings settings) {
        return new EmbeddedMoodleExtension(java.util.Objects.requireNonNull(settings, "settings"));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return TYPES.contains(parameterContext.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (extensionContext.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("an embedded Moodle is made per test: inject "
                    + parameterContext.getParameter().getType().getSimpleName()
                    + " into a test method or a @BeforeEach/@AfterEach method, not into "
                    + parameterContext.getDeclaringExecutable());
        }
        TestMoodle moodle = site(extensionContext);
        Class<?> type = parameterContext.getParameter().getType();
        if (type == TestMoodle.class) {
            return moodle;
        }
        if (type == JooqMoodle.class) {
            return moodle.backend();
        }
        if (type == MoodleDatabase.class) {
            return moodle.database();
        }
        if (type == DataSource.class) {
            return moodle.dataSource();
        }
        return moodle.dsl();
    }

    /** The site of the running test, made on first call (it is closed when the test ends). */
    public static TestMoodle site(ExtensionContext context, TestMoodleSettings settings) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(Site.class, k -> new Site(TestMoodle.create(settings)),
                Site.class).moodle;
    }

    private TestMoodle site(ExtensionContext context) {
        TestMoodleSettings effective = settings != null ? settings
                : TestMoodleSettings.from(context::getConfigurationParameter);
        return site(context, effective);
    }

    /**
     * The store's value, closed by JUnit when the test's context closes: as an {@link AutoCloseable} from JUnit 5.13
     * on, as a {@code CloseableResource} before (closing twice does nothing).
     */
    @SuppressWarnings("deprecation")
    private record Site(TestMoodle moodle) implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            moodle.close();
        }
    }
}
