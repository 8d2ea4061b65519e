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
 * @param fullname                 full name
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
        @Size(max = 254) String fullname,
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

    public CourseCommand {
        sections = sections == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(sections));
        teachers = teachers == null ? List.of() : List.copyOf(teachers);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this command's values, to derive a changed copy. */
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

    /** The value of the identifying field, as a string (null when absent). */
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

        public Builder id(Long v) { this.id = v; return this; }
        public Builder shortname(String v) { this.shortname = v; return this; }
        public Builder fullname(String v) { this.fullname = v; return this; }
        public Builder idnumber(String v) { this.idnumber = v; return this; }
        public Builder category(String v) { this.category = v; return this; }
        public Builder categoryIdnumber(String v) { this.categoryIdnumber = v; return this; }
        public Builder format(String v) { this.format = v; return this; }
        public Builder summary(String v) { this.summary = v; return this; }
        public Builder summaryformat(Integer v) { this.summaryformat = v; return this; }
        public Builder startdate(MoodleDate v) { this.startdate = v; return this; }
        public Builder enddate(MoodleDate v) { this.enddate = v; return this; }
        public Builder visible(Integer v) { this.visible = v; return this; }
        public Builder lang(String v) { this.lang = v; return this; }
        public Builder theme(String v) { this.theme = v; return this; }
        public Builder calendartype(String v) { this.calendartype = v; return this; }
        public Builder showgrades(Integer v) { this.showgrades = v; return this; }
        public Builder newsitems(Integer v) { this.newsitems = v; return this; }
        public Builder marker(Long v) { this.marker = v; return this; }
        public Builder maxbytes(Long v) { this.maxbytes = v; return this; }
        public Builder legacyfiles(Integer v) { this.legacyfiles = v; return this; }
        public Builder showreports(Integer v) { this.showreports = v; return this; }
        public Builder groupmode(Integer v) { this.groupmode = v; return this; }
        public Builder groupmodeforce(Integer v) { this.groupmodeforce = v; return this; }
        public Builder defaultgroupingid(Long v) { this.defaultgroupingid = v; return this; }
        public Builder enablecompletion(Integer v) { this.enablecompletion = v; return this; }
        public Builder showcompletionconditions(Integer v) { this.showcompletionconditions = v; return this; }
        public Builder showactivitydates(Integer v) { this.showactivitydates = v; return this; }
        public Builder coursedisplay(Integer v) { this.coursedisplay = v; return this; }
        public Builder hiddensections(Integer v) { this.hiddensections = v; return this; }
        public Builder timecreated(MoodleDate v) { this.timecreated = v; return this; }
        public Builder numsections(Integer v) { this.numsections = v; return this; }
        public Builder section(int number, CourseSection section) { sections.put(number, section); return this; }
        public Builder self(Boolean v) { this.self = v; return this; }
        public Builder guest(Boolean v) { this.guest = v; return this; }
        public Builder template(String v) { this.template = v; return this; }
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
