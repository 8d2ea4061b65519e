package org.moodlesync.api.command.course;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.moodlesync.api.command.CommandConstraints;
import org.moodlesync.api.command.CourseKey;

/**
 * One line of a course file, typed: create a course (optionally from a template course) or update the matching
 * one.
 *
 * <p>A {@code null} field means "not given": an update leaves that column as it is (tool_sync reset such columns to
 * their defaults, its bug #5; {@link CourseSyncOptions#resetMissingColumns()} offers that behaviour on request),
 * a new course takes Moodle's default. An empty string is a value. Sizes are Moodle 4.5's column lengths. Build one
 * with {@link #builder()}:
 *
 * <pre>{@code
 * CourseCommand chem = CourseCommand.builder()
 *         .shortname("CHEM101").fullname("Chemistry 101").idnumber("C101")
 *         .category("Science/Chemistry")
 *         .section(1, new CourseSection("Intro", "Welcome"))
 *         .self(true)
 *         .build();
 * }</pre>
 *
 * @param id                       the Moodle course id, when courses are identified by id (updates only)
 * @param shortname                short name, unique on the site
 * @param fullname                 full name (254 characters on Moodle 4.x, 1333 from 5.0: the writer checks the
 *                                 site's)
 * @param idnumber                 external identifier; a non-empty one is unique on the site
 * @param category                 the category, as {@link CourseSyncOptions#categoryKey()} says (path, idnumber or
 *                                 id); null: a new course goes to Moodle's default category, an existing one stays
 * @param categoryIdnumber         idnumber given to the category (the last segment of a path) when it is created
 * @param format                   course format: {@code topics}, {@code weeks}, {@code social} or
 *                                 {@code singleactivity}
 * @param summary                  description (HTML)
 * @param summaryformat            format of the summary (0 Moodle, 1 HTML, 2 plain, 4 Markdown)
 * @param startdate                start date
 * @param enddate                  end date (Unix time 0: none)
 * @param visible                  1 shown, 0 hidden
 * @param lang                     forced language, {@code ""} for none
 * @param theme                    forced theme, {@code ""} for none
 * @param calendartype             forced calendar type, {@code ""} for none
 * @param showgrades               show the gradebook to students
 * @param newsitems                announcements shown (0..10)
 * @param marker                   the highlighted section
 * @param maxbytes                 upload limit in bytes (0: the site's)
 * @param legacyfiles              legacy course files (0 no, 2 yes)
 * @param showreports              activity reports shown to students
 * @param groupmode                0 no groups, 1 separate, 2 visible
 * @param groupmodeforce           force the group mode on activities
 * @param defaultgroupingid        default grouping (a grouping of the course, or 0)
 * @param enablecompletion         completion tracking
 * @param showcompletionconditions show completion conditions
 * @param showactivitydates        show activity dates
 * @param coursedisplay            format option: 0 all sections on one page, 1 one section per page
 * @param hiddensections           format option: hidden sections 0 shown collapsed, 1 invisible
 * @param timecreated              creation time of a new course (default now); ignored on update
 * @param numsections              number of sections after section 0 a new course gets (default: the site's
 *                                 {@code moodlecourse/numsections}, or the highest section named); an existing
 *                                 course gets the missing sections up to it (none is ever removed)
 * @param sections                 names and summaries of sections by number (tool_sync's {@code topicN})
 * @param self                     true: a self enrolment instance exists and is enabled; false: it is disabled
 * @param guest                    true: a guest access instance exists and is enabled; false: it is disabled
 * @param template                 shortname or idnumber of a course to copy a new course from
 * @param teachers                 users enrolled with a teacher role
 */
public record CourseCommand(
        @Min(1) Long id,
        @Size(max = 255) String shortname,
        @Size(max = 1333) String fullname,
        @Size(max = 100) String idnumber,
        String category,
        @Size(max = 100) String categoryIdnumber,
        @Size(max = 21) @Pattern(regexp = "[a-z][a-z0-9_]*", message = "must be a course format plugin name")
        String format,
        String summary,
        @Min(0) @Max(4) Integer summaryformat,
        MoodleDate startdate,
        MoodleDate enddate,
        @Min(0) @Max(1) Integer visible,
        @Size(max = 30) String lang,
        @Size(max = 50) String theme,
        @Size(max = 30) String calendartype,
        @Min(0) @Max(1) Integer showgrades,
        @Min(0) @Max(10) Integer newsitems,
        @Min(0) Long marker,
        @Min(0) Long maxbytes,
        @Min(0) @Max(2) Integer legacyfiles,
        @Min(0) @Max(1) Integer showreports,
        @Min(0) @Max(2) Integer groupmode,
        @Min(0) @Max(1) Integer groupmodeforce,
        @Min(0) Long defaultgroupingid,
        @Min(0) @Max(1) Integer enablecompletion,
        @Min(0) @Max(1) Integer showcompletionconditions,
        @Min(0) @Max(1) Integer showactivitydates,
        @Min(0) @Max(1) Integer coursedisplay,
        @Min(0) @Max(1) Integer hiddensections,
        MoodleDate timecreated,
        @Min(0) @Max(1000) Integer numsections,
        Map<@Min(0) @Max(1000) Integer, @Valid CourseSection> sections,
        Boolean self,
        Boolean guest,
        @Size(max = 255) String template,
        List<@Valid CourseTeacher> teachers) {

    /**
     * Copies the sections (sorted by number) and teachers into unmodifiable collections; null becomes empty.
     *
     * @param id                       the Moodle course id, when courses are identified by id (updates only)
     * @param shortname                short name, unique on the site
     * @param fullname                 full name (254 characters on Moodle 4.x, 1333 from 5.0: the writer checks the
 *                                 site's)
     * @param idnumber                 external identifier; a non-empty one is unique on the site
     * @param category                 the category, as {@link CourseSyncOptions#categoryKey()} says (path, idnumber or
     *                                 id); null: a new course goes to Moodle's default category, an existing one stays
     * @param categoryIdnumber         idnumber given to the category (the last segment of a path) when it is created
     * @param format                   course format: {@code topics}, {@code weeks}, {@code social} or
     *                                 {@code singleactivity}
     * @param summary                  description (HTML)
     * @param summaryformat            format of the summary (0 Moodle, 1 HTML, 2 plain, 4 Markdown)
     * @param startdate                start date
     * @param enddate                  end date (Unix time 0: none)
     * @param visible                  1 shown, 0 hidden
     * @param lang                     forced language, {@code ""} for none
     * @param theme                    forced theme, {@code ""} for none
     * @param calendartype             forced calendar type, {@code ""} for none
     * @param showgrades               show the gradebook to students
     * @param newsitems                announcements shown (0..10)
     * @param marker                   the highlighted section
     * @param maxbytes                 upload limit in bytes (0: the site's)
     * @param legacyfiles              legacy course files (0 no, 2 yes)
     * @param showreports              activity reports shown to students
     * @param groupmode                0 no groups, 1 separate, 2 visible
     * @param groupmodeforce           force the group mode on activities
     * @param defaultgroupingid        default grouping (a grouping of the course, or 0)
     * @param enablecompletion         completion tracking
     * @param showcompletionconditions show completion conditions
     * @param showactivitydates        show activity dates
     * @param coursedisplay            format option: 0 all sections on one page, 1 one section per page
     * @param hiddensections           format option: hidden sections 0 shown collapsed, 1 invisible
     * @param timecreated              creation time of a new course (default now); ignored on update
     * @param numsections              number of sections after section 0 a new course gets (default: the site's
     *                                 {@code moodlecourse/numsections}, or the highest section named); an existing
     *                                 course gets the missing sections up to it (none is ever removed)
     * @param sections                 names and summaries of sections by number (tool_sync's {@code topicN})
     * @param self                     true: a self enrolment instance exists and is enabled; false: it is disabled
     * @param guest                    true: a guest access instance exists and is enabled; false: it is disabled
     * @param template                 shortname or idnumber of a course to copy a new course from
     * @param teachers                 users enrolled with a teacher role
     */
    public CourseCommand {
        sections = sections == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(sections));
        teachers = teachers == null ? List.of() : List.copyOf(teachers);
    }

    /**
     * A builder for a new command (see the example in the class comment).
     *
     * @return a builder with every field unset (null)
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this command's values, to derive a changed copy.
     *
     * @return a builder with every field of this command
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.shortname = shortname;
        b.fullname = fullname;
        b.idnumber = idnumber;
        b.category = category;
        b.categoryIdnumber = categoryIdnumber;
        b.format = format;
        b.summary = summary;
        b.summaryformat = summaryformat;
        b.startdate = startdate;
        b.enddate = enddate;
        b.visible = visible;
        b.lang = lang;
        b.theme = theme;
        b.calendartype = calendartype;
        b.showgrades = showgrades;
        b.newsitems = newsitems;
        b.marker = marker;
        b.maxbytes = maxbytes;
        b.legacyfiles = legacyfiles;
        b.showreports = showreports;
        b.groupmode = groupmode;
        b.groupmodeforce = groupmodeforce;
        b.defaultgroupingid = defaultgroupingid;
        b.enablecompletion = enablecompletion;
        b.showcompletionconditions = showcompletionconditions;
        b.showactivitydates = showactivitydates;
        b.coursedisplay = coursedisplay;
        b.hiddensections = hiddensections;
        b.timecreated = timecreated;
        b.numsections = numsections;
        b.sections.putAll(sections);
        b.self = self;
        b.guest = guest;
        b.template = template;
        b.teachers.addAll(teachers);
        return b;
    }

    /**
     * The value of the identifying field, as a string (null when absent).
     *
     * @param key the identifying field
     * @return that field's value, the id as a decimal string; null when the command has none
     */
    public String key(CourseKey key) {
        return switch (key) {
            case SHORTNAME -> shortname;
            case IDNUMBER -> idnumber;
            case ID -> id == null ? null : id.toString();
        };
    }

    @Override
    public String toString() {
        return "CourseCommand[shortname=" + shortname + " idnumber=" + idnumber + " category=" + category + "]";
    }

    /** Builds a {@link CourseCommand}. */
    public static final class Builder {
        private Long id;
        private String shortname;
        private String fullname;
        private String idnumber;
        private String category;
        private String categoryIdnumber;
        private String format;
        private String summary;
        private Integer summaryformat;
        private MoodleDate startdate;
        private MoodleDate enddate;
        private Integer visible;
        private String lang;
        private String theme;
        private String calendartype;
        private Integer showgrades;
        private Integer newsitems;
        private Long marker;
        private Long maxbytes;
        private Integer legacyfiles;
        private Integer showreports;
        private Integer groupmode;
        private Integer groupmodeforce;
        private Long defaultgroupingid;
        private Integer enablecompletion;
        private Integer showcompletionconditions;
        private Integer showactivitydates;
        private Integer coursedisplay;
        private Integer hiddensections;
        private MoodleDate timecreated;
        private Integer numsections;
        private final Map<Integer, CourseSection> sections = new TreeMap<>();
        private Boolean self;
        private Boolean guest;
        private String template;
        private final List<CourseTeacher> teachers = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets the Moodle course id ({@code id} column), used only to find the course when courses are identified by id
         * (updates only).
         *
         * @param v the course id (1 or more), or null
         * @return this builder
         */
        public Builder id(Long v) { this.id = v; return this; }

        /**
         * Sets the short name ({@code shortname} column, {@code course.shortname}), unique on the site.
         *
         * @param v the short name (at most 255 characters), or null
         * @return this builder
         */
        public Builder shortname(String v) { this.shortname = v; return this; }

        /**
         * Sets the full name ({@code fullname} column, {@code course.fullname}).
         *
         * @param v the full name (at most 254 characters), or null to leave it unchanged (Moodle's default for a new
         *          course)
         * @return this builder
         */
        public Builder fullname(String v) { this.fullname = v; return this; }

        /**
         * Sets the external identifier ({@code idnumber} column, {@code course.idnumber}); a non-empty one is unique on
         * the site.
         *
         * @param v the idnumber (at most 100 characters), or null to leave it unchanged (Moodle's default for a new
         *          course)
         * @return this builder
         */
        public Builder idnumber(String v) { this.idnumber = v; return this; }

        /**
         * Sets the course's category ({@code category} column), as {@link CourseSyncOptions#categoryKey()} says: a path
         * such as {@code Science/Chemistry}, an idnumber or an id; missing categories of a path are created.
         *
         * @param v the category, or null: a new course goes to Moodle's default category, an existing one stays where
         *          it is
         * @return this builder
         */
        public Builder category(String v) { this.category = v; return this; }

        /**
         * Sets the idnumber given to the last category of a {@code category} path when it is created ({@code
         * category_idnumber} column).
         *
         * @param v the idnumber (at most 100 characters), or null
         * @return this builder
         */
        public Builder categoryIdnumber(String v) { this.categoryIdnumber = v; return this; }

        /**
         * Sets the course format ({@code format} column, {@code course.format}).
         *
         * @param v {@code topics}, {@code weeks}, {@code social} or {@code singleactivity}, or null to leave it
         *          unchanged (Moodle's default for a new course)
         * @return this builder
         */
        public Builder format(String v) { this.format = v; return this; }

        /**
         * Sets the description ({@code summary} column, HTML).
         *
         * @param v the summary, or null to leave it unchanged (Moodle's default for a new course)
         * @return this builder
         */
        public Builder summary(String v) { this.summary = v; return this; }

        /**
         * Sets the format of the summary ({@code summaryformat} column).
         *
         * @param v 0 Moodle, 1 HTML, 2 plain text, 4 Markdown, or null to leave it unchanged (Moodle's default for a
         *          new course)
         * @return this builder
         */
        public Builder summaryformat(Integer v) { this.summaryformat = v; return this; }

        /**
         * Sets the start date ({@code startdate} column).
         *
         * @param v the date, or null to leave it unchanged (midnight today for a new course)
         * @return this builder
         */
        public Builder startdate(MoodleDate v) { this.startdate = v; return this; }

        /**
         * Sets the end date ({@code enddate} column).
         *
         * @param v the date (Unix time 0: none), or null to leave it unchanged (Moodle's default for a new course)
         * @return this builder
         */
        public Builder enddate(MoodleDate v) { this.enddate = v; return this; }

        /**
         * Sets the visibility ({@code visible} column, {@code course.visible}).
         *
         * @param v 1 shown, 0 hidden, or null to leave it unchanged (Moodle's default for a new course)
         * @return this builder
         */
        public Builder visible(Integer v) { this.visible = v; return this; }

        /**
         * Sets the forced language ({@code lang} column); {@code fr_utf8} is read {@code fr}.
         *
         * @param v a language code, {@code ""} for none, or null to leave it unchanged (Moodle's default for a new
         *          course)
         * @return this builder
         */
        public Builder lang(String v) { this.lang = v; return this; }

        /**
         * Sets the forced theme ({@code theme} column).
         *
         * @param v a theme name, {@code ""} for none, or null to leave it unchanged (Moodle's default for a new course)
         * @return this builder
         */
        public Builder theme(String v) { this.theme = v; return this; }

        /**
         * Sets the forced calendar type ({@code calendartype} column).
         *
         * @param v a calendar type, {@code ""} for none, or null to leave it unchanged (Moodle's default for a new
         *          course)
         * @return this builder
         */
        public Builder calendartype(String v) { this.calendartype = v; return this; }

        /**
         * Sets whether students see the gradebook ({@code showgrades} column).
         *
         * @param v 1 shown, 0 not, or null to leave it unchanged (Moodle's default for a new course)
         * @return this builder
         */
        public Builder showgrades(Integer v) { this.showgrades = v; return this; }

        /**
         * Sets the number of announcements shown ({@code newsitems} column).
         *
         * @param v 0 to 10, or null to leave it unchanged (Moodle's default for a new course)
         * @return this builder
         */
        public Builder newsitems(Integer v) { this.newsitems = v; return this; }

        /**
         * Sets the highlighted section ({@code marker} column).
         *
         * @param v the section number (0: none), or null to leave it unchanged (Moodle's default for a new course)
         * @return this builder
         */
        public Builder marker(Long v) { this.marker = v; return this; }

        /**
         * Sets the upload limit ({@code maxbytes} column).
         *
         * @param v the limit in bytes, 0 for the site's, or null to leave it unchanged (Moodle's default for a new
         *          course)
         * @return this builder
         */
        public Builder maxbytes(Long v) { this.maxbytes = v; return this; }

        /**
         * Sets legacy course files ({@code legacyfiles} column).
         *
         * @param v 0 no, 2 yes, or null to leave it unchanged (Moodle's default for a new course)
         * @return this builder
         */
        public Builder legacyfiles(Integer v) { this.legacyfiles = v; return this; }

        /**
         * Sets whether students see their activity reports ({@code showreports} column).
         *
         * @param v 1 shown, 0 not, or null to leave it unchanged (Moodle's default for a new course)
         * @return this builder
         */
        public Builder showreports(Integer v) { this.showreports = v; return this; }

        /**
         * Sets the group mode ({@code groupmode} column).
         *
         * @param v 0 no groups, 1 separate groups, 2 visible groups, or null to leave it unchanged (Moodle's default
         *          for a new course)
         * @return this builder
         */
        public Builder groupmode(Integer v) { this.groupmode = v; return this; }

        /**
         * Sets whether the group mode is forced on every activity ({@code groupmodeforce} column).
         *
         * @param v 1 forced, 0 not, or null to leave it unchanged (Moodle's default for a new course)
         * @return this builder
         */
        public Builder groupmodeforce(Integer v) { this.groupmodeforce = v; return this; }

        /**
         * Sets the default grouping ({@code defaultgroupingid} column); updates only.
         *
         * @param v the id of a grouping of the course, 0 for none, or null to leave it unchanged
         * @return this builder
         */
        public Builder defaultgroupingid(Long v) { this.defaultgroupingid = v; return this; }

        /**
         * Sets completion tracking ({@code enablecompletion} column).
         *
         * @param v 1 enabled, 0 not, or null to leave it unchanged (Moodle's default for a new course)
         * @return this builder
         */
        public Builder enablecompletion(Integer v) { this.enablecompletion = v; return this; }

        /**
         * Sets whether completion conditions are shown ({@code showcompletionconditions} column).
         *
         * @param v 1 shown, 0 not, or null to leave it unchanged (Moodle's default for a new course)
         * @return this builder
         */
        public Builder showcompletionconditions(Integer v) { this.showcompletionconditions = v; return this; }

        /**
         * Sets whether activity dates are shown ({@code showactivitydates} column).
         *
         * @param v 1 shown, 0 not, or null to leave it unchanged (Moodle's default for a new course)
         * @return this builder
         */
        public Builder showactivitydates(Integer v) { this.showactivitydates = v; return this; }

        /**
         * Sets the format option {@code coursedisplay} ({@code coursedisplay} column).
         *
         * @param v 0 all sections on one page, 1 one section per page, or null to leave it unchanged (Moodle's default
         *          for a new course)
         * @return this builder
         */
        public Builder coursedisplay(Integer v) { this.coursedisplay = v; return this; }

        /**
         * Sets the format option {@code hiddensections} ({@code hiddensections} column).
         *
         * @param v 0 hidden sections shown collapsed, 1 invisible, or null to leave it unchanged (Moodle's default for
         *          a new course)
         * @return this builder
         */
        public Builder hiddensections(Integer v) { this.hiddensections = v; return this; }

        /**
         * Sets the creation time of a new course ({@code timecreated} column); ignored on update.
         *
         * @param v the time, or null for now
         * @return this builder
         */
        public Builder timecreated(MoodleDate v) { this.timecreated = v; return this; }

        /**
         * Sets the number of sections after section 0 ({@code numsections} column); an existing course gets the missing
         * ones, none is ever removed.
         *
         * @param v 0 to 1000, or null: the site's {@code moodlecourse/numsections}, or the highest section named
         * @return this builder
         */
        public Builder numsections(Integer v) { this.numsections = v; return this; }

        /**
         * Sets the name and summary of a section ({@code topicN} column), replacing one given before for that number.
         *
         * @param number  the section number, 0 to 1000 (0 is the general section)
         * @param section its name and summary
         * @return this builder
         */
        public Builder section(int number, CourseSection section) { sections.put(number, section); return this; }

        /**
         * Sets the self enrolment instance ({@code self} column).
         *
         * @param v true: it exists and is enabled; false: it is disabled; null: left as it is
         * @return this builder
         */
        public Builder self(Boolean v) { this.self = v; return this; }

        /**
         * Sets the guest access instance ({@code guest} column).
         *
         * @param v true: it exists and is enabled; false: it is disabled; null: left as it is
         * @return this builder
         */
        public Builder guest(Boolean v) { this.guest = v; return this; }

        /**
         * Sets a course to copy a new course from ({@code template} column); not used on update.
         *
         * @param v the template's shortname or idnumber (at most 255 characters), or null for none
         * @return this builder
         */
        public Builder template(String v) { this.template = v; return this; }

        /**
         * Adds a user enrolled with a teacher role ({@code teacherN_account}, {@code teacherN_role} columns).
         *
         * @param teacher the teacher
         * @return this builder
         */
        public Builder teacher(CourseTeacher teacher) { teachers.add(teacher); return this; }

        /**
         * Builds the command and checks its constraints.
         *
         * @return the command
         * @throws org.moodlesync.api.command.InvalidCommandException naming the field, when a required
         *         field is missing or a value breaks a constraint (length, range, format)
         */
        public CourseCommand build() {
            CourseCommand command = new CourseCommand(id, shortname, fullname, idnumber, category, categoryIdnumber,
                    format, summary, summaryformat, startdate, enddate, visible, lang, theme, calendartype, showgrades,
                    newsitems, marker, maxbytes, legacyfiles, showreports, groupmode, groupmodeforce, defaultgroupingid,
                    enablecompletion, showcompletionconditions, showactivitydates, coursedisplay, hiddensections,
                    timecreated, numsections, sections, self, guest, template, teachers);
            return CommandConstraints.check(command);
        }
    }
}
