package org.moodlesync.core.internal.read;

import org.moodlesync.core.csv.CsvFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvFormatTest {

    @Test
    void toolSyncDefaults() {
        CsvFormat f = CsvFormat.toolSync();
        assertThat(f.dialect()).isEqualTo(CsvFormat.Dialect.TOOL_SYNC);
        assertThat(f.separator()).isEqualTo(';');
        assertThat(f.isAutoSeparator()).isFalse();
        assertThat(f.encoding()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(f.trimValues()).isTrue();
        assertThat(f.headerRequired()).isTrue();
        assertThat(f.columns()).isEmpty();
        assertThat(f.commentPrefixes()).containsExactly("(", "[", "-", "#", "/", " ");
        assertThat(f.separatorEscape()).isEqualTo("&#44");
        assertThat(f.stripQuotes()).isFalse();
    }

    @Test
    void rfc4180Defaults() {
        CsvFormat f = CsvFormat.rfc4180();
        assertThat(f.dialect()).isEqualTo(CsvFormat.Dialect.RFC_4180);
        assertThat(f.separator()).isEqualTo(',');
        assertThat(f.encoding()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(f.trimValues()).isFalse();
        assertThat(f.headerRequired()).isTrue();
        assertThat(f.commentPrefixes()).isEmpty();
        assertThat(f.separatorEscape()).isNull();
        assertThat(f.stripQuotes()).isFalse();
    }

    @Test
    void optionsReturnNewFormatsAndLeaveTheOriginalAlone() {
        CsvFormat base = CsvFormat.toolSync();
        CsvFormat changed = base.separator(',').encoding(StandardCharsets.ISO_8859_1).trimValues(false)
                .headerRequired(false).columns("shortname").commentMarker('#').separatorEscape("&#59")
                .stripQuotes(true).autoSeparator();
        assertThat(base).isEqualTo(CsvFormat.toolSync());
        assertThat(base.separator()).isEqualTo(';');
        assertThat(changed.separator()).isEqualTo(',');
        assertThat(changed.encoding()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(changed.trimValues()).isFalse();
        assertThat(changed.headerRequired()).isFalse();
        assertThat(changed.columns()).containsExactly("shortname");
        assertThat(changed.commentPrefixes()).containsExactly("#");
        assertThat(changed.separatorEscape()).isEqualTo("&#59");
        assertThat(changed.stripQuotes()).isTrue();
        assertThat(changed.isAutoSeparator()).isTrue();
        assertThat(changed.autoSeparator(false).isAutoSeparator()).isFalse();
        assertThat(changed.noComments().commentPrefixes()).isEmpty();
        assertThat(changed.separatorEscape("").separatorEscape()).isNull();
    }

    @Test
    void equalFormatsAreEqual() {
        assertThat(CsvFormat.toolSync().separator(',')).isEqualTo(CsvFormat.toolSync().separator(','))
                .hasSameHashCodeAs(CsvFormat.toolSync().separator(','));
        assertThat(CsvFormat.toolSync()).isNotEqualTo(CsvFormat.rfc4180());
        assertThat(CsvFormat.toolSync()).isNotEqualTo(CsvFormat.toolSync().stripQuotes(true));
        assertThat(CsvFormat.toolSync().separator('\t').toString()).contains("TOOL_SYNC", "separator=TAB", "UTF-8");
    }

    @Test
    void invalidOptionsAreRefused() {
        assertThatThrownBy(() -> CsvFormat.toolSync().separator('\n')).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CsvFormat.rfc4180().separator('\r')).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CsvFormat.rfc4180().separator('"')).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CsvFormat.toolSync().commentPrefixes("#", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CsvFormat.toolSync().encoding(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> CsvFormat.toolSync().columns("a", null)).isInstanceOf(NullPointerException.class);
    }
}
