package org.moodlesync.jooq.testing;

import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Opens the {@link TestDatabase} arguments of a parameterized test before its body runs, so that an unreachable
 * server skips (or, on CI, fails) exactly that invocation — even when the test's first use of the database is inside
 * a lambda such as {@code assertThatThrownBy(() -> ...)}, which would otherwise catch the skip as an exception.
 * {@link OnEachDatabase} registers it; add {@code @ExtendWith(TestDatabaseExtension.class)} to tests that use a
 * {@link TestDatabases} source directly.
 */
public final class TestDatabaseExtension implements InvocationInterceptor {

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext extensionContext) throws Throwable {
        try {
            for (Object argument : invocationContext.getArguments()) {
                if (argument instanceof TestDatabase database) {
                    database.moodle();
                }
            }
        } catch (Throwable e) {
            invocation.skip();
            throw e;
        }
        invocation.proceed();
    }
}
