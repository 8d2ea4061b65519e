package org.moodlesync.jooq.internal.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.moodlesync.jooq.schema.Tables.MDL_CONFIG;
import static org.moodlesync.jooq.schema.Tables.MDL_USER;

import java.util.List;
import org.moodlesync.api.command.user.UserCommand;
import org.moodlesync.core.SyncEngine;
import org.moodlesync.jooq.JooqMoodle;
import org.moodlesync.jooq.testing.OnEachDatabase;
import org.moodlesync.jooq.testing.TestDatabase;

/**
 * Moodle's default {@code $CFG->country} is {@code '0'} ("choose a country"): a new user gets {@code ''} then, as
 * {@code user_create_user()} does (moodle-check flagged {@code country = '0'} as invalid), and the site's country
 * when one is set.
 */
class DefaultCountryTest {

    private static void setCountry(TestDatabase db, String value) {
        if (db.dsl().update(MDL_CONFIG).set(MDL_CONFIG.VALUE, value).where(MDL_CONFIG.NAME.eq("country"))
                .execute() == 0) {
            db.dsl().insertInto(MDL_CONFIG, MDL_CONFIG.NAME, MDL_CONFIG.VALUE).values("country", value).execute();
        }
    }

    private static String countryOf(TestDatabase db, String username) {
        return db.dsl().select(MDL_USER.COUNTRY).from(MDL_USER).where(MDL_USER.USERNAME.eq(username)).fetchOne()
                .value1();
    }

    @OnEachDatabase
    void theChooseACountryDefaultIsNoCountry(TestDatabase db) {
        SyncEngine engine = SyncEngine.builder().moodle(JooqMoodle.on(db.moodle())).build();
        setCountry(db, "0");
        engine.users().commands(List.of(UserCommand.builder().username("nocountry").firstname("N").lastname("C")
                .email("n@example.org").build())).execute();
        setCountry(db, "FR");
        engine.users().commands(List.of(UserCommand.builder().username("french").firstname("F").lastname("R")
                .email("f@example.org").build())).execute();

        assertThat(countryOf(db, "nocountry")).isEmpty();
        assertThat(countryOf(db, "french")).isEqualTo("FR");
    }
}
