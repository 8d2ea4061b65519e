package org.moodlesync.jooq.reliability;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} wrapper for fault injection: it counts every statement the code under test executes
 * ({@code execute*} of statements, and {@code commit}) and lets a {@link Fault} act on the n-th one — throw an
 * {@link SQLException}, or really drop the connection before the statement reaches the server. It also records the
 * SQL text of every statement, so a test can prove that no value is ever part of it (bound values only).
 */
public final class FaultyDataSource implements DataSource {

    /** What happens at a statement; {@code number} is 1-based over the whole life of this data source. */
    @FunctionalInterface
    public interface Fault {
        /**
         * @param number     the statement's number
         * @param sql        its SQL text (null for a commit)
         * @param connection the connection it runs on (the pool's proxy)
         * @throws SQLException to fail the statement
         */
        void before(int number, String sql, Connection connection) throws SQLException;
    }

    /** No fault. */
    public static final Fault NONE = (n, sql, c) -> { };

    private static final Set<String> EXECUTES = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch",
            "executeLargeUpdate", "executeLargeBatch");

    private final DataSource target;
    private final AtomicInteger statements = new AtomicInteger();
    private final List<String> sql = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, AtomicInteger> failures = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Fault fault = NONE;
    private volatile boolean recordSql;

    public FaultyDataSource(DataSource target) {
        this.target = target;
    }

    /** Fails the n-th statement from now on (counting anew) with an SQLException of this SQLState. */
    public static Fault failAt(int n, String sqlState) {
        return (number, sql, c) -> {
            if (number == n) {
                throw new SQLException("injected fault at statement " + n, sqlState);
            }
        };
    }

    /** Sets the fault and counts statements anew. */
    public FaultyDataSource fault(Fault fault) {
        this.fault = fault;
        statements.set(0);
        return this;
    }

    /** Records the SQL text of every statement from now on. */
    public FaultyDataSource recordSql() {
        this.recordSql = true;
        return this;
    }

    /** The SQL texts recorded. */
    public List<String> sql() {
        return List.copyOf(sql);
    }

    /** How many statements the database itself failed, by SQLState (injected faults are not counted). */
    public java.util.Map<String, Integer> databaseFailures() {
        java.util.Map<String, Integer> copy = new java.util.TreeMap<>();
        failures.forEach((state, n) -> copy.put(state, n.get()));
        return copy;
    }

    /** Statements counted since the last {@link #fault(Fault)}. */
    public int statements() {
        return statements.get();
    }

    private void beforeStatement(String text, Connection connection) throws SQLException {
        if (recordSql && text != null) {
            sql.add(text);
        }
        fault.before(statements.incrementAndGet(), text, connection);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(target.getConnection(username, password));
    }

    private Connection wrap(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if ("commit".equals(name)) {
                beforeStatement(null, connection);
            }
            Object result = invoke(connection, method, args);
            if (result instanceof Statement statement && (name.startsWith("prepare") || name.equals("createStatement"))) {
                String text = name.startsWith("prepare") && args != null && args.length > 0 && args[0] instanceof String s
                        ? s : null;
                return wrapStatement(statement, text, connection, method.getReturnType());
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    private Object wrapStatement(Statement statement, String preparedSql, Connection connection, Class<?> type) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (EXECUTES.contains(method.getName())) {
                String text = preparedSql != null ? preparedSql
                        : args != null && args.length > 0 && args[0] instanceof String s ? s : null;
                beforeStatement(text, connection);
                try {
                    return invoke(statement, method, args);
                } catch (SQLException e) {
                    failures.computeIfAbsent(String.valueOf(e.getSQLState()), k -> new AtomicInteger())
                            .incrementAndGet();
                    throw e;
                }
            } else if ("addBatch".equals(method.getName()) && args != null && args.length == 1
                    && args[0] instanceof String s && recordSql) {
                sql.add(s);
            }
            return invoke(statement, method, args);
        };
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || target.isWrapperFor(iface);
    }
}
