package org.moodlesync.jooq.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Index;
import org.jooq.OrderField;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TableElement;
import org.jooq.conf.ParamType;
import org.jooq.conf.ParseNameCase;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.Internal;
import org.jooq.impl.QOM;
import org.moodlesync.jooq.schema.DefaultSchema;
import org.moodlesync.jooq.database.TablePrefix;
import org.moodlesync.jooq.version.MoodleBranch;

/**
 * The project's DDL ({@code moodle-schema.sql}, the same file jOOQ's code generator reads), with the configured
 * prefix, as queries for one database.
 */
final class SchemaScript {

    static final String RESOURCE = "/org/moodlesync/jooq/schema/moodle-schema.sql";

    private static final Map<String, List<String>> STATEMENTS = new ConcurrentHashMap<>();
    private static final Pattern GENERATED_PREFIX = Pattern.compile("\\b" + TablePrefix.DEFAULT.value());

    private SchemaScript() {
    }

    /** The script's text with every {@code mdl_} that starts a word (tables, keys, indexes) replaced. */
    static String sql(TablePrefix prefix) {
        return prefixed(resource(), prefix);
    }

    private static String prefixed(String sql, TablePrefix prefix) {
        return GENERATED_PREFIX.matcher(sql).replaceAll(Matcher.quoteReplacement(prefix.value()));
    }

    /**
     * The script's statements in a dialect's SQL, for a Moodle branch (cached; see {@link BranchSchema}). Names are rendered quoted and in lower case, exactly as
     * the generated classes render them, so the tables are found whatever the engine's case rules. On MariaDB and
     * MySQL every index goes into its table's {@code CREATE TABLE}: InnoDB builds an empty table's indexes at
     * creation for free, while each {@code CREATE INDEX} is a table rebuild (5x slower install).
     */
    static List<String> statements(SQLDialect dialect, TablePrefix prefix, MoodleBranch branch) {
        return STATEMENTS.computeIfAbsent(dialect.family() + "/" + prefix.value() + "/" + branch.label(),
                key -> render(dialect, prefix, branch));
    }

    private static List<String> render(SQLDialect dialect, TablePrefix prefix, MoodleBranch branch) {
        Settings settings = new Settings()
                .withParseNameCase(ParseNameCase.LOWER_IF_UNQUOTED)
                .withRenderQuotedNames(RenderQuotedNames.ALWAYS)
                .withParamType(ParamType.INLINED);
        DSLContext ddl = DSL.using(dialect, settings);
        List<Query> queries = new BranchSchema(branch, ddl.parser(), text -> prefixed(text, prefix))
                .apply(List.of(ddl.parser().parse(sql(prefix)).queries()), prefix);
        if (dialect.family() == SQLDialect.MARIADB || dialect.family() == SQLDialect.MYSQL) {
            queries = withInlineIndexes(queries);
        }
        return queries.stream().map(ddl::render).toList();
    }

    /** Moves every {@code CREATE INDEX} into the {@code CREATE TABLE} of its table. */
    private static List<Query> withInlineIndexes(List<Query> queries) {
        Map<Table<?>, List<Index>> indexes = new LinkedHashMap<>();
        for (Query query : queries) {
            if (query instanceof QOM.CreateIndex create) {
                indexes.computeIfAbsent(create.$table(), t -> new ArrayList<>()).add(Internal.createIndex(
                        create.$index().getQualifiedName(), create.$table(),
                        create.$on().toArray(OrderField<?>[]::new), create.$unique()));
            }
        }
        List<Query> result = new ArrayList<>();
        for (Query query : queries) {
            if (query instanceof QOM.CreateTable create) {
                List<TableElement> elements = new ArrayList<>(create.$tableElements());
                elements.addAll(indexes.getOrDefault(create.$table(), List.of()));
                result.add(create.$tableElements(elements));
            } else if (!(query instanceof QOM.CreateIndex)) {
                result.add(query);
            }
        }
        return result;
    }

    /** The names the script's tables get with a prefix, e.g. {@code mdl_user}. */
    static List<String> tableNames(TablePrefix prefix) {
        return DefaultSchema.DEFAULT_SCHEMA.getTables().stream()
                .map(Table::getName)
                .map(name -> GENERATED_PREFIX.matcher(name).replaceFirst(Matcher.quoteReplacement(prefix.value())))
                .sorted()
                .toList();
    }

    private static String resource() {
        try (InputStream in = SchemaScript.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing class path resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
