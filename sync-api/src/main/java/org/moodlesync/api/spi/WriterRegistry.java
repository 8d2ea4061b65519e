package org.moodlesync.api.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A backend's writers, registered once by {@link WriterKind}: what {@link MoodleBackend#writer} looks up.
 *
 * <pre>{@code
 * private static final WriterRegistry<DSLContext> WRITERS = WriterRegistry.<DSLContext>builder()
 *         .add(WriterKind.USERS, MyUserWriter::new)
 *         .add(WriterKind.GROUPS, MyGroupWriter::new)
 *         .build();
 *
 * public <C, O> CommandWriter<C> writer(WriterKind<C, O> kind, O options) {
 *     return WRITERS.writer(kind, dsl, options);
 * }
 * }</pre>
 *
 * @param <T> what the backend makes its writers from (its database connection, …)
 */
public final class WriterRegistry<T> {

    private final Map<WriterKind<?, ?>, BiFunction<T, Object, CommandWriter<?>>> factories;

    private WriterRegistry(Map<WriterKind<?, ?>, BiFunction<T, Object, CommandWriter<?>>> factories) {
        this.factories = Collections.unmodifiableMap(new LinkedHashMap<>(factories));
    }

    /**
     * A builder of a registry, empty.
     *
     * @param <T> what the backend makes its writers from
     * @return the builder
     */
    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** {@return the kinds of writer registered, in registration order} */
    public Set<WriterKind<?, ?>> kinds() {
        return factories.keySet();
    }

    /**
     * Whether a writer of this kind is registered.
     *
     * @param kind a kind of writer
     * @return true when {@link #writer} can make one
     */
    public boolean supports(WriterKind<?, ?> kind) {
        return factories.containsKey(kind);
    }

    /**
     * A new writer of this kind, made from {@code target} with {@code options}.
     *
     * @param kind    the kind of writer
     * @param target  what the backend makes writers from
     * @param options the run's options (cast to the kind's options type)
     * @param <C>     the commands it writes
     * @param <O>     its options
     * @return a new writer
     * @throws UnsupportedOperationException when no writer of this kind is registered
     */
    @SuppressWarnings("unchecked")
    public <C, O> CommandWriter<C> writer(WriterKind<C, O> kind, T target, O options) {
        BiFunction<T, Object, CommandWriter<?>> factory = factories.get(WriterKind.checked(kind));
        if (factory == null) {
            throw new UnsupportedOperationException(kind.name() + " are not supported by this backend");
        }
        return (CommandWriter<C>) factory.apply(target, kind.optionsType().cast(options));
    }

    /**
     * Builds a {@link WriterRegistry}.
     *
     * @param <T> what the backend makes its writers from
     */
    public static final class Builder<T> {
        private final Map<WriterKind<?, ?>, BiFunction<T, Object, CommandWriter<?>>> factories =
                new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * The writer of a kind: {@code factory} makes one from the backend's target and the run's options.
         *
         * @param kind    the kind of writer
         * @param factory makes a writer (required)
         * @param <C>     the commands it writes
         * @param <O>     its options
         * @return this builder
         * @throws IllegalArgumentException when the kind is already registered
         */
        @SuppressWarnings("unchecked")
        public <C, O> Builder<T> add(WriterKind<C, O> kind, BiFunction<T, O, ? extends CommandWriter<C>> factory) {
            Objects.requireNonNull(factory, "factory");
            if (factories.containsKey(WriterKind.checked(kind))) {
                throw new IllegalArgumentException(kind.name() + " is registered twice");
            }
            factories.put(kind, (target, options) -> factory.apply(target, (O) options));
            return this;
        }

        /** {@return the registry of the writers added} */
        public WriterRegistry<T> build() {
            return new WriterRegistry<>(factories);
        }
    }
}
